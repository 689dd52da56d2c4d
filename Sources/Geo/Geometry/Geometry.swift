/// An open or closed sequence of positions.
public struct LineString: Hashable, Sendable {
    public var coordinates: [Coordinate]
    public init(_ coordinates: [Coordinate]) { self.coordinates = coordinates }
}

/// A polygon: the exterior ring first, then its holes. Rings are closed
/// (first position equals last) and have at least four positions. Winding is
/// whatever came in; writers rewind to RFC 7946's right-hand rule.
public struct Polygon: Hashable, Sendable {
    public var rings: [[Coordinate]]
    public init(rings: [[Coordinate]]) { self.rings = rings }
    public init(exterior: [Coordinate], holes: [[Coordinate]] = []) {
        self.rings = [exterior] + holes
    }
    public var exterior: [Coordinate] { rings.first ?? [] }
    public var holes: ArraySlice<[Coordinate]> { rings.dropFirst() }
}

/// A geometry in WGS84 degrees, as GeoJSON knows them (RFC 7946 §3.1).
public indirect enum Geometry: Hashable, Sendable {
    case point(Coordinate)
    case multiPoint([Coordinate])
    case lineString(LineString)
    case multiLineString([LineString])
    case polygon(Polygon)
    case multiPolygon([Polygon])
    case geometryCollection([Geometry])

    /// The GeoJSON `type` name.
    public var typeName: String {
        switch self {
        case .point: "Point"
        case .multiPoint: "MultiPoint"
        case .lineString: "LineString"
        case .multiLineString: "MultiLineString"
        case .polygon: "Polygon"
        case .multiPolygon: "MultiPolygon"
        case .geometryCollection: "GeometryCollection"
        }
    }

    /// Calls `body` with every coordinate sequence (a point is a sequence of one).
    public func forEachSequence(_ body: ([Coordinate]) throws -> Void) rethrows {
        switch self {
        case .point(let c): try body([c])
        case .multiPoint(let cs): try body(cs)
        case .lineString(let l): try body(l.coordinates)
        case .multiLineString(let ls): for l in ls { try body(l.coordinates) }
        case .polygon(let p): for r in p.rings { try body(r) }
        case .multiPolygon(let ps): for p in ps { for r in p.rings { try body(r) } }
        case .geometryCollection(let gs): for g in gs { try g.forEachSequence(body) }
        }
    }

    /// Number of positions, counting the repeated closing position of rings.
    public var vertexCount: Int {
        var n = 0
        forEachSequence { n += $0.count }
        return n
    }

    public var isEmpty: Bool { vertexCount == 0 }

    public var boundingBox: BoundingBox? {
        var box: BoundingBox?
        forEachSequence { seq in
            guard let b = BoundingBox(covering: seq) else { return }
            box = box.map { $0.union(b) } ?? b
        }
        return box
    }

    /// The polygons of a Polygon, MultiPolygon or collection of them.
    public var polygons: [Polygon] {
        switch self {
        case .polygon(let p): [p]
        case .multiPolygon(let ps): ps
        case .geometryCollection(let gs): gs.flatMap(\.polygons)
        default: []
        }
    }

    /// A Polygon for one polygon, else a MultiPolygon.
    public static func polygonal(_ polygons: [Polygon]) -> Geometry {
        polygons.count == 1 ? .polygon(polygons[0]) : .multiPolygon(polygons)
    }

    /// The lines of a LineString, MultiLineString or collection of them.
    public var lineStrings: [LineString] {
        switch self {
        case .lineString(let l): [l]
        case .multiLineString(let ls): ls
        case .geometryCollection(let gs): gs.flatMap(\.lineStrings)
        default: []
        }
    }

    /// The points of a Point, MultiPoint or collection of them.
    public var points: [Coordinate] {
        switch self {
        case .point(let c): [c]
        case .multiPoint(let cs): cs
        case .geometryCollection(let gs): gs.flatMap(\.points)
        default: []
        }
    }

    /// Dimension of the geometry: 0 for points, 1 for lines, 2 for polygons
    /// (the highest among a collection's members).
    public var dimension: Int {
        switch self {
        case .point, .multiPoint: 0
        case .lineString, .multiLineString: 1
        case .polygon, .multiPolygon: 2
        case .geometryCollection(let gs): gs.map(\.dimension).max() ?? 0
        }
    }

    /// The same geometry with every coordinate transformed by `f`.
    public func mapCoordinates(_ f: (Coordinate) throws -> Coordinate) rethrows -> Geometry {
        switch self {
        case .point(let c): return .point(try f(c))
        case .multiPoint(let cs): return .multiPoint(try cs.map(f))
        case .lineString(let l): return .lineString(LineString(try l.coordinates.map(f)))
        case .multiLineString(let ls):
            return .multiLineString(try ls.map { LineString(try $0.coordinates.map(f)) })
        case .polygon(let p): return .polygon(Polygon(rings: try p.rings.map { try $0.map(f) }))
        case .multiPolygon(let ps):
            return .multiPolygon(try ps.map { Polygon(rings: try $0.rings.map { try $0.map(f) }) })
        case .geometryCollection(let gs): return .geometryCollection(try gs.map { try $0.mapCoordinates(f) })
        }
    }
}

extension Geometry {
    /// The first segment that jumps more than 180° of longitude: a line or
    /// ring written across the antimeridian instead of split at it (RFC 7946
    /// §3.1.9), which every planar step would read as going the long way round.
    public var antimeridianJump: (Coordinate, Coordinate)? {
        var found: (Coordinate, Coordinate)?
        forEachSequence { seq in
            guard found == nil else { return }
            // An edge along a pole (Antarctica's ring from 180,-90 to -180,-90) is no jump: it has no length on Earth.
            for (a, b) in zip(seq, seq.dropFirst()) where abs(b.longitude - a.longitude) > 180 && !(a.latitude == b.latitude && abs(a.latitude) == 90) {
                found = (a, b)
                return
            }
        }
        return found
    }
}

