import Foundation

/// Tolerance mode of `AdjacencyEngine`, for data that do not align: per
/// candidate pair, in a local transverse Mercator projection (metres). A
/// stretch of A's boundary is matched with B when a probe from it,
/// perpendicular and outward from A, reaches B within the tolerance, or
/// starts inside B no deeper than the tolerance (an overlap bridged; deeper
/// overlaps are the data's error, reported, not bridged: a stretch overlapping
/// by a little more than the tolerance is not matched, one by a little less
/// is, and lengths jump there): so facing sides match, while sides
/// that merely run on in line with each other do not. Probes sit at the
/// middle of sub-segments at most half the tolerance long, and at most 64
/// along a stretch that runs straight on (an edge densified along
/// longitude/latitude counts once, with at least one probe per segment); a
/// matched stretch is trimmed where A's boundary comes nearer a third
/// territory than B (so it stops at a tripoint, not along the next border),
/// and its ends are found by bisection, to 0.1 mm (or a thousandth of the tolerance),
/// within the end piece or the piece beyond it. Small territories are
/// probed against the segments near each probed segment only, and their
/// point-in-polygon tests read one horizontal band of segments. Edges
/// are straight in longitude/latitude, densified to a tenth of the tolerance
/// before projecting. The length is the mean of A→B and B→A (symmetric), measured
/// geodesically along the lines as drawn.
/// Bridged overlap area and the widest gap are reported.
///
/// Projections: a pair is worked on in the projection of the first
/// territory's centre (in cells of half a degree) when both fit 15° of
/// longitude each side of it; otherwise in one centred on the pair's common
/// bounds. Shapes are cut to that band in plain degrees, so, as in exact
/// mode, nothing meets across 180° here: `AntimeridianSeam` joins those
/// borders after this pass, once.
///
/// Built for scale: candidates come from a packed R-tree of bounds grown by
/// the tolerance; GEOS does the overlays (boundary near the other's
/// boundary, overlap area), once per territory where it can (boundary,
/// buffer, prepared geometry); the probes are plain arithmetic on
/// coordinates; the layer is split into chunks worked on by every core,
/// each with its own GEOS context and projections.
enum ToleranceAdjacency {
    /// Projections are shared by territories whose centres fall in the same
    /// cell of this size (degrees): within a cell the scale error of one
    /// projection against another is about 10⁻⁵, far below what matters.
    static let projectionCellDegrees = 0.5

    /// Shapes are clipped to 15° of longitude each side of their projection's
    /// centre (in plain degrees), where a transverse Mercator's scale is within
    /// 3.5 % of true: see `Worker.ProjectionKey`.
    static let halfBandDegrees = 15.0

    /// Territories with more positions than this are tested with GEOS
    /// prepared geometries rather than by scanning their rings.
    static let smallPolygonPositions = 512

    /// - Parameter geosProbesAbove: territories with more positions are
    ///   probed through GEOS (tests set 0 to compare both ways).
    static func borders(
        _ ts: [Territory], toleranceMeters tol: Double, progress: ProgressHandler?,
        geosProbesAbove: Int = smallPolygonPositions
    ) throws(GeoError) -> [Border] {
        // Candidates: bounds grown by the tolerance (a rectangle, in degrees, for the index only).
        var grown = [Double](repeating: 0, count: 4 * ts.count)
        var boxes: [BoundingBox?] = []
        for (i, t) in ts.enumerated() {
            let box = t.geometry.boundingBox
            boxes.append(box)
            guard let box else {
                grown[4 * i] = .infinity
                grown[4 * i + 1] = .infinity
                grown[4 * i + 2] = -.infinity
                grown[4 * i + 3] = -.infinity
                continue
            }
            let d = AdjacencyEngine.degrees(forMeters: tol, near: t.geometry)
            grown[4 * i] = box.west - d
            grown[4 * i + 1] = box.south - d
            grown[4 * i + 2] = box.east + d
            grown[4 * i + 3] = box.north + d
        }
        let tree = PackedRTree(itemBoxes: grown)
        // Territories are worked on in chunks of neighbours (along a Hilbert
        // curve), so that each worker meets the same territories again and
        // keeps their projected shapes.
        let order = tree.hilbertOrder
        let chunks = Parallel.ranges(ts.count, parts: ts.count < 64 ? 1 : min(256, ts.count / 16))
        let counter = ProgressCounter(total: ts.count, progress: progress)
        let boxesOfAll = boxes
        let results = Parallel.map(chunks.count) { c -> Result<[Border], GeoError> in
            do throws(GeoError) {
                var worker = try Worker(ts: ts, tolerance: tol, geosProbesAbove: geosProbesAbove, tree: tree, boxes: boxesOfAll)
                var found: [Border] = []
                for i in chunks[c].map({ order[$0] }) {
                    guard let box = boxesOfAll[i] else { continue }
                    var candidates: [Int] = []
                    tree.query(minX: box.west, minY: box.south, maxX: box.east, maxY: box.north) { j in
                        if j > i { candidates.append(j) }
                        return true
                    }
                    guard !candidates.isEmpty else { continue }
                    found += try worker.borders(of: i, with: candidates.sorted(), box: box)
                }
                counter.add(chunks[c].count)
                return .success(found)
            } catch {
                return .failure(error)
            }
        }
        var borders: [Border] = []
        for r in results {
            switch r {
            case .success(let b): borders += b
            case .failure(let e): throw e
            }
        }
        return borders.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
    }
}

/// Counts territories done across workers and tells the progress handler.
private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let progress: ProgressHandler?
    init(total: Int, progress: ProgressHandler?) {
        self.total = total
        self.progress = progress
    }
    func add(_ n: Int) {
        guard let progress else { return }
        lock.lock()
        done += n
        let now = done
        lock.unlock()
        progress("adjacency (tolerance)", now, total)
    }
}

/// Rings in a projected plane (metres), flat, for point-in-polygon tests,
/// nearby segments and distances without GEOS.
private struct PlanarRings {
    var xs: [Double] = []
    var ys: [Double] = []
    /// Ring r: positions ringStart[r] ..< ringStart[r + 1] (closed: last equals first).
    var ringStart: [Int] = [0]

    /// Horizontal bands of equal height over the rings' extent in y, each with
    /// the segments whose span of y meets it: a point's crossing parity reads
    /// only its band's segments. Segment k is in band b(min y) … b(max y), and
    /// the parity counts it only for min y ≤ y < max y, where b(y) (a
    /// monotonic floor) lies in that range: the same answer as a scan of
    /// every segment, in the same arithmetic.
    private var bandMinY = 0.0
    private var bandHeight = 1.0
    private var bandStart: [Int32] = [0]
    private var bandSegments: [Int32] = []

    init(_ g: Geometry) {
        g.forEachSequence { ring in
            for c in ring {
                xs.append(c.longitude)
                ys.append(c.latitude)
            }
            ringStart.append(xs.count)
        }
        buildBands()
    }

    var count: Int { xs.count }

    private func band(_ y: Double, _ bands: Int) -> Int {
        let b = ((y - bandMinY) / bandHeight).rounded(.down)
        return b.isNaN ? 0 : Int(min(max(b, 0), Double(bands - 1)))
    }

    private mutating func buildBands() {
        guard let lo = ys.min(), let hi = ys.max(), hi > lo else { return }
        let bands = max(1, min(count / 2, 4096))
        bandMinY = lo
        bandHeight = (hi - lo) / Double(bands)
        var counts = [Int32](repeating: 0, count: bands + 1)
        forEachSegment { k in
            for b in band(min(ys[k], ys[k + 1]), bands)...band(max(ys[k], ys[k + 1]), bands) { counts[b + 1] += 1 }
        }
        for b in 0..<bands { counts[b + 1] += counts[b] }
        var fill = counts
        var segments = [Int32](repeating: 0, count: Int(counts[bands]))
        forEachSegment { k in
            for b in band(min(ys[k], ys[k + 1]), bands)...band(max(ys[k], ys[k + 1]), bands) {
                segments[Int(fill[b])] = Int32(k)
                fill[b] += 1
            }
        }
        bandStart = counts
        bandSegments = segments
    }

    /// Every segment k → k + 1 of every ring with at least two positions.
    private func forEachSegment(_ body: (Int) -> Void) {
        for r in 0..<(ringStart.count - 1) where ringStart[r + 1] - ringStart[r] >= 2 {
            for k in ringStart[r]..<(ringStart[r + 1] - 1) { body(k) }
        }
    }

    /// Crossing parity over every ring: inside the polygon(s).
    func contains(_ x: Double, _ y: Double) -> Bool {
        let bands = bandStart.count - 1
        guard bands > 0 else { return false }
        let b = band(y, bands)
        var inside = false
        for i in Int(bandStart[b])..<Int(bandStart[b + 1]) {
            let k = Int(bandSegments[i])
            let ay = ys[k], by = ys[k + 1]
            guard (ay > y) != (by > y) else { continue }
            let turn = RobustPredicates.orientation(xs[k], ay, xs[k + 1], by, x, y)
            if (by > ay) == (turn > 0) { inside.toggle() }
        }
        return inside
    }

    /// Segments (as start indices k: k → k + 1) whose bounds meet a box.
    func segments(near box: BoundingBox) -> [Int] {
        var out: [Int] = []
        for r in 0..<(ringStart.count - 1) where ringStart[r + 1] - ringStart[r] >= 2 {
            for k in ringStart[r]..<(ringStart[r + 1] - 1) {
                let x0 = min(xs[k], xs[k + 1]), x1 = max(xs[k], xs[k + 1])
                let y0 = min(ys[k], ys[k + 1]), y1 = max(ys[k], ys[k + 1])
                if x0 <= box.east && x1 >= box.west && y0 <= box.north && y1 >= box.south { out.append(k) }
            }
        }
        return out
    }

    /// The stretches of these rings' boundary within `box` and inside
    /// `region` (a polygon; `regionSegments` its boundary segments near the
    /// box), as lines: GEOS's `clipByRect` then `intersection`, done on
    /// coordinates for small polygons. Pieces that follow on from each other
    /// along a ring are joined.
    func boundaryPieces(inside region: PlanarRings, regionSegments: [Int], within box: BoundingBox) -> [LineString] {
        var lines: [LineString] = []
        var current: [Coordinate] = []
        func flush() {
            if current.count >= 2 { lines.append(LineString(current)) }
            current = []
        }
        var cuts: [Double] = []
        for r in 0..<(ringStart.count - 1) where ringStart[r + 1] - ringStart[r] >= 2 {
            for k in ringStart[r]..<(ringStart[r + 1] - 1) {
                let px = xs[k], py = ys[k], qx = xs[k + 1], qy = ys[k + 1]
                let dx = qx - px, dy = qy - py
                // Liang–Barsky: the part of the segment inside the box.
                var t0 = 0.0, t1 = 1.0
                var inBox = true
                for (pk, qk) in [(-dx, px - box.west), (dx, box.east - px), (-dy, py - box.south), (dy, box.north - py)] {
                    if pk == 0 {
                        if qk < 0 { inBox = false }
                    } else {
                        let t = qk / pk
                        if pk < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
                    }
                }
                guard inBox, t0 < t1 else {
                    flush()
                    continue
                }
                // Where it crosses the region's boundary.
                cuts.removeAll(keepingCapacity: true)
                cuts.append(t0)
                cuts.append(t1)
                let sx0 = min(px, qx), sx1 = max(px, qx), sy0 = min(py, qy), sy1 = max(py, qy)
                for m in regionSegments {
                    let ax = region.xs[m], ay = region.ys[m], ex = region.xs[m + 1] - ax, ey = region.ys[m + 1] - ay
                    guard min(ax, ax + ex) <= sx1, max(ax, ax + ex) >= sx0, min(ay, ay + ey) <= sy1, max(ay, ay + ey) >= sy0 else { continue }
                    let denominator = dx * ey - dy * ex
                    guard denominator != 0 else { continue }
                    let wx = ax - px, wy = ay - py
                    let t = (wx * ey - wy * ex) / denominator, u = (wx * dy - wy * dx) / denominator
                    if u >= 0 && u <= 1 && t > t0 && t < t1 { cuts.append(t) }
                }
                cuts.sort()
                func point(_ t: Double) -> Coordinate {
                    if t == 0 { return Coordinate(longitude: px, latitude: py) }
                    if t == 1 { return Coordinate(longitude: qx, latitude: qy) }
                    return Coordinate(longitude: px + dx * t, latitude: py + dy * t)
                }
                for c in 0..<(cuts.count - 1) where cuts[c + 1] > cuts[c] {
                    let u = cuts[c], v = cuts[c + 1], mid = (u + v) / 2
                    if region.contains(px + dx * mid, py + dy * mid) {
                        let start = point(u)
                        if current.last != start {
                            flush()
                            current = [start]
                        }
                        current.append(point(v))
                    } else {
                        flush()
                    }
                }
                if t1 < 1 { flush() }
            }
            flush()
        }
        return lines
    }

    /// For one ring (a polygon without holes) that is convex: its vertices
    /// counter-clockwise (closing position dropped); else nil.
    var convexOutline: [(Double, Double)]? {
        guard ringStart.count == 2, count >= 4 else { return nil }
        var points = (0..<(count - 1)).map { (xs[$0], ys[$0]) }
        var sign = 0
        for i in 0..<points.count {
            let a = points[i], b = points[(i + 1) % points.count], c = points[(i + 2) % points.count]
            let turn = RobustPredicates.orientation(a.0, a.1, b.0, b.1, c.0, c.1)
            if turn == 0 { continue }
            if sign == 0 { sign = turn } else if turn != sign { return nil }
        }
        guard sign != 0 else { return nil }
        if sign < 0 { points.reverse() }
        return points
    }

    /// Area of the part of this single ring inside a convex outline
    /// (Sutherland–Hodgman clipping, then the shoelace formula), in the
    /// plane's square units.
    func areaInside(convex clip: [(Double, Double)]) -> Double {
        var polygon = (0..<(count - 1)).map { (xs[$0], ys[$0]) }
        var next: [(Double, Double)] = []
        for i in 0..<clip.count {
            let (ax, ay) = clip[i], (bx, by) = clip[(i + 1) % clip.count]
            func inside(_ p: (Double, Double)) -> Bool { (bx - ax) * (p.1 - ay) - (by - ay) * (p.0 - ax) >= 0 }
            func crossing(_ p: (Double, Double), _ q: (Double, Double)) -> (Double, Double) {
                let dpx = q.0 - p.0, dpy = q.1 - p.1
                // a + t·(b − a) on the line through p and q: t = cross(a − p, q − p) / cross(q − p, b − a).
                let denominator = dpx * (by - ay) - dpy * (bx - ax)
                let t = denominator == 0 ? 0 : ((ax - p.0) * dpy - (ay - p.1) * dpx) / denominator
                return (ax + (bx - ax) * t, ay + (by - ay) * t)
            }
            next.removeAll(keepingCapacity: true)
            for k in 0..<polygon.count {
                let p = polygon[k], q = polygon[(k + 1) % polygon.count]
                let pin = inside(p), qin = inside(q)
                if qin {
                    if !pin { next.append(crossing(p, q)) }
                    next.append(q)
                } else if pin {
                    next.append(crossing(p, q))
                }
            }
            swap(&polygon, &next)
            if polygon.isEmpty { return 0 }
        }
        var twice = 0.0
        let (x0, y0) = polygon[0]
        for k in 1..<max(polygon.count - 1, 1) {
            twice += (polygon[k].0 - x0) * (polygon[k + 1].1 - y0) - (polygon[k + 1].0 - x0) * (polygon[k].1 - y0)
        }
        return abs(twice) / 2
    }

    func crosses(_ segments: [Int], _ px: Double, _ py: Double, _ qx: Double, _ qy: Double) -> Bool {
        for k in segments where RobustPredicates.segmentsIntersect(px, py, qx, qy, xs[k], ys[k], xs[k + 1], ys[k + 1]) {
            return true
        }
        return false
    }

    func distance(_ segments: [Int], _ px: Double, _ py: Double) -> Double {
        var best = Double.infinity
        for k in segments {
            let ax = xs[k], ay = ys[k], dx = xs[k + 1] - ax, dy = ys[k + 1] - ay
            let l2 = dx * dx + dy * dy
            var t = l2 > 0 ? ((px - ax) * dx + (py - ay) * dy) / l2 : 0
            t = min(1, max(0, t))
            let ex = ax + t * dx - px, ey = ay + t * dy - py
            best = min(best, (ex * ex + ey * ey).squareRoot())
        }
        return best
    }
}

/// One worker's state: its GEOS context, its projections, and the current
/// territory A of the pairs it is working on (projected, prepared, with its
/// boundary and the boundary's buffer).
private struct Worker {
    let ts: [Territory]
    let tol: Double
    let ctx: GEOSContext
    var projections: [ProjectionKey: LocalProjection] = [:]

    let geosProbesAbove: Int
    /// Bounds grown by the tolerance, indexed: the territories near one, for trimming.
    let tree: PackedRTree
    let boxes: [BoundingBox?]

    init(ts: [Territory], tolerance: Double, geosProbesAbove: Int, tree: PackedRTree, boxes: [BoundingBox?]) throws(GeoError) {
        self.ts = ts
        tol = tolerance
        self.geosProbesAbove = geosProbesAbove
        self.tree = tree
        self.boxes = boxes
        ctx = try GEOSContext()
    }

    /// Territories near each one, queried once per worker (every pair of a territory asks).
    var nearby: [Int: [Int]] = [:]

    /// Territories (other than `t` and `except`) whose grown bounds meet `t`'s: every
    /// territory that can come within the tolerance of its boundary.
    mutating func near(_ t: Int, except: Int) -> [Int] {
        if let known = nearby[t] { return known.filter { $0 != except } }
        guard let box = boxes[t] else { return [] }
        var found: [Int] = []
        tree.query(minX: box.west, minY: box.south, maxX: box.east, maxY: box.north) { j in
            if j != t { found.append(j) }
            return true
        }
        found.sort()
        nearby[t] = found
        return found.filter { $0 != except }
    }

    /// A projection and the band of longitude (plain degrees, not wrapped) its shapes are
    /// clipped to: centred on a cell of `projectionCellDegrees`, the band 15° wide each side
    /// (or 30°, 60°, … for a pair whose common bounds are wider).
    struct ProjectionKey: Hashable {
        var cx: Int32
        var cy: Int32
        var band: Int8
        var center: Coordinate {
            let cell = ToleranceAdjacency.projectionCellDegrees
            return Coordinate(longitude: min(180, max(-180, Double(cx) * cell)), latitude: min(89, max(-89, Double(cy) * cell)))
        }
        var halfBandDegrees: Double { ToleranceAdjacency.halfBandDegrees * Double(1 << Int(band)) }
        /// Whether a box lies within the band, `margin` degrees inside its edges.
        func holds(_ box: BoundingBox, margin: Double) -> Bool {
            let c = center.longitude, h = halfBandDegrees - margin
            return box.west >= c - h && box.east <= c + h
        }
    }

    mutating func projection(centre: Coordinate, halfWidthDegrees: Double = 0) throws(GeoError) -> (LocalProjection, ProjectionKey) {
        let cell = ToleranceAdjacency.projectionCellDegrees
        var band: Int8 = 0
        while ToleranceAdjacency.halfBandDegrees * Double(1 << Int(band)) < halfWidthDegrees + cell && band < 4 { band += 1 }
        let key = ProjectionKey(
            cx: Int32((centre.longitude / cell).rounded()), cy: Int32((centre.latitude / cell).rounded()), band: band)
        if let p = projections[key] { return (p, key) }
        let p = try LocalProjection(center: key.center)
        projections[key] = p
        return (p, key)
    }

    /// The projection for the pair (i, j): territory i's own when both fit its band well
    /// inside; otherwise one centred on the pair's common bounds (grown by the tolerance),
    /// with a band wide enough for them. So a territory spanning half the globe, or one in
    /// parts on both sides of 180° (Russia with Chukotka), is worked on near each
    /// neighbour, not in one projection 170° off at its far end where its parts wrap round.
    mutating func projection(forPair i: Int, _ j: Int, home: (LocalProjection, ProjectionKey)) throws(GeoError)
        -> (LocalProjection, ProjectionKey)
    {
        guard let a = boxes[i], let b = boxes[j] else { return home }
        let margin = bandMargin(a)
        if home.1.holds(a, margin: margin) && home.1.holds(b, margin: margin) { return home }
        let d = AdjacencyEngine.degrees(forMeters: 2 * tol, near: a)
        let west = max(a.west, b.west) - d, east = min(a.east, b.east) + d
        let south = max(a.south, b.south) - d, north = min(a.north, b.north) + d
        let centre = Coordinate(longitude: (west + east) / 2, latitude: (south + north) / 2)
        return try projection(centre: centre, halfWidthDegrees: (east - west) / 2 + margin)
    }

    /// How far inside its band's edges a pair's bounds must lie: a degree, plus what the
    /// probes reach beyond the pair's window, so that the cut the band makes in a clipped
    /// territory is never seen as a boundary.
    func bandMargin(_ box: BoundingBox) -> Double { 1 + AdjacencyEngine.degrees(forMeters: 6 * tol, near: box) }

    /// A territory as the probes see it: small ones by scanning their rings
    /// and nearby segments, large ones through GEOS's indexed prepared geometry.
    struct Side {
        let rings: PlanarRings
        let geometry: GEOSGeom
        let prepared: GEOSPrepared?

        func contains(_ x: Double, _ y: Double, _ ctx: GEOSContext) throws(GeoError) -> Bool {
            if let prepared { return try prepared.intersects(ctx.makePoint(Coordinate(longitude: x, latitude: y))) }
            return rings.contains(x, y)
        }

        /// Segments of the boundary near a box (none needed for large ones).
        func segments(near box: BoundingBox) -> [Int] { prepared == nil ? rings.segments(near: box) : [] }

        /// Whether the probe from (sx, sy) to (ex, ey) reaches the territory.
        func isHit(by sx: Double, _ sy: Double, _ ex: Double, _ ey: Double, _ segments: [Int], _ ctx: GEOSContext) throws(GeoError) -> Bool {
            if let prepared {
                return try prepared.intersects(
                    ctx.makeLineString([Coordinate(longitude: sx, latitude: sy), Coordinate(longitude: ex, latitude: ey)]))
            }
            return rings.crosses(segments, sx, sy, ex, ey) || rings.contains(sx, sy)
        }

        /// Distance from a point to the territory (0 inside).
        func distance(_ x: Double, _ y: Double, _ segments: [Int], _ ctx: GEOSContext) throws(GeoError) -> Double {
            if let prepared { return try prepared.distance(ctx.makePoint(Coordinate(longitude: x, latitude: y))) }
            return rings.contains(x, y) ? 0 : rings.distance(segments, x, y)
        }
    }

    /// A territory projected for the pairs of one projection, with what the
    /// pairs need of it, made once.
    final class Shape {
        let rings: PlanarRings
        let box: BoundingBox
        let geometry: GEOSGeom
        let boundary: GEOSGeom
        /// The boundary buffered by the tolerance: where the other's boundary can match.
        let reach: GEOSGeom
        let prepared: GEOSPrepared
        let side: Side
        /// The reach as rings, for small territories (their overlays are done on coordinates).
        let reachRings: PlanarRings?
        /// Small and convex without holes: overlaps with it are clipped on coordinates.
        let convex: [(Double, Double)]?

        init(_ projected: Geometry, box: BoundingBox, tolerance: Double, geosProbesAbove: Int, ctx: GEOSContext) throws(GeoError) {
            rings = PlanarRings(projected)
            self.box = box
            geometry = try ctx.make(projected)
            boundary = try geometry.boundary()
            reach = try boundary.buffer(tolerance, quadrantSegments: 2)
            prepared = try GEOSPrepared(geometry)
            let small = rings.count <= geosProbesAbove
            side = Side(rings: rings, geometry: geometry, prepared: small ? nil : prepared)
            reachRings = small ? PlanarRings(try ctx.value(of: reach)) : nil
            convex = small ? rings.convexOutline : nil
        }
    }

    struct ShapeKey: Hashable {
        var territory: Int
        var projection: ProjectionKey
    }

    var shapes: [ShapeKey: Shape?] = [:]
    /// How far (m) a projected edge may stray from the edge straight in longitude/latitude.
    static func edgeDeviation(_ toleranceMeters: Double) -> Double { toleranceMeters / 10 }
    /// Each territory densified once (it may be projected in several projection cells).
    var densified: [Int: Geometry] = [:]

    /// Territory t in projection `key`, clipped to the key's band of longitude when it
    /// reaches beyond it; nil when nothing of it is left.
    mutating func shape(_ t: Int, _ key: ProjectionKey, _ projection: LocalProjection) throws(GeoError) -> Shape? {
        let k = ShapeKey(territory: t, projection: key)
        if let known = shapes[k] { return known }
        // Edges are straight in longitude/latitude (RFC 7946, exact mode): followed to within a
        // tenth of the tolerance once projected, so that a long edge does not turn into a chord
        // hundreds of metres off its neighbour's. Not to the whole tolerance: the chord's stray
        // adds to the data's own misalignment, and a sparse side 1 m off its edge beside a dense
        // side 0.3 m over it overlaps by more than a 1 m tolerance bridges (a 7 km edge at 43° N
        // lost 47 % of its length so). Edges of a few km stay as they are: no cost on dense layers.
        let lonLat = densified[t] ?? LocalProjection.densifiedAlongLonLat(ts[t].geometry, maxDeviationMeters: Self.edgeDeviation(tol))
        densified[t] = lonLat
        var inBand = lonLat
        if let box = boxes[t], !key.holds(box, margin: 0) {
            // Cut in plain degrees, as exact mode sees the plane: a part beyond 180° stays out
            // (the seam pass joins borders across it), instead of wrapping round beside the rest.
            let c = key.center.longitude, h = key.halfBandDegrees
            let band = Polygon(exterior: [
                Coordinate(longitude: c - h, latitude: -90), Coordinate(longitude: c + h, latitude: -90),
                Coordinate(longitude: c + h, latitude: 90), Coordinate(longitude: c - h, latitude: 90),
                Coordinate(longitude: c - h, latitude: -90),
            ])
            inBand = .polygonal(try ctx.value(of: ctx.make(lonLat).intersection(ctx.make(.polygon(band)))).polygons)
            if inBand.polygons.isEmpty {
                shapes[k] = .some(nil)
                return nil
            }
        }
        let projected = try projection.forward(inBand)
        let made = try projected.boundingBox.map { (box: BoundingBox) throws(GeoError) in try Shape(projected, box: box, tolerance: tol, geosProbesAbove: geosProbesAbove, ctx: ctx) }
        shapes[k] = made
        return made
    }

    mutating func borders(of i: Int, with candidates: [Int], box: BoundingBox) throws(GeoError) -> [Border] {
        let home = try projection(centre: box.center)
        var result: [Border] = []
        for j in candidates {
            let (projection, key) = try projection(forPair: i, j, home: home)
            guard let a = try shape(i, key, projection), let b = try shape(j, key, projection) else { continue }
            let ea = a.box, eb = b.box
            guard eb.west <= ea.east + tol, eb.east >= ea.west - tol, eb.south <= ea.north + tol, eb.north >= ea.south - tol
            else { continue }
            let distance = try a.prepared.distance(b.geometry)
            guard distance <= tol else { continue }
            let window = BoundingBox(
                west: max(ea.west, eb.west) - tol, south: max(ea.south, eb.south) - tol,
                east: min(ea.east, eb.east) + tol, north: min(ea.north, eb.north) + tol)
            // Only boundary stretches within the tolerance of the other can match.
            let reach = BoundingBox(west: window.west - tol, south: window.south - tol, east: window.east + tol, north: window.north + tol)
            let nearA: [LineString], nearB: [LineString]
            if let reachA = a.reachRings, let reachB = b.reachRings {
                nearA = a.rings.boundaryPieces(inside: reachB, regionSegments: reachB.segments(near: reach), within: window)
                nearB = b.rings.boundaryPieces(inside: reachA, regionSegments: reachA.segments(near: reach), within: window)
            } else {
                let boundaryA = try a.boundary.clipped(to: window), boundaryB = try b.boundary.clipped(to: window)
                nearA = try ctx.value(of: boundaryA.intersection(b.reach.clipped(to: reach))).lineStrings
                nearB = try ctx.value(of: boundaryB.intersection(a.reach.clipped(to: reach))).lineStrings
            }
            let probeBox = BoundingBox(west: reach.west - tol, south: reach.south - tol, east: reach.east + tol, north: reach.north + tol)
            // A stretch ends where the boundary comes nearer a third territory than the other
            // side (so it stops at a tripoint instead of running on along the next border).
            func thirds(_ t: Int, _ other: Int) throws(GeoError) -> [(Side, [Int])] {
                var list: [(Side, [Int])] = []
                for k in near(t, except: other) {
                    guard let c = try shape(k, key, projection) else { continue }
                    let ec = c.box
                    guard ec.west <= probeBox.east, ec.east >= probeBox.west, ec.south <= probeBox.north, ec.north >= probeBox.south else { continue }
                    list.append((c.side, c.side.segments(near: probeBox)))
                }
                return list
            }
            let ab = try matchedStretches(nearA, of: a.side, against: b.side, segments: b.side.segments(near: probeBox), thirds: thirds(i, j))
            let ba = try matchedStretches(nearB, of: b.side, against: a.side, segments: a.side.segments(near: probeBox), thirds: thirds(j, i))
            let linesAB = try projection.inverse(Geometry.multiLineString(ab.lines)).lineStrings
            let linesBA = try projection.inverse(Geometry.multiLineString(ba.lines)).lineStrings
            let lengthAB = linesAB.reduce(0.0) { $0 + Geodesic.lengthMeters($1.coordinates) }
            let lengthBA = linesBA.reduce(0.0) { $0 + Geodesic.lengthMeters($1.coordinates) }
            let (first, second) = ts[i].id < ts[j].id ? (i, j) : (j, i)
            var lines = first == i ? linesAB : linesBA
            if lines.isEmpty { lines = first == i ? linesBA : linesAB }
            let contact: Contact = lines.isEmpty ? .point : .edge
            if lines.count > 1 { lines = LineMerging.mergeLines(lines) }
            // Only polygons that touch can overlap.
            var overlap = 0.0
            if distance == 0 {
                if let clip = a.convex, b.reachRings != nil, b.rings.ringStart.count == 2 {
                    overlap = b.rings.areaInside(convex: clip)
                } else if let clip = b.convex, a.reachRings != nil, a.rings.ringStart.count == 2 {
                    overlap = a.rings.areaInside(convex: clip)
                } else {
                    overlap = try a.geometry.intersection(b.geometry).planarArea()
                }
            }
            var gap = max(ab.maxGap, ba.maxGap)
            var points: [Coordinate] = []
            if contact == .point {
                let (p, q) = try a.geometry.nearestPoints(b.geometry)
                let mid = Coordinate(longitude: (p.longitude + q.longitude) / 2, latitude: (p.latitude + q.latitude) / 2)
                points = try projection.inverse([mid])
                gap = distance
            }
            result.append(
                Border(
                    a: ts[first].id, b: ts[second].id, contact: contact,
                    lengthMeters: contact == .edge ? (lengthAB + lengthBA) / 2 : 0, lines: Border.canonicalLines(lines).map(\.line),
                    points: points, overlapAreaSquareMeters: overlap, maxGapMeters: gap))
        }
        return result
    }

    /// The parts of `lines` (stretches of `a`'s boundary, projected, metres)
    /// that face `b` within the tolerance, and the widest gap among them.
    /// `segments` are b's boundary segments near the lines. Matched runs keep
    /// only their ends and the boundary's own vertices (the probes' pieces in
    /// between are collinear). Each run is trimmed at both ends while its end
    /// piece lies nearer one of `thirds` (other territories near a, with their
    /// segments) than b: the boundary there belongs to another border.
    func matchedStretches(
        _ lines: [LineString], of a: Side, against b: Side, segments: [Int], thirds: [(Side, [Int])] = []
    ) throws(GeoError) -> (lines: [LineString], maxGap: Double) {
        var matched: [LineString] = []
        var maxGap = 0.0
        // The probe starts just off the boundary, so that a side running in
        // line with b's side (not facing it) does not match.
        let epsilon = min(0.001, tol / 10)
        struct Piece {
            var start: Coordinate
            var end: Coordinate
            /// The piece ends at a vertex of the boundary.
            var atVertex: Bool
            var gap: Double
            /// The outward normal of its segment.
            var nx: Double, ny: Double
            var middle: Coordinate {
                Coordinate(longitude: (start.longitude + end.longitude) / 2, latitude: (start.latitude + end.latitude) / 2)
            }
        }
        func nearerAThird(_ x: Double, _ y: Double, than gap: Double) throws(GeoError) -> Bool {
            for (c, cs) in thirds where try c.distance(x, y, cs, ctx) < gap { return true }
            return false
        }
        func belongsElsewhere(_ p: Piece) throws(GeoError) -> Bool {
            guard !thirds.isEmpty else { return false }
            let m = p.middle
            return try nearerAThird(m.longitude, m.latitude, than: p.gap)
        }
        /// Whether the boundary at (x, y) faces b (and no third territory is nearer).
        func matches(_ x: Double, _ y: Double, _ nx: Double, _ ny: Double) throws(GeoError) -> Bool {
            guard try b.isHit(by: x + nx * epsilon, y + ny * epsilon, x + nx * tol, y + ny * tol, segments, ctx) else { return false }
            return try !nearerAThird(x, y, than: b.distance(x, y, segments, ctx))
        }
        /// Where between `outer` (perhaps not matching) and `inner` (matching) the match
        /// begins, to a thousandth of the tolerance and at most 0.1 mm (at least 1/4096 of
        /// their distance): the end of a run is found to a tenth of a millimetre wherever the
        /// probes happen to sample it (they are spread along straight stretches, whose extent
        /// depends on how far the pair's window reaches), not to the piece.
        let resolution = min(tol / 1000, 1e-4)
        func edge(from outer: Coordinate, to inner: Coordinate, _ nx: Double, _ ny: Double) throws(GeoError) -> Coordinate {
            if try matches(outer.longitude, outer.latitude, nx, ny) { return outer }
            var out = outer, inside = inner
            let distance = hypot(outer.longitude - inner.longitude, outer.latitude - inner.latitude)
            let steps = max(12, min(60, Int(log2(max(distance / resolution, 1)).rounded(.up))))
            for _ in 0..<steps {
                let m = Coordinate(longitude: (out.longitude + inside.longitude) / 2, latitude: (out.latitude + inside.latitude) / 2)
                if try matches(m.longitude, m.latitude, nx, ny) { inside = m } else { out = m }
            }
            return inside
        }
        /// Where a run begins inside or beside `outer`, the piece probed just before its first
        /// piece `inner` (one that did not match, or was trimmed): bisected within `outer` when
        /// the boundary still matches where the two meet, else within `inner`'s first half.
        func runStart(outer: Piece?, inner: Piece) throws(GeoError) -> [Coordinate] {
            if let outer, outer.end == inner.start, try matches(inner.start.longitude, inner.start.latitude, inner.nx, inner.ny) {
                let p = try edge(from: outer.middle, to: outer.end, outer.nx, outer.ny)
                return p == outer.end || !outer.atVertex ? [p] : [p, outer.end]
            }
            return [try edge(from: inner.start, to: inner.middle, inner.nx, inner.ny)]
        }
        /// Where a run ends, as `runStart` from the other side: `outer` is the piece probed
        /// just after its last piece `inner`.
        func runEnd(inner: Piece, outer: Piece?) throws(GeoError) -> [Coordinate] {
            if let outer, inner.end == outer.start, try matches(outer.start.longitude, outer.start.latitude, outer.nx, outer.ny) {
                let p = try edge(from: outer.middle, to: outer.start, outer.nx, outer.ny)
                return p == outer.start || !inner.atVertex ? [p] : [inner.end, p]
            }
            return [try edge(from: inner.end, to: inner.middle, inner.nx, inner.ny)]
        }
        // Local lists of b's segments near one segment of a (small territories only): a probe
        // from that segment tests just those, with the same answer as testing them all.
        let localFilter = b.prepared == nil
        let bx = b.rings.xs, by = b.rings.ys
        var local: [Int] = []
        for line in lines {
            let cs = line.coordinates
            var run: [Piece] = []
            /// The piece probed just before the current run (it did not match).
            var before: Piece?
            func close(following: Piece?) throws(GeoError) {
                defer { run = [] }
                guard !run.isEmpty else { return }
                var lo = 0, hi = run.count
                while lo < hi, try belongsElsewhere(run[lo]) { lo += 1 }
                while hi > lo, try belongsElsewhere(run[hi - 1]) { hi -= 1 }
                guard lo < hi else { return }
                var coordinates = try runStart(outer: lo > 0 ? run[lo - 1] : before, inner: run[lo])
                for k in lo..<hi - 1 where run[k].atVertex { coordinates.append(run[k].end) }
                coordinates += try runEnd(inner: run[hi - 1], outer: hi < run.count ? run[hi] : following)
                for k in lo..<hi { maxGap = max(maxGap, run[k].gap) }
                matched.append(LineString(coordinates))
            }
            // Probes are spent per stretch that runs straight on (an edge densified along
            // longitude/latitude is many segments turning by a hair): at most 64 along it, and
            // at least one per segment, so densifying an edge does not multiply its probes.
            var lengths: [Double] = []
            lengths.reserveCapacity(cs.count)
            for s in 1..<max(cs.count, 1) {
                let dx = cs[s].longitude - cs[s - 1].longitude, dy = cs[s].latitude - cs[s - 1].latitude
                lengths.append((dx * dx + dy * dy).squareRoot())
            }
            var straightLength = [Double](repeating: 0, count: lengths.count)
            var first = 0
            while first < lengths.count {
                var last = first, total = lengths[first]
                while last + 1 < lengths.count, Self.runsStraightOn(cs[last], cs[last + 1], cs[last + 2]) {
                    last += 1
                    total += lengths[last]
                }
                for k in first...last { straightLength[k] = total }
                first = last + 1
            }
            for s in 1..<max(cs.count, 1) {
                let p = cs[s - 1], q = cs[s]
                let dx = q.longitude - p.longitude, dy = q.latitude - p.latitude
                let length = lengths[s - 1]
                guard length > 0 else { continue }
                let share = straightLength[s - 1] > length ? max(1, Int((64 * length / straightLength[s - 1]).rounded(.up))) : 64
                let pieces = min(share, max(1, Int((length / (tol / 2)).rounded(.up))))
                var nx = dy / length, ny = -dx / length
                if localFilter {
                    let reach = tol * 1.5 + 1e-6
                    let x0 = min(p.longitude, q.longitude) - reach, x1 = max(p.longitude, q.longitude) + reach
                    let y0 = min(p.latitude, q.latitude) - reach, y1 = max(p.latitude, q.latitude) + reach
                    local.removeAll(keepingCapacity: true)
                    for k in segments {
                        if min(bx[k], bx[k + 1]) <= x1 && max(bx[k], bx[k + 1]) >= x0 && min(by[k], by[k + 1]) <= y1
                            && max(by[k], by[k + 1]) >= y0
                        {
                            local.append(k)
                        }
                    }
                }
                let near = localFilter ? local : segments
                for piece in 0..<pieces {
                    let t0 = Double(piece) / Double(pieces), t1 = Double(piece + 1) / Double(pieces)
                    let start = Coordinate(longitude: p.longitude + dx * t0, latitude: p.latitude + dy * t0)
                    let end = piece == pieces - 1 ? q : Coordinate(longitude: p.longitude + dx * t1, latitude: p.latitude + dy * t1)
                    let mx = (start.longitude + end.longitude) / 2, my = (start.latitude + end.latitude) / 2
                    if piece == 0 {
                        // Outward is the side where a point just off the boundary is not in a.
                        if try a.contains(mx + nx * epsilon, my + ny * epsilon, ctx) {
                            nx = -nx
                            ny = -ny
                        }
                    }
                    let sx = mx + nx * epsilon, sy = my + ny * epsilon
                    if try b.isHit(by: sx, sy, mx + nx * tol, my + ny * tol, near, ctx) {
                        run.append(
                            Piece(start: start, end: end, atVertex: piece == pieces - 1, gap: try b.distance(mx, my, near, ctx), nx: nx, ny: ny))
                    } else {
                        let missed = Piece(start: start, end: end, atVertex: piece == pieces - 1, gap: 0, nx: nx, ny: ny)
                        try close(following: missed)
                        before = missed
                    }
                }
            }
            try close(following: nil)
        }
        return (matched, maxGap)
    }

    /// Whether the boundary carries straight on at `b` (from a through b to c): turning by
    /// less than a thousandth of a radian, as a densified edge does between its points.
    static func runsStraightOn(_ a: Coordinate, _ b: Coordinate, _ c: Coordinate) -> Bool {
        let ux = b.longitude - a.longitude, uy = b.latitude - a.latitude
        let vx = c.longitude - b.longitude, vy = c.latitude - b.latitude
        let dot = ux * vx + uy * vy
        let cross = ux * vy - uy * vx
        return dot > 0 && abs(cross) < 1e-3 * dot
    }
}
