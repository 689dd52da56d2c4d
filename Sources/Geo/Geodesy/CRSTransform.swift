import CPROJ

/// A transformation from a source CRS the user names (`EPSG:3857`,
/// `EPSG:32638`, a PROJ string, WKT) to WGS84 longitude/latitude in degrees,
/// through PROJ, with the axis order normalised to longitude first.
///
/// Owns its PROJ context and transformation and frees them exactly once; not
/// thread-safe (one per reading).
public final class CRSTransform {
    public let source: String
    private let context: OpaquePointer
    private let transform: OpaquePointer
    /// Results a hair beyond ±180/±90 put on the range's end (PROJ's last bit), for the reader's warning.
    public private(set) var noise = RangeNoise()

    public init(source: String) throws(GeoError) {
        guard let ctx = proj_context_create() else {
            throw GeoError(.proj, "could not create a PROJ context", operation: "proj_context_create")
        }
        // PROJ's own log lines would repeat on stderr what the error says.
        proj_log_level(ctx, PJ_LOG_NONE)
        func fail(_ what: String) -> GeoError {
            let code = proj_context_errno(ctx)
            let reason = code == 0 ? "" : ": " + String(cString: proj_context_errno_string(ctx, code))
            return GeoError(.proj, "cannot transform from \"\(source)\" to WGS84\(reason)", operation: what)
        }
        guard let raw = proj_create_crs_to_crs(ctx, source, "EPSG:4326", nil) else {
            let e = fail("proj_create_crs_to_crs")
            proj_context_destroy(ctx)
            throw e
        }
        guard let normalized = proj_normalize_for_visualization(ctx, raw) else {
            let e = fail("proj_normalize_for_visualization")
            proj_destroy(raw)
            proj_context_destroy(ctx)
            throw e
        }
        proj_destroy(raw)
        self.source = source
        self.context = ctx
        self.transform = normalized
    }

    deinit {
        proj_destroy(transform)
        proj_context_destroy(context)
    }

    /// The coordinates in WGS84 degrees; a point PROJ cannot transform, or
    /// one that lands outside the WGS84 ranges (beyond float noise, which is
    /// clamped and counted in `noise`), is an error.
    public func toWGS84(_ coordinates: [Coordinate]) throws(GeoError) -> [Coordinate] {
        if coordinates.isEmpty { return [] }
        let n = coordinates.count
        let (xs, ys, done, code) = LocalProjection.transformArrays(transform, PJ_FWD, coordinates)
        guard done == n, code == 0 else {
            throw GeoError(.proj, "PROJ could not transform every point from \(source) to WGS84", operation: "proj_trans_generic")
        }
        var out: [Coordinate] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            let raw = Coordinate(longitude: xs[i], latitude: ys[i])
            guard let c = noise.clamp(raw) else {
                let c = raw
                throw GeoError(
                    .proj,
                    "\(coordinates[i].longitude),\(coordinates[i].latitude) in \(source) is not a place on Earth (it maps to \(c.longitude),\(c.latitude)); is --source-crs right?")
            }
            out.append(c)
        }
        let closed = coordinates.count > 3 && coordinates.first == coordinates.last
        Self.sideOfTheSeam(&out, closed: closed)
        Self.poleLongitudes(&out, closed: closed)
        return out
    }

    /// A pole is one point at every longitude, so PROJ gives it back at any
    /// (Antarctica's -180,-90 from EPSG:3035 comes back at -170,-90). A run of
    /// positions at a pole takes, at its start, the longitude of the position
    /// before it and, at its end, that of the position after it: the edges
    /// into and out of the pole are meridians again, and the run between them
    /// lies along the pole, as the data wrote it.
    static func poleLongitudes(_ cs: inout [Coordinate], closed: Bool) {
        let n = closed ? cs.count - 1 : cs.count
        // Nearly every ring has no position at a pole: nothing to allocate for it.
        guard cs.contains(where: { 90 - abs($0.latitude) <= RangeNoise.toleranceDegrees }) else { return }
        let atPole = cs.prefix(n).map { 90 - abs($0.latitude) <= RangeNoise.toleranceDegrees }
        forEachRun(of: atPole, closed: closed) { run, before, after in
            if let before { cs[run[0]].longitude = cs[before].longitude }
            if let after, run.count > 1 || before == nil { cs[run[run.count - 1]].longitude = cs[after].longitude }
        }
        if closed && n > 0 { cs[n] = cs[0] }
    }

    /// A position on the antimeridian comes back from PROJ as 180 or -180,
    /// whichever side its CRS's maths land on (EPSG:3035 gives Fiji's -180 back
    /// as 180), while data split at 180° (RFC 7946 §3.1.9) wrote it on its
    /// ring's side (within 1e-9°: -179.99999999999994 comes back as
    /// 179.9999999999999). A run of positions on the seam (or at a pole)
    /// between two positions on the same side is put on that side, so a ring
    /// split at 180° stays split; a run that goes from one side to the other
    /// through a pole (Antarctica's) takes the side before it up to the pole
    /// and the side after it beyond; any other run keeps its signs.
    static func sideOfTheSeam(_ cs: inout [Coordinate], closed: Bool) {
        let n = closed ? cs.count - 1 : cs.count
        let tolerance = RangeNoise.toleranceDegrees
        // Nearly every ring has no position on 180°: nothing to allocate for it.
        guard cs.contains(where: { 180 - abs($0.longitude) <= tolerance }) else { return }
        let onSeam = cs.prefix(n).map { 180 - abs($0.longitude) <= tolerance }
        let atPole = cs.prefix(n).map { 90 - abs($0.latitude) <= tolerance }
        forEachRun(of: zip(onSeam, atPole).map { $0 || $1 }, closed: closed) { run, before, after in
            let westBefore = before.map { cs[$0].longitude < 0 }, westAfter = after.map { cs[$0].longitude < 0 }
            let poles = run.indices.filter { atPole[run[$0]] }
            for m in run.indices where onSeam[run[m]] && !atPole[run[m]] {
                // Before the run's first pole position, the side before it; after its last, the side after.
                let west: Bool?
                if westBefore == westAfter || poles.isEmpty {
                    west = westBefore == westAfter ? westBefore ?? westAfter : nil
                } else {
                    west = m < poles[0] ? westBefore ?? westAfter : (m > poles[poles.count - 1] ? westAfter ?? westBefore : nil)
                }
                if let west { cs[run[m]].longitude = west ? -180 : 180 }
            }
        }
        if closed && n > 0 { cs[n] = cs[0] }
    }

    /// Each maximal run of positions marked in `member`, in order (around a
    /// closed ring, starting after an unmarked position), with the positions
    /// just before and after it (nil past an open line's ends); nothing when
    /// every position or none is marked.
    private static func forEachRun(of member: [Bool], closed: Bool, _ body: (_ run: [Int], _ before: Int?, _ after: Int?) -> Void) {
        let n = member.count
        guard n > 1, let anchor = member.firstIndex(of: false), member.contains(true) else { return }
        let order = closed ? Array(anchor..<n) + Array(0..<anchor) : Array(0..<n)
        var k = 0
        while k < order.count {
            guard member[order[k]] else { k += 1; continue }
            var end = k
            while end + 1 < order.count && member[order[end + 1]] { end += 1 }
            let before = k > 0 ? order[k - 1] : (closed ? order[order.count - 1] : nil)
            let after = end + 1 < order.count ? order[end + 1] : (closed ? order[0] : nil)
            body(Array(order[k...end]), before, after)
            k = end + 1
        }
    }

    public func toWGS84(_ geometry: Geometry) throws(GeoError) -> Geometry {
        try LocalProjection.transformSequences(geometry) { (cs: [Coordinate]) throws(GeoError) in try toWGS84(cs) }
    }
}
