/// A strict byte-level JSON scanner (RFC 8259) over a buffer that ends with a
/// NUL sentinel byte. It validates the grammar as it goes (no trailing commas,
/// no leading zeros, no control characters or invalid UTF-8 in strings, no
/// duplicate keys, bounded nesting) and converts numbers without allocating.
///
/// Positions in errors are byte offsets with line and column.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    /// The index one past the last real byte (the sentinel's index).
    let end: Int
    var position: Int = 0
    let maxDepth: Int

    init(bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        precondition(bytes.last == 0, "scanner buffers end with a NUL sentinel")
        self.bytes = bytes
        self.end = bytes.count - 1
        self.maxDepth = maxDepth
    }

    // MARK: Positions and errors

    func lineAndColumn(_ offset: Int) -> (Int, Int) {
        var line = 1, column = 1
        var i = 0
        while i < offset && i < end {
            if bytes[i] == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
            i += 1
        }
        return (line, column)
    }

    func syntaxError(_ message: String, at offset: Int? = nil) -> GeoError {
        let o = offset ?? position
        let (line, column) = lineAndColumn(o)
        let what = o >= end ? "end of input" : "byte \(o) (line \(line), column \(column))"
        return GeoError(.syntax, "\(message) at \(what)")
    }

    // MARK: Tokens

    @inline(__always) var current: UInt8 { bytes[position] }

    @inline(__always) mutating func skipWhitespace() {
        while true {
            switch bytes[position] {
            case 0x20, 0x0A, 0x0D, 0x09: position += 1
            default: return
            }
        }
    }

    /// Skips whitespace and returns the next byte without consuming it (0 at end).
    @inline(__always) mutating func peek() -> UInt8 {
        skipWhitespace()
        return position < end ? bytes[position] : 0
    }

    mutating func expect(_ byte: UInt8, _ what: String) throws(GeoError) {
        if peek() != byte { throw syntaxError("expected \(what)") }
        position += 1
    }

    /// After a value inside an array or object: consumes `,` and returns true,
    /// or consumes the closing byte and returns false.
    @inline(__always) mutating func commaOrClose(_ close: UInt8) throws(GeoError) -> Bool {
        let b = peek()
        if b == UInt8(ascii: ",") {
            position += 1
            return true
        }
        if b == close {
            position += 1
            return false
        }
        let closer = close == UInt8(ascii: "]") ? "']'" : "'}'"
        throw syntaxError("expected ',' or \(closer)")
    }

    /// Consumes `]` or `}` immediately after an opening bracket, for empty containers.
    mutating func consumeIfEmpty(_ close: UInt8) -> Bool {
        if peek() == close {
            position += 1
            return true
        }
        return false
    }

    /// Called after a comma: a closing bracket here is a trailing comma.
    mutating func rejectTrailingComma() throws(GeoError) {
        let b = peek()
        if b == UInt8(ascii: "]") || b == UInt8(ascii: "}") { throw syntaxError("trailing comma") }
    }

    // MARK: Literals

    mutating func literal(_ text: StaticString) throws(GeoError) {
        let start = position
        text.withUTF8Buffer { lit in
            for b in lit {
                guard position < end, bytes[position] == b else { return }
                position += 1
            }
        }
        if position - start != text.utf8CodeUnitCount {
            position = start
            throw syntaxError("invalid literal")
        }
    }

    // MARK: Strings

    /// Parses a string at the current `"`; validates escapes and UTF-8.
    mutating func string() throws(GeoError) -> String {
        guard peek() == UInt8(ascii: "\"") else { throw syntaxError("expected a string") }
        let start = position
        position += 1
        let contentStart = position
        // Fast path: no escapes.
        while true {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                let span = UnsafeBufferPointer(rebasing: bytes[contentStart..<position])
                position += 1
                guard let s = String(validating: span, as: UTF8.self) else {
                    throw syntaxError("invalid UTF-8 in string", at: start)
                }
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 {
                if position >= end { throw syntaxError("unterminated string", at: start) }
                throw syntaxError("control character in string")
            }
            position += 1
        }
        // Slow path with escapes.
        var out: [UInt8] = Array(bytes[contentStart..<position])
        while true {
            let b = bytes[position]
            if b == UInt8(ascii: "\"") {
                position += 1
                guard let s = String(validating: out, as: UTF8.self) else {
                    throw syntaxError("invalid UTF-8 in string", at: start)
                }
                return s
            }
            if b < 0x20 {
                if position >= end { throw syntaxError("unterminated string", at: start) }
                throw syntaxError("control character in string")
            }
            if b != UInt8(ascii: "\\") {
                out.append(b)
                position += 1
                continue
            }
            position += 1
            let e = bytes[position]
            position += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if (0xD800...0xDBFF).contains(scalar) {
                    guard bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                        throw syntaxError("unpaired surrogate in \\u escape")
                    }
                    position += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw syntaxError("unpaired surrogate in \\u escape") }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00...0xDFFF).contains(scalar) {
                    throw syntaxError("unpaired surrogate in \\u escape")
                }
                guard let u = Unicode.Scalar(scalar) else { throw syntaxError("invalid \\u escape") }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default:
                throw syntaxError("invalid escape in string", at: position - 2)
            }
        }
    }

    private mutating func hex4() throws(GeoError) -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[position]
            let d: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw syntaxError("invalid \\u escape")
            }
            v = v * 16 + d
            position += 1
        }
        return v
    }

    // MARK: Numbers

    private static let powersOfTen: [Double] = (0...22).map { pow10($0) }
    private static func pow10(_ e: Int) -> Double {
        var r = 1.0
        for _ in 0..<e { r *= 10 }
        return r
    }

    /// Parses a JSON number. Exact: a fast path for up to 15 significant
    /// digits and a power of ten up to 22 (one correctly rounded operation,
    /// Clinger's fast path), otherwise Swift's correctly rounded,
    /// locale-independent conversion.
    mutating func number() throws(GeoError) -> Double {
        skipWhitespace()
        let start = position
        var negative = false
        if bytes[position] == UInt8(ascii: "-") {
            negative = true
            position += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var truncated = false
        @inline(__always) func isDigit(_ b: UInt8) -> Bool { b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9") }
        let b0 = bytes[position]
        if b0 == UInt8(ascii: "0") {
            position += 1
            if isDigit(bytes[position]) { throw syntaxError("leading zero in number", at: start) }
        } else if b0 >= UInt8(ascii: "1") && b0 <= UInt8(ascii: "9") {
            while isDigit(bytes[position]) {
                let d = UInt64(bytes[position] &- UInt8(ascii: "0"))
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ d
                    significant += 1
                } else {
                    if d != 0 { truncated = true }
                    exponent += 1
                }
                position += 1
            }
        } else {
            throw syntaxError(start >= end ? "expected a number" : "invalid number", at: start)
        }
        if bytes[position] == UInt8(ascii: ".") {
            position += 1
            let fractionStart = position
            while isDigit(bytes[position]) {
                let d = UInt64(bytes[position] &- UInt8(ascii: "0"))
                if significant < 19 {
                    if mantissa != 0 || d != 0 { significant += 1 }
                    mantissa = mantissa &* 10 &+ d
                    exponent -= 1
                } else if d != 0 {
                    truncated = true
                }
                position += 1
            }
            if position == fractionStart { throw syntaxError("digit expected after decimal point", at: position) }
        }
        if bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            var exponentNegative = false
            if bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") {
                exponentNegative = bytes[position] == UInt8(ascii: "-")
                position += 1
            }
            let exponentStart = position
            var explicit = 0
            while isDigit(bytes[position]) {
                if explicit < 1_000_000 { explicit = explicit * 10 + Int(bytes[position] - UInt8(ascii: "0")) }
                position += 1
            }
            if position == exponentStart { throw syntaxError("digit expected in exponent", at: position) }
            exponent += exponentNegative ? -explicit : explicit
        }
        if !truncated && significant <= 15 && exponent >= -22 && exponent <= 22 {
            var v = Double(mantissa)
            if exponent < 0 {
                v /= JSONScanner.powersOfTen[-exponent]
            } else {
                v *= JSONScanner.powersOfTen[exponent]
            }
            return negative ? -v : v
        }
        let span = UnsafeBufferPointer(rebasing: bytes[start..<position])
        guard let v = Double(String(decoding: span, as: UTF8.self)) else {
            throw syntaxError("invalid number", at: start)
        }
        return v
    }

    // MARK: Generic values

    /// Parses any JSON value (used for properties, ids, foreign members).
    mutating func value(depth: Int) throws(GeoError) -> JSONValue {
        // depth is 0-based: levels 0 to maxDepth - 1 make maxDepth levels.
        if depth >= maxDepth { throw syntaxError("JSON nested deeper than \(maxDepth) levels") }
        switch peek() {
        case UInt8(ascii: "{"):
            position += 1
            var object: [String: JSONValue] = [:]
            if consumeIfEmpty(UInt8(ascii: "}")) { return .object(object) }
            repeat {
                try rejectTrailingComma()
                let keyOffset = position
                let key = try string()
                try expect(UInt8(ascii: ":"), "':' after object key")
                let v = try value(depth: depth + 1)
                if object.updateValue(v, forKey: key) != nil {
                    throw syntaxError("duplicate key \"\(key)\"", at: keyOffset)
                }
            } while try commaOrClose(UInt8(ascii: "}"))
            return .object(object)
        case UInt8(ascii: "["):
            position += 1
            var array: [JSONValue] = []
            if consumeIfEmpty(UInt8(ascii: "]")) { return .array(array) }
            repeat {
                try rejectTrailingComma()
                array.append(try value(depth: depth + 1))
            } while try commaOrClose(UInt8(ascii: "]"))
            return .array(array)
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"):
            try literal("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try literal("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try literal("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return .number(try number())
        case 0 where position >= end:
            throw syntaxError("unexpected end of input")
        default:
            throw syntaxError("unexpected character '\(printable(current))'")
        }
    }

    func printable(_ b: UInt8) -> String {
        if (0x20..<0x7F).contains(b) { return String(UnicodeScalar(b)) }
        let hex = String(b, radix: 16, uppercase: true)
        return "\\x" + (hex.count == 1 ? "0" + hex : hex)
    }
}
