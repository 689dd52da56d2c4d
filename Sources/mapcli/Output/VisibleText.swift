/// Text for a terminal or a text file, with what the data hold shown rather
/// than obeyed (issue 29): control characters (C0 but tab, line feed and
/// carriage return; DEL; C1) and the Unicode bidirectional controls
/// (embeddings, overrides, isolates, marks) are written as `<U+202E>`. A name
/// with a right-to-left override cannot reorder a line of the answer, and an
/// ESC in an id cannot drive the terminal. Right-to-left letters (Persian,
/// Arabic names) are letters and stay as they are. JSON and CSV carry the
/// data unchanged (JSON escapes control characters itself).
enum VisibleText {
    static func isHidden(_ v: UInt32) -> Bool {
        switch v {
        case 0x09, 0x0A, 0x0D: return false
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// "<U+001B>" for ESC.
    static func shown(_ s: Unicode.Scalar) -> String {
        let hex = String(s.value, radix: 16, uppercase: true)
        return "<U+\(String(repeating: "0", count: max(0, 4 - hex.count)))\(hex)>"
    }

    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isHidden($0.value) }) else { return text }
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if isHidden(s.value) {
                out.append(contentsOf: shown(s).unicodeScalars)
            } else {
                out.append(s)
            }
        }
        return String(out)
    }
}
