/// Where the features of a FeatureCollection start, found by one quick pass
/// over the bytes (strings skipped, depth counted), so that large files can
/// be parsed on every core. The pass only plans: the strict parser still
/// reads every byte, and anything the pass does not fully understand (an
/// escaped key, a second "features", an empty element, unbalanced brackets)
/// gives no plan, so the file is read by the one sequential parser, whose
/// answer and errors are then the only ones.
struct FeatureArraySplit: Sendable {
    /// Offset of the `[` opening the root's "features" array, and of its `]`.
    var open: Int
    var close: Int
    /// Offset of the first byte of each element.
    var starts: [Int]

    static func plan(_ b: UnsafeBufferPointer<UInt8>, end: Int) -> FeatureArraySplit? {
        var i = 0
        if end >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
        @inline(__always) func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }
        while i < end && isSpace(b[i]) { i += 1 }
        guard i < end, b[i] == UInt8(ascii: "{") else { return nil }
        var depth = 0
        var keyIsFeatures = false, seenFeatures = false
        var inFeatures = false, expectElement = false
        var split = FeatureArraySplit(open: -1, close: -1, starts: [])
        while i < end {
            let c = b[i]
            if expectElement && !isSpace(c) {
                if c == UInt8(ascii: "]") || c == UInt8(ascii: ",") { return nil }  // empty or trailing: let the parser say
                split.starts.append(i)
                expectElement = false
            }
            switch c {
            case UInt8(ascii: "\""):
                let start = i + 1
                var escaped = false
                i += 1
                while i < end && b[i] != UInt8(ascii: "\"") {
                    if b[i] == UInt8(ascii: "\\") {
                        escaped = true
                        i += 1
                    }
                    i += 1
                }
                guard i < end else { return nil }
                if depth == 1 {
                    // A key of the root (or a string value there, which is never followed by '[').
                    if escaped { return nil }
                    let name: StaticString = "features"
                    keyIsFeatures = i - start == 8 && name.withUTF8Buffer { n in (0..<8).allSatisfy { b[start + $0] == n[$0] } }
                    if keyIsFeatures {
                        if seenFeatures { return nil }
                        seenFeatures = true
                    }
                }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth == 2 && c == UInt8(ascii: "[") && keyIsFeatures {
                    split.open = i
                    inFeatures = true
                    expectElement = true
                    // An empty array: no element follows.
                    var j = i + 1
                    while j < end && isSpace(b[j]) { j += 1 }
                    if j < end && b[j] == UInt8(ascii: "]") { expectElement = false }
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if inFeatures && depth == 2 {
                    guard c == UInt8(ascii: "]") else { return nil }
                    split.close = i
                    inFeatures = false
                }
                depth -= 1
                if depth == 0 { return split.open >= 0 && split.close > split.open ? split : nil }
                if depth < 0 { return nil }
            case UInt8(ascii: ","):
                if inFeatures && depth == 2 { expectElement = true }
                if depth == 1 { keyIsFeatures = false }
            default:
                break
            }
            i += 1
        }
        return nil
    }
}
