/// Text placed in SVG or HTML, escaped so that no name can break the file.
///
/// Invariants: the result holds no markup character (`&`, `<`, `>`, `"`,
/// `'` become entities), no character XML 1.0 forbids (C0 controls other
/// than tab, line feed and carriage return, U+FFFE, U+FFFF, lone
/// surrogates cannot occur in Swift strings), no raw line break or tab (in
/// attributes written as character references, so they survive
/// attribute-value normalisation; in text a space: labels are one line). Forbidden characters become U+FFFD, the
/// replacement character, so that a reader sees something was there.
/// Works on Unicode scalars, not Characters: "\r\n" is one Swift Character.
public enum MarkupText {
    public static func escape(_ s: String, attribute: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            case "\t", "\n", "\r":
                // A label or title is one line: in text, a break or tab is a space.
                if attribute { out += "&#\(u.value);" } else { out += " " }
            default:
                let v = u.value
                if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) || v == 0xFFFE || v == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }
}
