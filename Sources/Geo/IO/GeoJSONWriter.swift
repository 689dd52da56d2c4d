/// Writes RFC 7946 GeoJSON: exterior rings counter-clockwise and holes
/// clockwise (whatever winding came in), a `bbox` as [west, south, east,
/// north], coordinates rounded to a fixed number of decimals, no `crs`, and
/// keys in a fixed order (`type`, `id`, `bbox`, `properties` with sorted
/// keys, `geometry`), so that output can be diffed.
public struct GeoJSONWriter: Sendable {
    public struct Options: Sendable {
        /// Decimals kept in coordinates; 6 is about 10 cm (RFC 7946 §11.2).
        public var precision = 6
        /// Write a `bbox` on the collection and on each feature.
        public var boundingBoxes = true
        /// One feature per line instead of one line in all.
        public var featurePerLine = true
        public init() {}
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    public func string(_ collection: FeatureCollection) -> String {
        string(features: collection.features)
    }

    public func string(features: [Feature], foreignMembers: [String: JSONValue] = [:]) -> String {
        var out = "{\"type\":\"FeatureCollection\""
        if options.boundingBoxes, let box = features.compactMap({ $0.geometry?.boundingBox }).reduce(nil, { (a: BoundingBox?, b) in a.map { $0.union(b) } ?? b }) {
            out += ",\"bbox\":"
            writeBBox(box, into: &out)
        }
        for key in foreignMembers.keys.sorted() {
            out += ","
            writeString(key, into: &out)
            out += ":"
            writeValue(foreignMembers[key]!, into: &out)
        }
        out += ",\"features\":["
        for (i, f) in features.enumerated() {
            if i > 0 { out += "," }
            if options.featurePerLine { out += "\n" }
            writeFeature(f, into: &out)
        }
        if options.featurePerLine && !features.isEmpty { out += "\n" }
        out += "]}\n"
        return out
    }

    public func string(feature: Feature) -> String {
        var out = ""
        writeFeature(feature, into: &out)
        return out + "\n"
    }

    public func string(geometry: Geometry) -> String {
        var out = ""
        writeGeometry(geometry, into: &out)
        return out
    }

    // MARK: Pieces

    func writeFeature(_ f: Feature, into out: inout String) {
        out += "{\"type\":\"Feature\""
        if let id = f.id {
            out += ",\"id\":"
            switch id {
            case .string(let s): writeString(s, into: &out)
            case .number(let n): writeNumber(n, into: &out)
            }
        }
        if options.boundingBoxes, let g = f.geometry, let box = g.boundingBox {
            out += ",\"bbox\":"
            writeBBox(box, into: &out)
        }
        out += ",\"properties\":"
        writeValue(.object(f.properties), into: &out)
        out += ",\"geometry\":"
        if let g = f.geometry { writeGeometry(g, into: &out) } else { out += "null" }
        out += "}"
    }

    func writeGeometry(_ g: Geometry, into out: inout String) {
        out += "{\"type\":\"\(g.typeName)\","
        switch g {
        case .geometryCollection(let gs):
            out += "\"geometries\":["
            for (i, m) in gs.enumerated() {
                if i > 0 { out += "," }
                writeGeometry(m, into: &out)
            }
            out += "]}"
            return
        default:
            out += "\"coordinates\":"
        }
        switch g {
        case .point(let c): writePosition(c, into: &out)
        case .multiPoint(let cs): writePositions(cs, into: &out, keepDuplicates: true)
        case .lineString(let l): writePositions(l.coordinates, into: &out, minimum: 2)
        case .multiLineString(let ls):
            out += "["
            for (i, l) in ls.enumerated() {
                if i > 0 { out += "," }
                writePositions(l.coordinates, into: &out, minimum: 2)
            }
            out += "]"
        case .polygon(let p): writePolygon(p, into: &out)
        case .multiPolygon(let ps):
            out += "["
            for (i, p) in ps.enumerated() {
                if i > 0 { out += "," }
                writePolygon(p, into: &out)
            }
            out += "]"
        case .geometryCollection: break
        }
        out += "}"
    }

    private func writePolygon(_ p: Polygon, into out: inout String) {
        out += "["
        for (i, ring) in p.rings.enumerated() {
            if i > 0 { out += "," }
            let wantCCW = i == 0
            let ccw = Winding.signedArea(ring) > 0
            writePositions(ccw == wantCCW ? ring : ring.reversed(), into: &out, minimum: 4)
        }
        out += "]"
    }

    /// Positions rounded to the precision; a position equal to the one before
    /// it once rounded is dropped (GIS readers reject repeated points), unless
    /// that would leave fewer than `minimum` (a ring or line that rounding
    /// collapses is written whole, as it came).
    private func writePositions(_ cs: [Coordinate], into out: inout String, minimum: Int = 0, keepDuplicates: Bool = false) {
        var kept = cs
        if !keepDuplicates {
            kept = []
            kept.reserveCapacity(cs.count)
            var last: (Double, Double)?
            for c in cs {
                let r = (NumberFormatting.rounded(c.longitude, decimals: options.precision), NumberFormatting.rounded(c.latitude, decimals: options.precision))
                if let last, last == r { continue }
                kept.append(c)
                last = r
            }
            if kept.count < minimum { kept = cs }
        }
        out += "["
        for (i, c) in kept.enumerated() {
            if i > 0 { out += "," }
            writePosition(c, into: &out)
        }
        out += "]"
    }

    private func writePosition(_ c: Coordinate, into out: inout String) {
        out += "["
        writeRounded(c.longitude, into: &out)
        out += ","
        writeRounded(c.latitude, into: &out)
        out += "]"
    }

    private func writeBBox(_ b: BoundingBox, into out: inout String) {
        out += "["
        for (i, v) in b.array.enumerated() {
            if i > 0 { out += "," }
            writeRounded(v, into: &out)
        }
        out += "]"
    }

    private func writeRounded(_ v: Double, into out: inout String) {
        writeNumber(NumberFormatting.rounded(v, decimals: options.precision), into: &out)
    }

    func writeNumber(_ v: Double, into out: inout String) {
        out += NumberFormatting.json(v)
    }

    func writeValue(_ v: JSONValue, into out: inout String) {
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): writeNumber(n, into: &out)
        case .string(let s): writeString(s, into: &out)
        case .array(let a):
            out += "["
            for (i, e) in a.enumerated() {
                if i > 0 { out += "," }
                writeValue(e, into: &out)
            }
            out += "]"
        case .object(let o):
            out += "{"
            for (i, key) in o.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                writeString(key, into: &out)
                out += ":"
                writeValue(o[key]!, into: &out)
            }
            out += "}"
        }
    }

    func writeString(_ s: String, into out: inout String) {
        out += JSONText.quoted(s)
    }
}

/// Ring orientation by the sign of the shoelace sum (degrees; only the sign
/// is used, never the magnitude).
enum Winding {
    static func signedArea(_ ring: [Coordinate]) -> Double {
        guard ring.count >= 3 else { return 0 }
        var sum = 0.0
        var prev = ring[ring.count - 1]
        for c in ring {
            sum += (prev.longitude - c.longitude) * (prev.latitude + c.latitude)
            prev = c
        }
        return sum / 2
    }
}

/// Number text for JSON and reports: fixed rounding, no `-0`, no needless `.0`.
public enum NumberFormatting {
    public static func rounded(_ v: Double, decimals: Int) -> Double {
        guard v.isFinite else { return v }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let r = (v * scale).rounded() / scale
        return r == 0 ? 0 : r
    }

    /// Shortest round-trip text; integral values below 2^53 without a fraction.
    public static func json(_ v: Double) -> String {
        guard v.isFinite else { return "null" }
        if v == 0 { return "0" }
        if v == v.rounded(), abs(v) < 9.007_199_254_740_992e15 { return String(Int64(v)) }
        return "\(v)"
    }

    /// Fixed decimals for human-readable output, e.g. `fixed(44.1234, 2)` is "44.12".
    public static func fixed(_ v: Double, _ decimals: Int) -> String {
        guard v.isFinite else { return "n/a" }
        let r = rounded(v, decimals: decimals)
        var text = r < 0 ? "-" : ""
        let a = abs(r)
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (a * scale).rounded()
        let whole = (scaled / scale).rounded(.towardZero)
        let frac = scaled - whole * scale
        text += String(Int64(whole))
        if decimals > 0 {
            var f = String(Int64(frac))
            while f.count < decimals { f = "0" + f }
            text += "." + f
        }
        return text
    }
}

/// JSON string quoting.
public enum JSONText {
    public static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where u.value < 0x20:
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}
