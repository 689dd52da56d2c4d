/// Well-Known Binary (OGC Simple Features, ISO SQL/MM), as PostGIS's
/// `ST_AsBinary` writes it, given as hexadecimal text (`encode(…, 'hex')`);
/// and, below, polygons written as PostGIS's EWKB for COPY.
///
/// Invariants: 2D only (a Z or M ordinate is read and dropped: PostGIS's
/// `ST_Force2D` is cheaper in the query); either byte order, per geometry;
/// every count is checked against the bytes left before anything is
/// allocated, so a truncated or hostile input is an error, never a crash.
enum WKBReader {
    static func geometry(hex: String) throws(GeoError) -> Geometry {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(hex.utf8.count / 2)
        var high: UInt8?
        for c in hex.utf8 {
            let v: UInt8
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): v = c - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): v = c - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): v = c - UInt8(ascii: "A") + 10
            default: throw GeoError(.syntax, "WKB: \(Character(Unicode.Scalar(c))) is not a hexadecimal digit")
            }
            if let h = high {
                bytes.append(h << 4 | v)
                high = nil
            } else {
                high = v
            }
        }
        guard high == nil else { throw GeoError(.syntax, "WKB: an odd number of hexadecimal digits") }
        var reader = Cursor(bytes: bytes)
        let g = try reader.geometry(depth: 0)
        guard reader.offset == bytes.count else { throw GeoError(.syntax, "WKB: \(bytes.count - reader.offset) bytes after the geometry") }
        return g
    }

    private struct Cursor {
        let bytes: [UInt8]
        var offset = 0

        mutating func byte() throws(GeoError) -> UInt8 {
            guard offset < bytes.count else { throw GeoError(.syntax, "WKB: truncated at byte \(offset)") }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func uint32(_ little: Bool) throws(GeoError) -> UInt32 {
            guard offset + 4 <= bytes.count else { throw GeoError(.syntax, "WKB: truncated at byte \(offset)") }
            var v: UInt32 = 0
            for k in 0..<4 { v |= UInt32(bytes[offset + k]) << (little ? 8 * k : 8 * (3 - k)) }
            offset += 4
            return v
        }

        mutating func double(_ little: Bool) throws(GeoError) -> Double {
            guard offset + 8 <= bytes.count else { throw GeoError(.syntax, "WKB: truncated at byte \(offset)") }
            var v: UInt64 = 0
            for k in 0..<8 { v |= UInt64(bytes[offset + k]) << (little ? 8 * k : 8 * (7 - k)) }
            offset += 8
            return Double(bitPattern: v)
        }

        /// A count of items at least `size` bytes each, checked against what is left.
        mutating func count(_ little: Bool, itemBytes size: Int) throws(GeoError) -> Int {
            let n = Int(try uint32(little))
            guard n <= (bytes.count - offset) / max(size, 1) else { throw GeoError(.syntax, "WKB: a count of \(n) at byte \(offset - 4) runs past the end") }
            return n
        }

        mutating func positions(_ little: Bool, dimensions: Int) throws(GeoError) -> [Coordinate] {
            let n = try count(little, itemBytes: 8 * dimensions)
            var out: [Coordinate] = []
            out.reserveCapacity(n)
            for _ in 0..<n {
                let x = try double(little), y = try double(little)
                for _ in 2..<dimensions { _ = try double(little) }
                out.append(Coordinate(longitude: x, latitude: y))
            }
            return out
        }

        mutating func geometry(depth: Int) throws(GeoError) -> Geometry {
            guard depth < 32 else { throw GeoError(.syntax, "WKB: collections nested deeper than 32") }
            let order = try byte()
            guard order <= 1 else { throw GeoError(.syntax, "WKB: byte order \(order) at byte \(offset - 1)") }
            let little = order == 1
            var type = try uint32(little)
            // EWKB flags (PostGIS's own ST_AsEWKB) and ISO's 1000s for Z, M, ZM.
            var dimensions = 2
            if type & 0x8000_0000 != 0 { dimensions += 1 }
            if type & 0x4000_0000 != 0 { dimensions += 1 }
            if type & 0x2000_0000 != 0 { _ = try uint32(little) }  // an SRID
            type &= 0x0FFF_FFFF
            switch type / 1000 {
            case 1, 2: dimensions = 3
            case 3: dimensions = 4
            default: break
            }
            type %= 1000
            switch type {
            case 1:
                let x = try double(little), y = try double(little)
                for _ in 2..<dimensions { _ = try double(little) }
                return .point(Coordinate(longitude: x, latitude: y))
            case 2:
                return .lineString(LineString(try positions(little, dimensions: dimensions)))
            case 3:
                let rings = try count(little, itemBytes: 4)
                var out: [[Coordinate]] = []
                for _ in 0..<rings { out.append(try positions(little, dimensions: dimensions)) }
                return .polygon(Polygon(rings: out))
            case 4, 5, 6, 7:
                let n = try count(little, itemBytes: 5)
                var members: [Geometry] = []
                for _ in 0..<n { members.append(try geometry(depth: depth + 1)) }
                switch type {
                case 4: return .multiPoint(try members.map { (g: Geometry) throws(GeoError) -> Coordinate in
                    guard case .point(let c) = g else { throw GeoError(.syntax, "WKB: a MultiPoint holds a \(g.typeName)") }
                    return c
                })
                case 5: return .multiLineString(try members.map { (g: Geometry) throws(GeoError) -> LineString in
                    guard case .lineString(let l) = g else { throw GeoError(.syntax, "WKB: a MultiLineString holds a \(g.typeName)") }
                    return l
                })
                case 6: return .multiPolygon(try members.map { (g: Geometry) throws(GeoError) -> Polygon in
                    guard case .polygon(let p) = g else { throw GeoError(.syntax, "WKB: a MultiPolygon holds a \(g.typeName)") }
                    return p
                })
                default: return .geometryCollection(members)
                }
            default:
                throw GeoError(.syntax, "WKB: geometry type \(type) is not one of the seven of RFC 7946")
            }
        }
    }
}

/// Polygons as hexadecimal EWKB (PostGIS's own WKB with an SRID), the text
/// form a `geometry` column takes in COPY: little-endian, 2D, always a
/// MultiPolygon so that one column type holds every feature.
enum WKBWriter {
    private static let digits = Array("0123456789ABCDEF".utf8)

    static func multiPolygonHex(_ polygons: [Polygon], srid: UInt32 = 4326, into out: inout [UInt8]) {
        func byte(_ b: UInt8) {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        func uint32(_ v: UInt32) { for k in 0..<4 { byte(UInt8(truncatingIfNeeded: v >> (8 * k))) } }
        func double(_ d: Double) {
            let v = d.bitPattern
            for k in 0..<8 { byte(UInt8(truncatingIfNeeded: v >> (8 * UInt64(k)))) }
        }
        byte(1)
        uint32(6 | 0x2000_0000)
        uint32(srid)
        uint32(UInt32(polygons.count))
        for p in polygons {
            byte(1)
            uint32(3)
            uint32(UInt32(p.rings.count))
            for ring in p.rings {
                uint32(UInt32(ring.count))
                for c in ring {
                    double(c.longitude)
                    double(c.latitude)
                }
            }
        }
    }
}
