import Foundation
import Geo

/// A plain-text table with a header row, columns padded to their widest cell;
/// numeric columns are right-aligned.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    var rightAligned: Set<Int> = []

    init(_ header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    mutating func add(_ row: [String]) { rows.append(row.map(PlainText.oneLine)) }

    func render(indent: String = "") -> String {
        let header = self.header.map(PlainText.oneLine)
        var widths = header.map(\.count)
        for r in rows {
            for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) }
        }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (i, c) in cells.enumerated() {
                let pad = String(repeating: " ", count: max(widths[i] - c.count, 0))
                parts.append(rightAligned.contains(i) ? pad + c : (i == cells.count - 1 ? c : c + pad))
            }
            return indent + parts.joined(separator: "  ")
        }
        var out = line(header) + "\n"
        for r in rows { out += line(r) + "\n" }
        return out
    }
}

/// RFC 4180 CSV.
enum CSV {
    /// A field as every CSV of mapcli writes it (`Geo.CSVText`).
    static func field(_ s: String) -> String { CSVText.field(s) }

    static func line(_ fields: [String]) -> String { CSVText.line(fields) }
}

/// Text for a terminal table: one line, no control character.
enum PlainText {
    static func isControl(_ u: Unicode.Scalar) -> Bool { CSVText.isControl(u) }

    /// Line breaks and tabs become spaces, other control characters U+FFFD.
    static func oneLine(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        for u in s.unicodeScalars {
            defer { previous = u }
            if u == "\n" && previous == "\r" { continue }  // CRLF: one break, one space
            out.append(u == "\n" || u == "\r" || u == "\t" ? " " : (isControl(u) ? "\u{FFFD}" : u))
        }
        return String(out)
    }
}
