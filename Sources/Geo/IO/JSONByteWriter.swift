/// Builds JSON text as bytes, for reports of hundreds of thousands of
/// entries: no intermediate strings, numbers formatted straight into the
/// buffer. Its output is what `JSONText.quoted` and `NumberFormatting.json`
/// would write (tests check both).
struct JSONByteWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// Literal JSON syntax (keys, punctuation), given as ASCII.
    mutating func raw(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func byte(_ b: UInt8) { bytes.append(b) }


    /// A JSON string, quoted and escaped as `JSONText.quoted` does.
    mutating func string(_ s: String) {
        bytes.append(UInt8(ascii: "\""))
        var s = s
        s.withUTF8 { utf8 in
            var plain = true
            for b in utf8 where b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") {
                plain = false
                break
            }
            if plain {
                bytes.append(contentsOf: utf8)
            } else {
                bytes.append(contentsOf: JSONText.quoted(String(decoding: utf8, as: UTF8.self)).utf8.dropFirst().dropLast())
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func integer(_ n: Int) {
        if n < 0 {
            bytes.append(UInt8(ascii: "-"))
            digits(UInt64(n.magnitude))
        } else {
            digits(UInt64(n))
        }
    }

    /// `NumberFormatting.json(v)`: shortest round-trip text.
    mutating func number(_ v: Double) {
        bytes.append(contentsOf: NumberFormatting.json(v).utf8)
    }

    /// `NumberFormatting.json(NumberFormatting.rounded(v, decimals:))`, written
    /// from the integer of units of 10^-decimals. For |value| in [1e-4, 1e9)
    /// and at most 6 decimals, the decimal digits of that integer are the
    /// shortest text that reads back as the rounded double (the rounding
    /// interval is far narrower than 10^-6); elsewhere it defers to `number`.
    mutating func number(_ v: Double, decimals: Int) {
        let r = NumberFormatting.rounded(v, decimals: decimals)
        guard decimals <= 6, r == 0 || (abs(r) >= 1e-4 && abs(r) < 1e9) else {
            number(r)
            return
        }
        if r == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        var units = UInt64((abs(v) * scale).rounded())
        if r < 0 { bytes.append(UInt8(ascii: "-")) }
        var places = decimals
        while places > 0 && units % 10 == 0 {
            units /= 10
            places -= 1
        }
        var p: UInt64 = 1
        for _ in 0..<places { p *= 10 }
        digits(units / p)
        if places > 0 {
            bytes.append(UInt8(ascii: "."))
            var fraction = units % p
            var buffer: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) = (48, 48, 48, 48, 48, 48)
            withUnsafeMutableBytes(of: &buffer) { b in
                for i in stride(from: places - 1, through: 0, by: -1) {
                    b[i] = UInt8(48 + fraction % 10)
                    fraction /= 10
                }
                bytes.append(contentsOf: b[0..<places])
            }
        }
    }

    private mutating func digits(_ n: UInt64) {
        var buffer: (UInt64, UInt64, UInt64) = (0, 0, 0)
        withUnsafeMutableBytes(of: &buffer) { b in
            var i = 24, n = n
            repeat {
                i -= 1
                b[i] = UInt8(48 + n % 10)
                n /= 10
            } while n > 0
            bytes.append(contentsOf: b[i..<24])
        }
    }
}

/// The members of one JSON object, written in the order given (callers give
/// them sorted): a comma before all but the first, absent optionals left out,
/// as `JSONEncoder` leaves out nil values.
struct JSONMembers {
    private var first = true

    mutating func key(_ k: StaticString, _ o: inout JSONByteWriter) {
        if !first { o.byte(UInt8(ascii: ",")) }
        first = false
        o.byte(UInt8(ascii: "\""))
        o.raw(k)
        o.raw("\":")
    }

    mutating func number(_ k: StaticString, _ v: Double?, _ o: inout JSONByteWriter) {
        guard let v else { return }
        key(k, &o)
        o.number(v)
    }

    mutating func integer(_ k: StaticString, _ v: Int?, _ o: inout JSONByteWriter) {
        guard let v else { return }
        key(k, &o)
        o.integer(v)
    }

    mutating func string(_ k: StaticString, _ v: String?, _ o: inout JSONByteWriter) {
        guard let v else { return }
        key(k, &o)
        o.string(v)
    }

    mutating func bool(_ k: StaticString, _ v: Bool?, _ o: inout JSONByteWriter) {
        guard let v else { return }
        key(k, &o)
        o.raw(v ? "true" : "false")
    }
}
