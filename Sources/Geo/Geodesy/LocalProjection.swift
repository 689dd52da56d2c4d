import Foundation
import CPROJ

/// A transverse Mercator projection centred on an area of interest, through
/// PROJ, so that buffers and offsets can be given in metres. Within a few
/// hundred kilometres of the centre its scale error is below 0.1%.
///
/// Owns its PROJ context and transformation and frees them exactly once; not
/// thread-safe (one per analysis or worker).
public final class LocalProjection {
    public let center: Coordinate
    private let context: OpaquePointer
    private let transform: OpaquePointer
    /// Inverse results are put within 180° of this longitude (a frame across 180°).
    private let frameLongitude: Double?

    /// Transverse Mercator (the default: buffers and offsets near the centre),
    /// or azimuthal equidistant, whose distance from the centre is the
    /// geodesic one anywhere on Earth but the antipode (PROJ's ellipsoidal
    /// aeqd): for what is nearest to a point, however far.
    public enum Kind: Sendable {
        case transverseMercator
        case azimuthalEquidistant
    }

    /// `continuousAcross180`: the projection serves a frame where longitude
    /// runs on past 180° (`AntimeridianFrame`): its centre may lie up to 360°
    /// east, and points come back within 180° of its longitude, not in
    /// [−180°, 180°].
    public init(center: Coordinate, kind: Kind = .transverseMercator, continuousAcross180: Bool = false) throws(GeoError) {
        guard center.isInWGS84Range || (continuousAcross180 && center.longitude <= 360 && abs(center.latitude) <= 90) else {
            throw GeoError(.invalidArgument, "projection centre \(center) is outside the WGS84 ranges")
        }
        frameLongitude = continuousAcross180 ? center.longitude : nil
        let center = Coordinate(longitude: center.longitude > 180 ? center.longitude - 360 : center.longitude, latitude: center.latitude)
        guard let ctx = proj_context_create() else {
            throw GeoError(.proj, "could not create a PROJ context", operation: "proj_context_create")
        }
        // Longitude and latitude in degrees in, metres out; no database lookup needed.
        let definition =
            "+proj=pipeline +step +proj=unitconvert +xy_in=deg +xy_out=rad "
            + "+step +proj=\(kind == .transverseMercator ? "tmerc +k=1" : "aeqd") +lat_0=\(center.latitude) +lon_0=\(center.longitude) +x_0=0 +y_0=0 +ellps=WGS84"
        guard let pj = proj_create(ctx, definition) else {
            let code = proj_context_errno(ctx)
            let message = String(cString: proj_context_errno_string(ctx, code))
            proj_context_destroy(ctx)
            throw GeoError(.proj, message, operation: "proj_create")
        }
        self.center = center
        self.context = ctx
        self.transform = pj
    }

    deinit {
        proj_destroy(transform)
        proj_context_destroy(context)
    }

    private func run(_ coordinates: [Coordinate], _ direction: PJ_DIRECTION) throws(GeoError) -> [Coordinate] {
        if coordinates.isEmpty { return [] }
        let n = coordinates.count
        let (xs, ys, done, code) = Self.transformArrays(transform, direction, coordinates)
        guard done == n, code == 0 else {
            let message = code == 0 ? "transformed \(done) of \(n) points" : String(cString: proj_context_errno_string(context, code))
            throw GeoError(.proj, message, operation: "proj_trans_generic")
        }
        var out = [Coordinate]()
        out.reserveCapacity(n)
        for i in 0..<n {
            guard xs[i].isFinite, ys[i].isFinite else {
                throw GeoError(.proj, "point \(i) could not be projected", operation: "proj_trans_generic")
            }
            var x = xs[i]
            if direction == PJ_INV, let f = frameLongitude {
                while x < f - 180 { x += 360 }
                while x > f + 180 { x -= 360 }
            }
            out.append(Coordinate(longitude: x, latitude: ys[i]))
        }
        return out
    }

    /// Degrees to metres: `longitude` of the result holds easting (x, m) and
    /// `latitude` northing (y, m). Internal use only.
    func forward(_ coordinates: [Coordinate]) throws(GeoError) -> [Coordinate] {
        try run(coordinates, PJ_FWD)
    }

    /// Metres back to degrees.
    func inverse(_ coordinates: [Coordinate]) throws(GeoError) -> [Coordinate] {
        try run(coordinates, PJ_INV)
    }

    /// Points inserted along every segment so that, once projected, the line
    /// follows the segment as RFC 7946 and exact mode read it (straight in
    /// longitude and latitude) to within `maxDeviationMeters`, not the chord
    /// between its projected ends. A segment of length L (metres) at latitude
    /// φ is a curve of curvature about tan|φ| / R in a transverse Mercator
    /// plane, whose chord strays L² tan|φ| / (8R) from it (480 m for 146 km
    /// along the 49th parallel); it is cut into n pieces with
    /// (L/n)² tan|φ| / (8R) ≤ the allowed deviation. Short segments are left
    /// as they are, so a dense line costs nothing.
    static func densifiedAlongLonLat(_ geometry: Geometry, maxDeviationMeters: Double) -> Geometry {
        func densify(_ seq: [Coordinate]) -> [Coordinate] { densifiedAlongLonLat(seq, maxDeviationMeters: maxDeviationMeters) }
        switch geometry {
        case .point, .multiPoint: return geometry
        case .lineString(let l): return .lineString(LineString(densify(l.coordinates)))
        case .multiLineString(let ls): return .multiLineString(ls.map { LineString(densify($0.coordinates)) })
        case .polygon(let p): return .polygon(Polygon(rings: p.rings.map(densify)))
        case .multiPolygon(let ps): return .multiPolygon(ps.map { Polygon(rings: $0.rings.map(densify)) })
        case .geometryCollection(let gs): return .geometryCollection(gs.map { densifiedAlongLonLat($0, maxDeviationMeters: maxDeviationMeters) })
        }
    }

    /// A sequence of positions with points added along each segment, straight
    /// in longitude/latitude, wherever the geodesic between its ends would
    /// stray more than `maxDeviationMeters` (at least 0.1 mm) from it. The
    /// stray of a segment of length L at latitude φ is about L²·tan φ / 8R;
    /// segments short enough are copied as they are, with no allocation of
    /// their own.
    static func densifiedAlongLonLat(_ seq: [Coordinate], maxDeviationMeters: Double) -> [Coordinate] {
        let r = 6_371_008.8, deviation = max(maxDeviationMeters, 1e-4)
        guard seq.count > 1 else { return seq }
        var out: [Coordinate]?
        for i in 1..<seq.count {
            let a = seq[i - 1], b = seq[i]
            let lat = max(abs(a.latitude), abs(b.latitude))
            let dLat = (b.latitude - a.latitude) * 111_320
            let dLonDegrees = b.longitude - a.longitude
            // Cheap bound first (cos ≤ 1, tan of at most 89°): most segments stop here.
            let bound = (dLat * dLat + dLonDegrees * dLonDegrees * 111_320 * 111_320) * 57.29 / (8 * r)
            var n = 1
            if bound > deviation {
                let k = tan(min(lat, 89) * .pi / 180) / (8 * r)
                let dLon = dLonDegrees * 111_320 * cos((a.latitude + b.latitude) / 2 * .pi / 180)
                let length2 = dLat * dLat + dLon * dLon
                if length2 * k > deviation { n = min(Int((length2 * k / deviation).squareRoot().rounded(.up)), 100_000) }
            }
            if n > 1 {
                if out == nil {
                    out = Array(seq[0..<i])
                }
                for j in 1..<n {
                    let t = Double(j) / Double(n)
                    out!.append(Coordinate(longitude: a.longitude + dLonDegrees * t, latitude: a.latitude + (b.latitude - a.latitude) * t))
                }
            }
            out?.append(b)
        }
        return out ?? seq
    }

    /// A geometry in degrees to the same geometry in metres.
    func forward(_ geometry: Geometry) throws(GeoError) -> Geometry {
        try Self.transformSequences(geometry) { (s: [Coordinate]) throws(GeoError) in try forward(s) }
    }

    /// A geometry in metres back to degrees.
    func inverse(_ geometry: Geometry) throws(GeoError) -> Geometry {
        try Self.transformSequences(geometry) { (s: [Coordinate]) throws(GeoError) in try inverse(s) }
    }

    /// A geometry in metres back to degrees, with points inserted along every
    /// segment so that, read straight in longitude and latitude (RFC 7946), it
    /// stays within `maxDeviationMeters` of the segment straight in metres: the
    /// inverse of `densifiedAlongLonLat`. A segment of length L strays about
    /// L² (tan|φ| + |x|/R) / (8R) from its chord in degrees (the second term
    /// the curvature of a straight line of the plane on the ground, at x
    /// metres from the central meridian); it is cut into n pieces with
    /// (L/n)² of that within the deviation. A 100 m grid of points (the rule
    /// before) put 29,000 vertices on a 1,200 km corridor, most of them
    /// needless, and every overlay with the corridor paid for them.
    func inverseFollowingStraightLines(_ geometry: Geometry, maxDeviationMeters: Double) throws(GeoError) -> Geometry {
        let r = 6_371_008.8, deviation = max(maxDeviationMeters, 1e-4)
        return try Self.transformSequences(geometry) { (seq: [Coordinate]) throws(GeoError) in
            let ends = try inverse(seq)
            guard seq.count > 1 else { return ends }
            var inserted: [Coordinate] = []
            var counts = [Int](repeating: 1, count: seq.count)
            for i in 1..<seq.count {
                let a = seq[i - 1], b = seq[i]
                let dx = b.longitude - a.longitude, dy = b.latitude - a.latitude
                let length2 = dx * dx + dy * dy
                let lat = min(89, max(abs(ends[i - 1].latitude), abs(ends[i].latitude)))
                let k = (tan(lat * .pi / 180) + max(abs(a.longitude), abs(b.longitude)) / r + 1e-3) / (8 * r)
                guard length2 * k > deviation else { continue }
                let n = min(Int((length2 * k / deviation).squareRoot().rounded(.up)), 100_000)
                counts[i] = n
                for j in 1..<n {
                    let t = Double(j) / Double(n)
                    inserted.append(Coordinate(longitude: a.longitude + dx * t, latitude: a.latitude + dy * t))
                }
            }
            guard !inserted.isEmpty else { return ends }
            let between = try inverse(inserted)
            var out: [Coordinate] = [ends[0]]
            out.reserveCapacity(seq.count + between.count)
            var next = 0
            for i in 1..<seq.count {
                for _ in 1..<counts[i] {
                    out.append(between[next])
                    next += 1
                }
                out.append(ends[i])
            }
            return out
        }
    }

    /// Projects `(x, y)` metres of one point back to degrees.
    public func coordinate(x: Double, y: Double) throws(GeoError) -> Coordinate {
        try inverse([Coordinate(longitude: x, latitude: y)])[0]
    }

    /// One `proj_trans_generic` call over the coordinates' x and y arrays:
    /// the transformed arrays, how many points PROJ transformed, and its errno.
    static func transformArrays(
        _ pj: OpaquePointer, _ direction: PJ_DIRECTION, _ coordinates: [Coordinate]
    ) -> (xs: [Double], ys: [Double], done: Int, errno: Int32) {
        var xs = coordinates.map(\.longitude), ys = coordinates.map(\.latitude)
        let n = coordinates.count
        proj_errno_reset(pj)
        let done = xs.withUnsafeMutableBufferPointer { x in
            ys.withUnsafeMutableBufferPointer { y in
                proj_trans_generic(
                    pj, direction, x.baseAddress, MemoryLayout<Double>.stride, n, y.baseAddress,
                    MemoryLayout<Double>.stride, n, nil, 0, 0, nil, 0, 0)
            }
        }
        return (xs, ys, done, proj_errno(pj))
    }

    static func transformSequences(
        _ g: Geometry, _ f: ([Coordinate]) throws(GeoError) -> [Coordinate]
    ) throws(GeoError) -> Geometry {
        switch g {
        case .point(let c): return .point(try f([c])[0])
        case .multiPoint(let cs): return .multiPoint(try f(cs))
        case .lineString(let l): return .lineString(LineString(try f(l.coordinates)))
        case .multiLineString(let ls):
            var out: [LineString] = []
            for l in ls { out.append(LineString(try f(l.coordinates))) }
            return .multiLineString(out)
        case .polygon(let p):
            var rings: [[Coordinate]] = []
            for r in p.rings { rings.append(try f(r)) }
            return .polygon(Polygon(rings: rings))
        case .multiPolygon(let ps):
            var out: [Polygon] = []
            for p in ps {
                var rings: [[Coordinate]] = []
                for r in p.rings { rings.append(try f(r)) }
                out.append(Polygon(rings: rings))
            }
            return .multiPolygon(out)
        case .geometryCollection(let gs):
            var out: [Geometry] = []
            for m in gs { out.append(try Self.transformSequences(m, f)) }
            return .geometryCollection(out)
        }
    }
}

extension LocalProjection {
    /// The point of `target` (a geometry in this projection's metres) nearest
    /// to `point`, back in degrees, with the geodesic distance to it (m).
    func nearest(from point: Coordinate, to target: GEOSGeom) throws(GeoError) -> (point: Coordinate, distanceMeters: Double) {
        let ctx = target.context
        let (_, near) = try ctx.make(forward(Geometry.point(point))).nearestPoints(target)
        let nearest = try inverse([near])[0]
        return (nearest, Geodesic.distanceMeters(point, nearest))
    }
}
