/// Reading comma-separated text (RFC 4180): fields separated by commas, a
/// field holding a comma, a quote or a line break is quoted with double
/// quotes, and a quote inside it is doubled. Lines end with LF or CRLF.
///
/// Invariants: every record of the result has as many fields as the header;
/// a quote that is not closed, or text after a closing quote, is an error
/// naming the line.
public enum CSVReader {
    /// The records of `text`, the header first.
    public static func records(_ text: String, file: String) throws(GeoError) -> [[String]] {
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        var quoted = false, wasQuoted = false
        var line = 1
        var it = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? {
            if let p = pending { pending = nil; return p }
            return it.next()
        }
        func endRecord() {
            record.append(field)
            if !(record.count == 1 && record[0].isEmpty && !wasQuoted) { records.append(record) }
            record = []
            field = ""
            wasQuoted = false
        }
        while let c = next() {
            if quoted {
                if c == "\"" {
                    if let n = next() {
                        if n == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = n }
                    } else {
                        quoted = false
                    }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty, !wasQuoted else {
                    throw GeoError(.syntax, "line \(line): a quote inside an unquoted field (quote the whole field and double the quote)", file: file)
                }
                quoted = true
                wasQuoted = true
            case ",":
                record.append(field)
                field = ""
                wasQuoted = false
            case "\r":
                if let n = next(), n != "\n" { pending = n }
                endRecord()
                line += 1
            case "\n":
                endRecord()
                line += 1
            default:
                if wasQuoted {
                    throw GeoError(.syntax, "line \(line): text after a closing quote", file: file)
                }
                field.unicodeScalars.append(c)
            }
        }
        if quoted { throw GeoError(.syntax, "line \(line): a quoted field is not closed", file: file) }
        if !field.isEmpty || !record.isEmpty || wasQuoted { endRecord() }
        if let width = records.first?.count {
            for (i, r) in records.enumerated() where r.count != width {
                throw GeoError(.schema, "record \(i + 1) has \(r.count) fields; the header has \(width)", file: file)
            }
        }
        return records
    }
}
