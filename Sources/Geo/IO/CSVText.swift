/// CSV fields as RFC 4180 writes them, for every CSV mapcli writes.
///
/// Invariants:
/// - A field is quoted when it holds a comma, a quote or a line break (looked
///   for by Unicode scalar: "\r\n" is one Swift `Character`), and its quotes
///   are doubled.
/// - Control characters other than line breaks and tabs (a NUL…) become
///   U+FFFD, so that no reader stops at them.
/// - The byte writer gives the same bytes as the string one.
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
    public static func append(field s: String, to out: inout [UInt8]) {
        var s = s
        s.makeContiguousUTF8()  // native strings already are: no copy
        let plain = s.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            var previous: UInt8 = 0
            for b in bytes {
                // ASCII specials and controls; C1 controls are 0xC2 0x80–0x9F in UTF-8.
                if b < 0x20 || b == 0x7F || b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || (previous == 0xC2 && b >= 0x80 && b <= 0x9F) {
                    return false
                }
                previous = b
            }
            out.append(contentsOf: bytes)
            return true
        }
        if plain == true { return }
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
