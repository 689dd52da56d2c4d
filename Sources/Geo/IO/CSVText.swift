/// CSV fields as RFC 4180 writes them, for every CSV mapcli writes.
///
/// Invariants:
/// - A field is quoted when it holds a comma, a quote or a line break (looked
///   for by Unicode scalar: "\r\n" is one Swift `Character`), and its quotes
///   are doubled.
/// - Control characters other than line breaks and tabs (a NUL…) become
///   U+FFFD, so that no reader stops at them.
/// - The byte writer gives the same bytes as the string one.
/// - A field a spreadsheet would read as a formula (it starts with `=`, `+`,
///   `-`, `@`, a tab or a carriage return, and is not a plain number such as
///   `-12.5`) is written with a `'` before it, which spreadsheets show as text
///   (OWASP's advice against CSV injection): `=cmd|' /C calc'!A0` is written
///   `'=cmd|' /C calc'!A0`.
public enum CSVText {
    /// C0 controls, DEL and C1 controls.
    public static func isControl(_ u: Unicode.Scalar) -> Bool { u.value < 0x20 || u.value == 0x7F || (0x80...0x9F).contains(u.value) }

    public static func field(_ s: String) -> String {
        var bytes: [UInt8] = []
        append(field: s, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",") + "\n"
    }

    /// Appends the field's bytes: as they are when nothing needs quoting or
    /// replacing (the usual case, decided on the UTF-8 bytes), else the slow way.
    /// Whether the text holds a control character (C1 controls are 0xC2 0x80–0x9F in
    /// UTF-8), decided on its bytes.
    public static func containsControl(_ s: String) -> Bool {
        var lead: UInt8 = 0
        for b in s.utf8 {
            if b < 0x20 || b == 0x7F || (lead == 0xC2 && b >= 0x80 && b <= 0x9F) { return true }
            lead = b
        }
        return false
    }

    /// Whether a spreadsheet would take the field for a formula (see the invariants).
    public static func startsFormula(_ s: String) -> Bool {
        guard let first = s.utf8.first, [UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D].contains(first)
        else { return false }
        let isNumber = Double(s) != nil && s.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || "+-.eE".utf8.contains($0) }
        return !isNumber
    }

    public static func append(field s: String, to out: inout [UInt8]) {
        if startsFormula(s) {
            append(field: "'" + s, to: &out)
            return
        }
        if !containsControl(s) && !s.utf8.contains(UInt8(ascii: ",")) && !s.utf8.contains(UInt8(ascii: "\"")) {
            out.append(contentsOf: s.utf8)
            return
        }
        var clean = String.UnicodeScalarView()
        var quote = false
        for u in s.unicodeScalars {
            switch u {
            case ",", "\"", "\n", "\r": quote = true; clean.append(u)
            case "\t": clean.append(u)
            default: clean.append(isControl(u) ? "\u{FFFD}" : u)
            }
        }
        let text = String(clean)
        if quote {
            out.append(UInt8(ascii: "\""))
            for b in text.utf8 {
                out.append(b)
                if b == UInt8(ascii: "\"") { out.append(b) }
            }
            out.append(UInt8(ascii: "\""))
        } else {
            out.append(contentsOf: text.utf8)
        }
    }
}
