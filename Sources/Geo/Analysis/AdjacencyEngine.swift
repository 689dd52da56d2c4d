import Foundation

/// Receives progress of long work: a stage name, units done, units in all.
public typealias ProgressHandler = @Sendable (_ stage: String, _ done: Int, _ total: Int) -> Void

/// Finds every pair of adjacent territories with the kind of contact, the
/// shared border as merged lines and its geodesic length, and tripoints.
///
/// Built for scale: each territory is converted to GEOS once, prepared once
/// and indexed once in an STRtree; only pairs whose envelopes meet are
/// tested. Exact mode needs a clean coverage (neighbours share their
/// vertices, nothing overlaps); tolerance mode bridges data that does not
/// align, measuring in a local metric projection.
public struct AdjacencyEngine: Sendable {
    public struct Options: Sendable {
        public var mode: AdjacencyMode = .queen
        /// 0 for exact mode; otherwise how far apart (m) boundaries may run
        /// and still count as one border.
        public var toleranceMeters: Double = 0
        /// Exact mode: how borders are found (tolerance mode ignores it).
        public var exactMethod: ExactMethod = .automatic
        /// Told how many territories are done, of how many (for long runs).
        public var progress: ProgressHandler?
        public init(
            mode: AdjacencyMode = .queen, toleranceMeters: Double = 0, exactMethod: ExactMethod = .automatic,
            progress: ProgressHandler? = nil
        ) {
            self.mode = mode
            self.toleranceMeters = toleranceMeters
            self.exactMethod = exactMethod
            self.progress = progress
        }
    }

    /// How exact mode finds borders. Both give the same borders on a clean
    /// coverage (tests check this on the shipped data and on synthetic layers).
    public enum ExactMethod: String, Sendable, Hashable, CaseIterable {
        /// Shared vertices and edges by hashing when the layer is provably a
        /// clean coverage (`SharedEdgeAdjacency`); GEOS predicates otherwise.
        case automatic
        /// Always GEOS: STRtree, prepared intersects, DE-9IM, boundary intersection.
        case geos
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// The adjacency graph of `territories` (all of one level).
    public func graph(of territories: [Territory]) throws(GeoError) -> AdjacencyGraph {
        var seen = Set<String>()
        for t in territories where !seen.insert(t.id).inserted {
            throw GeoError(.schema, "duplicate territory id \"\(t.id)\"; ids must be unique")
        }
        guard options.toleranceMeters >= 0, options.toleranceMeters.isFinite else {
            throw GeoError(.invalidArgument, "the tolerance must be a finite number of metres ≥ 0")
        }
        options.progress?("adjacency", 0, territories.count)
        var method = AdjacencyMethod.tolerance
        var borders: [Border]
        if options.toleranceMeters > 0 {
            borders = try withGEOS(territories) { (geoms, tree, ctx) throws(GeoError) in
                try tolerantBorders(territories, geoms, tree, ctx)
            }
        } else {
            var fallbackReason: String?
            var fast: [Border]?
            if options.exactMethod == .automatic {
                switch SharedEdgeAdjacency.borders(of: territories) {
                case .borders(let b): fast = b
                case .notACoverage(let why): fallbackReason = why
                }
            }
            if let fast {
                borders = fast.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
                method = .sharedEdges
            } else {
                borders = try withGEOS(territories) { (geoms, tree, ctx) throws(GeoError) in
                    try exactBorders(territories, geoms, tree, ctx)
                }
                method = .geos(fallbackReason: fallbackReason)
            }
        }
        options.progress?("adjacency", territories.count, territories.count)
        if options.mode == .rook { borders.removeAll { $0.contact == .point } }
        TmpT.lap("sorted")
        Self.addTripoints(&borders)
        TmpT.lap("tripoints")
        return AdjacencyGraph(
            territories: territories, borders: borders, mode: options.mode, toleranceMeters: options.toleranceMeters,
            method: method)
    }

    /// Every territory converted to GEOS once and indexed in an STRtree (in
    /// tolerance mode under its bounds grown by the tolerance).
    private func withGEOS(
        _ territories: [Territory], _ body: ([GEOSGeom], GEOSSTRtree, GEOSContext) throws(GeoError) -> [Border]
    ) throws(GeoError) -> [Border] {
        let ctx = try GEOSContext()
        var geoms: [GEOSGeom] = []
        geoms.reserveCapacity(territories.count)
        let tree = try GEOSSTRtree(context: ctx)
        for (i, t) in territories.enumerated() {
            do throws(GeoError) {
                let g = try ctx.make(t.geometry)
                geoms.append(g)
                if options.toleranceMeters > 0 {
                    // Indexed under its bounds grown by the tolerance (a rectangle, not a buffer).
                    guard let box = t.geometry.boundingBox else { continue }
                    let d = Self.degrees(forMeters: options.toleranceMeters, near: t.geometry)
                    let grown = BoundingBox(west: box.west - d, south: box.south - d, east: box.east + d, north: box.north + d)
                    try tree.insert(try ctx.makeRectangle(grown), index: i)
                } else {
                    try tree.insert(g, index: i)
                }
            } catch {
                throw error.inFeature(index: i, id: t.id)
            }
        }
        return try body(geoms, tree, ctx)
    }

    /// A distance in degrees that covers `meters` in every direction near a
    /// geometry (for index envelopes only, never for measuring).
    static func degrees(forMeters meters: Double, near g: Geometry) -> Double {
        let lat = g.boundingBox.map { max(abs($0.south), abs($0.north)) } ?? 0
        let cosLat = max(cos(min(lat, 89) * .pi / 180), 0.01)
        return meters / (111_000 * cosLat) * 1.01
    }

    // MARK: Exact mode

    private func exactBorders(_ ts: [Territory], _ geoms: [GEOSGeom], _ tree: GEOSSTRtree, _ ctx: GEOSContext) throws(GeoError)
        -> [Border]
    {
        var boundaries = [GEOSGeom?](repeating: nil, count: ts.count)
        func boundary(_ i: Int) throws(GeoError) -> GEOSGeom {
            if let b = boundaries[i] { return b }
            let b = try geoms[i].boundary()
            boundaries[i] = b
            return b
        }
        var borders: [Border] = []
        for i in 0..<ts.count {
            if i > 0 && i % 256 == 0 { options.progress?("adjacency", i, ts.count) }
            let prepared = try GEOSPrepared(geoms[i])
            for j in tree.query(geoms[i]) where j > i {
                guard try prepared.intersects(geoms[j]) else { continue }
                let matrix = try geoms[i].relate(geoms[j])
                let chars = Array(matrix)
                if chars[0] != "F" {
                    let overlap = try geoms[i].intersection(geoms[j])
                    let km2 = Geodesic.areaSquareMeters(try ctx.value(of: overlap)) / 1e6
                    throw GeoError(
                        .analysis,
                        "\(ts[i].name) (\(ts[i].id)) and \(ts[j].name) (\(ts[j].id)) overlap by \(NumberFormatting.fixed(km2, 6)) km²; exact mode needs polygons that share edges without overlapping: use --tolerance (e.g. --tolerance 50m) for data that do not align")
                }
                let shared = try ctx.value(of: boundary(i).intersection(boundary(j)))
                var lines = shared.lineStrings
                let points = shared.points
                if !lines.isEmpty {
                    lines = try merge(lines, ctx)
                } else if points.isEmpty && chars[4] != "0" {
                    continue
                }
                let (a, b) = ts[i].id < ts[j].id ? (ts[i].id, ts[j].id) : (ts[j].id, ts[i].id)
                borders.append(Border(exactBetween: a, b, lines: lines, points: points))
            }
        }
        return borders.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
    }

    private func merge(_ lines: [LineString], _ ctx: GEOSContext) throws(GeoError) -> [LineString] {
        let merged = try ctx.make(.multiLineString(lines)).lineMerge()
        return try ctx.value(of: merged).lineStrings
    }

    // MARK: Tolerance mode

    /// Tolerance mode, per candidate pair in a local metric projection
    /// centred on the pair. A stretch of A's boundary is matched with B when
    /// a probe from it, perpendicular and outward from A, reaches B within
    /// the tolerance (or starts inside B, where they overlap): so facing
    /// sides match, while sides that merely run on in line with each other
    /// do not. Probes sit at the middle of sub-segments at most half the
    /// tolerance long (and at most 64 per segment), which bounds the error at
    /// each end of a matched stretch. The length is the mean of A→B and B→A
    /// (symmetric), measured geodesically. Bridged overlap area and the widest
    /// gap are reported.
    private func tolerantBorders(_ ts: [Territory], _ geoms: [GEOSGeom], _ tree: GEOSSTRtree, _ ctx: GEOSContext) throws(GeoError)
        -> [Border]
    {
        let tol = options.toleranceMeters
        var borders: [Border] = []
        for i in 0..<ts.count {
            if i > 0 && i % 64 == 0 { options.progress?("adjacency (tolerance)", i, ts.count) }
            // One projection per territory, centred on it, serves all its pairs:
            // neighbours lie close by, where its scale error is negligible.
            let candidates = tree.query(geoms[i]).filter { $0 > i }
            guard !candidates.isEmpty, let boxA = ts[i].geometry.boundingBox else { continue }
            let projection = try LocalProjection(center: boxA.center)
            let pa = try ctx.make(projection.forward(ts[i].geometry))
            let preparedA = try GEOSPrepared(pa)
            for j in candidates {
                let pb = try ctx.make(projection.forward(ts[j].geometry))
                guard try pa.distance(pb) <= tol else { continue }
                guard let ea = try pa.extent(), let eb = try pb.extent() else { continue }
                let window = BoundingBox(
                    west: max(ea.west, eb.west) - tol, south: max(ea.south, eb.south) - tol,
                    east: min(ea.east, eb.east) + tol, north: min(ea.north, eb.north) + tol)
                let preparedB = try GEOSPrepared(pb)
                // Only boundary stretches within the tolerance of the other can match.
                let boundaryA = try pa.boundary().clipped(to: window), boundaryB = try pb.boundary().clipped(to: window)
                let nearA = try ctx.value(of: boundaryA.intersection(boundaryB.buffer(tol, quadrantSegments: 2))).lineStrings
                let nearB = try ctx.value(of: boundaryB.intersection(boundaryA.buffer(tol, quadrantSegments: 2))).lineStrings
                let ab = try matchedStretches(nearA, of: preparedA, against: preparedB, tolerance: tol, ctx)
                let ba = try matchedStretches(nearB, of: preparedB, against: preparedA, tolerance: tol, ctx)
                let linesAB = try projection.inverse(Geometry.multiLineString(ab.lines)).lineStrings
                let linesBA = try projection.inverse(Geometry.multiLineString(ba.lines)).lineStrings
                let lengthAB = linesAB.reduce(0.0) { $0 + Geodesic.lengthMeters($1.coordinates) }
                let lengthBA = linesBA.reduce(0.0) { $0 + Geodesic.lengthMeters($1.coordinates) }
                let (first, second) = ts[i].id < ts[j].id ? (i, j) : (j, i)
                var lines = first == i ? linesAB : linesBA
                if lines.isEmpty { lines = first == i ? linesBA : linesAB }
                let contact: Contact = lines.isEmpty ? .point : .edge
                if !lines.isEmpty { lines = try merge(lines, ctx) }
                let overlap = try pa.intersection(pb).planarArea()
                var gap = max(ab.maxGap, ba.maxGap)
                var points: [Coordinate] = []
                if contact == .point {
                    let (p, q) = try pa.nearestPoints(pb)
                    let mid = Coordinate(longitude: (p.longitude + q.longitude) / 2, latitude: (p.latitude + q.latitude) / 2)
                    points = try projection.inverse([mid])
                    gap = try pa.distance(pb)
                }
                borders.append(
                    Border(
                        a: ts[first].id, b: ts[second].id, contact: contact,
                        lengthMeters: contact == .edge ? (lengthAB + lengthBA) / 2 : 0, lines: Self.sortedLines(lines),
                        points: points, overlapAreaSquareMeters: overlap, maxGapMeters: gap))
            }
        }
        return borders.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
    }

    /// The parts of `lines` (stretches of `a`'s boundary, projected, metres)
    /// that face `b` within `tolerance`, and the widest gap among them.
    private func matchedStretches(
        _ lines: [LineString], of a: GEOSPrepared, against b: GEOSPrepared, tolerance tol: Double, _ ctx: GEOSContext
    ) throws(GeoError) -> (lines: [LineString], maxGap: Double) {
        var matched: [LineString] = []
        var maxGap = 0.0
        // The probe starts just off the boundary, so that a side running in
        // line with b's side (not facing it) does not match.
        let epsilon = min(0.001, tol / 10)
        for line in lines {
            let cs = line.coordinates
            var run: [Coordinate] = []
            func close() {
                if run.count >= 2 { matched.append(LineString(run)) }
                run = []
            }
            for s in 1..<max(cs.count, 1) {
                let p = cs[s - 1], q = cs[s]
                let dx = q.longitude - p.longitude, dy = q.latitude - p.latitude
                let length = (dx * dx + dy * dy).squareRoot()
                guard length > 0 else { continue }
                let pieces = min(64, max(1, Int((length / (tol / 2)).rounded(.up))))
                var nx = dy / length, ny = -dx / length
                for piece in 0..<pieces {
                    let t0 = Double(piece) / Double(pieces), t1 = Double(piece + 1) / Double(pieces)
                    let start = Coordinate(longitude: p.longitude + dx * t0, latitude: p.latitude + dy * t0)
                    let end = Coordinate(longitude: p.longitude + dx * t1, latitude: p.latitude + dy * t1)
                    let mx = (start.longitude + end.longitude) / 2, my = (start.latitude + end.latitude) / 2
                    if piece == 0 {
                        // Outward is the side where a point just off the boundary is not in a.
                        let side = try ctx.makePoint(Coordinate(longitude: mx + nx * epsilon, latitude: my + ny * epsilon))
                        if try a.intersects(side) {
                            nx = -nx
                            ny = -ny
                        }
                    }
                    let probe = try ctx.makeLineString([
                        Coordinate(longitude: mx + nx * epsilon, latitude: my + ny * epsilon),
                        Coordinate(longitude: mx + nx * tol, latitude: my + ny * tol),
                    ])
                    if try b.intersects(probe) {
                        if run.isEmpty { run.append(start) }
                        run.append(end)
                        maxGap = max(maxGap, try b.distance(ctx.makePoint(Coordinate(longitude: mx, latitude: my))))
                    } else {
                        close()
                    }
                }
            }
            close()
        }
        return (matched, maxGap)
    }

    // MARK: Tripoints and ordering

    /// Tripoints: border end points (or contact points) shared by borders of
    /// at least three territories (positions equal to 1e-7°). Each border
    /// gets every tripoint of both its sides, in coordinate order.
    static func addTripoints(_ borders: inout [Border]) {
        struct Key: Hashable {
            var x: Int64, y: Int64
            init(_ c: Coordinate) {
                x = Int64((c.longitude * 1e7).rounded())
                y = Int64((c.latitude * 1e7).rounded())
            }
        }
        // Territories and meeting places by number; (place, territory) for every border end.
        var territoryIndex: [String: Int32] = [:]
        var ids: [String] = []
        func number(_ id: String) -> Int32 {
            if let n = territoryIndex[id] { return n }
            territoryIndex[id] = Int32(ids.count)
            ids.append(id)
            return Int32(ids.count - 1)
        }
        var placeIndex: [Key: Int32] = [:]
        var places: [Coordinate] = []
        var meetings: [(place: Int32, territory: Int32)] = []
        var sides: [(Int32, Int32)] = []
        sides.reserveCapacity(borders.count)
        for b in borders {
            let x = number(b.a), y = number(b.b)
            sides.append((x, y))
            func meet(_ c: Coordinate) {
                let k = Key(c)
                let p: Int32
                if let known = placeIndex[k] {
                    p = known
                } else {
                    p = Int32(places.count)
                    placeIndex[k] = p
                    places.append(c)
                }
                meetings.append((p, x))
                meetings.append((p, y))
            }
            for l in b.lines {
                guard let f = l.coordinates.first, let e = l.coordinates.last, f != e else { continue }
                meet(f)
                meet(e)
            }
            for c in b.points { meet(c) }
        }
        // Territories met at each place (counting sort by place), each listed once.
        var start = [Int](repeating: 0, count: places.count + 1)
        for m in meetings { start[Int(m.place) + 1] += 1 }
        for p in 0..<places.count { start[p + 1] += start[p] }
        var members = [Int32](repeating: 0, count: meetings.count)
        var fill = start
        for m in meetings {
            members[fill[Int(m.place)]] = m.territory
            fill[Int(m.place)] += 1
        }
        var found: [(coordinate: Coordinate, members: [Int32])] = []
        var distinct: [Int32] = []
        for p in 0..<places.count where start[p + 1] - start[p] >= 4 {  // two borders at least
            distinct.removeAll(keepingCapacity: true)
            for t in members[start[p]..<start[p + 1]] where !distinct.contains(t) { distinct.append(t) }
            if distinct.count >= 3 { found.append((places[p], distinct.sorted())) }
        }
        found.sort { coordinateOrder($0.coordinate, $1.coordinate) }
        let tripoints = found.map { Tripoint(coordinate: $0.coordinate, territories: $0.members.map { ids[Int($0)] }.sorted()) }
        // Tripoints of each territory, in coordinate order.
        var ofTerritory = [[Int32]](repeating: [], count: ids.count)
        for (k, t) in found.enumerated() {
            for m in t.members { ofTerritory[Int(m)].append(Int32(k)) }
        }
        for n in borders.indices {
            let (x, y) = sides[n]
            let list = ofTerritory[Int(x)].filter { found[Int($0)].members.contains(y) }
            borders[n].tripoints = list.map { tripoints[Int($0)] }
        }
    }

    static func coordinateOrder(_ p: Coordinate, _ q: Coordinate) -> Bool {
        (p.longitude, p.latitude) < (q.longitude, q.latitude)
    }

    /// Lines in canonical form and order (`Border.canonicalLines`).
    static func sortedLines(_ lines: [LineString]) -> [LineString] { Border.canonicalLines(lines).map(\.line) }
}
