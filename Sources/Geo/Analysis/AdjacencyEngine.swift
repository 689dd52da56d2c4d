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
        for t in territories {
            guard seen.insert(t.id).inserted else { throw GeoError(.schema, "duplicate territory id \"\(t.id)\"; ids must be unique") }
            // An empty geometry has no box: refused here, where every caller of the library passes.
            guard t.geometry.boundingBox != nil else {
                throw GeoError(.schema, "territory \"\(t.id)\" has an empty \(t.geometry.typeName); a territory needs at least one ring", featureID: t.id)
            }
        }
        guard options.toleranceMeters >= 0, options.toleranceMeters.isFinite else {
            throw GeoError(.invalidArgument, "the tolerance must be a finite number of metres ≥ 0")
        }
        options.progress?("adjacency", 0, territories.count)
        var method = AdjacencyMethod.tolerance
        var borders: [Border]
        if options.toleranceMeters > 0 {
            // A territory with parts on both sides of 180° has a box the width of the world:
            // its sides are matched apart (each in a projection of its own), then joined.
            let sides = AntimeridianSeam.sidesApart(territories)
            borders = try ToleranceAdjacency.borders(sides, toleranceMeters: options.toleranceMeters, progress: options.progress)
            if sides.count != territories.count { borders = AntimeridianSeam.joinedBySide(borders) }
        } else {
            var fallbackReason: String?
            var fast: [Border]?
            var partial: (borders: [Border], flawed: [Int], reason: String)?
            if options.exactMethod == .automatic {
                switch SharedEdgeAdjacency.borders(of: territories) {
                case .borders(let b): fast = b
                case .partial(let b, let flawed, let why): partial = (b, flawed, why)
                case .notACoverage(let why): fallbackReason = why
                }
            }
            if let fast {
                borders = fast.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
                method = .sharedEdges
            } else if let partial {
                // GEOS only for the pairs with a flawed territory in them (an overlap among
                // them is refused as on the GEOS path).
                let around = try exactBorders(around: partial.flawed, of: territories)
                borders = (partial.borders + around).sorted { ($0.a, $0.b) < ($1.a, $1.b) }
                method = .sharedEdgesAndGEOS(flawed: partial.flawed.map { territories[$0].id }.sorted(), reason: partial.reason)
            } else {
                borders = try withGEOS(territories) { (geoms, tree, ctx) throws(GeoError) in
                    try exactBorders(territories, geoms, tree, ctx)
                }
                method = .geos(fallbackReason: fallbackReason)
            }
        }
        AntimeridianSeam.join(&borders, territories: territories, toleranceMeters: options.toleranceMeters)
        options.progress?("adjacency", territories.count, territories.count)
        if options.mode == .rook { borders.removeAll { $0.contact == .point } }
        Self.addTripoints(&borders)
        return AdjacencyGraph(
            territories: territories, borders: borders, mode: options.mode, toleranceMeters: options.toleranceMeters,
            method: method)
    }

    /// Every territory converted to GEOS once and indexed in an STRtree.
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
                try tree.insert(g, index: i)
            } catch {
                throw error.inFeature(index: i, id: t.id)
            }
        }
        return try body(geoms, tree, ctx)
    }

    /// A distance in degrees that covers `meters` in every direction near a
    /// geometry (for index envelopes only, never for measuring).
    static func degrees(forMeters meters: Double, near g: Geometry) -> Double {
        degrees(forMeters: meters, near: g.boundingBox)
    }

    /// The same, from a box already at hand.
    static func degrees(forMeters meters: Double, near box: BoundingBox?) -> Double {
        let lat = box.map { max(abs($0.south), abs($0.north)) } ?? 0
        let cosLat = max(cos(min(lat, 89) * .pi / 180), 0.01)
        return meters / (111_000 * cosLat) * 1.01
    }

    // MARK: Exact mode

    private func exactBorders(_ ts: [Territory], _ geoms: [GEOSGeom], _ tree: GEOSSTRtree, _ ctx: GEOSContext) throws(GeoError)
        -> [Border]
    {
        try exactBorders(ts, firsts: Array(0..<ts.count), geom: { geoms[$0] }, candidates: { i in tree.query(geoms[i]).filter { $0 > i } }, ctx)
    }

    /// The GEOS path for the pairs with at least one of `flawed` in them (the local
    /// fallback of `SharedEdgeAdjacency`): only those territories and the ones whose
    /// bounds meet theirs are made into GEOS geometries.
    private func exactBorders(around flawed: [Int], of ts: [Territory]) throws(GeoError) -> [Border] {
        var boxes = [Double](repeating: 0, count: 4 * ts.count)
        for (i, t) in ts.enumerated() {
            let b = t.geometry.boundingBox!  // checked non-empty in graph(of:)
            (boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]) = (b.west, b.south, b.east, b.north)
        }
        let tree = PackedRTree(itemBoxes: boxes)
        let isFlawed = Set(flawed)
        let ctx = try GEOSContext()
        var made: [Int: GEOSGeom] = [:]
        func geom(_ i: Int) throws(GeoError) -> GEOSGeom {
            if let g = made[i] { return g }
            do throws(GeoError) {
                let g = try ctx.make(ts[i].geometry)
                made[i] = g
                return g
            } catch {
                throw error.inFeature(index: i, id: ts[i].id)
            }
        }
        return try exactBorders(ts, firsts: flawed, geom: geom, candidates: { i in
            var found: [Int] = []
            tree.query(minX: boxes[4 * i], minY: boxes[4 * i + 1], maxX: boxes[4 * i + 2], maxY: boxes[4 * i + 3]) { j in
                // A pair of two flawed territories once, from its lower index.
                if j != i && (!isFlawed.contains(j) || j > i) { found.append(j) }
                return true
            }
            return found.sorted()
        }, ctx)
    }

    /// Exact borders of the pairs (i, j) for i in `firsts` and j in `candidates(i)`.
    private func exactBorders(
        _ ts: [Territory], firsts: [Int], geom: (Int) throws(GeoError) -> GEOSGeom, candidates: (Int) -> [Int], _ ctx: GEOSContext
    ) throws(GeoError) -> [Border] {
        var boundaries: [Int: GEOSGeom] = [:]
        func boundary(_ i: Int) throws(GeoError) -> GEOSGeom {
            if let b = boundaries[i] { return b }
            let b = try geom(i).boundary()
            boundaries[i] = b
            return b
        }
        var borders: [Border] = []
        for (n, i) in firsts.enumerated() {
            if n > 0 && n % 256 == 0 { options.progress?("adjacency", n, firsts.count) }
            let gi = try geom(i)
            let prepared = try GEOSPrepared(gi)
            for j in candidates(i) {
                let gj = try geom(j)
                guard try prepared.intersects(gj) else { continue }
                let matrix = try gi.relate(gj)
                let chars = Array(matrix)
                if chars[0] != "F" {
                    let overlap = try gi.intersection(gj)
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

    // MARK: Tripoints and ordering

    /// Tripoints: border end points (or contact points) shared by borders of
    /// at least three territories (positions equal to 1e-7°). Each border
    /// gets every tripoint of both its sides, in coordinate order.
    static func addTripoints(_ borders: inout [Border]) {
        struct Key: Hashable {
            var x: Int64, y: Int64
            init(_ c: Coordinate) {
                // -180 and 180 are one meridian: borders joined across it meet there.
                x = Int64(((c.longitude == -180 ? 180 : c.longitude) * 1e7).rounded())
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
        // Places by their 1e-7° key in an open-addressing table (a layer of
        // 100,000 polygons has over a million border ends).
        var placeKeys: [(Int64, Int64)] = []
        var places: [Coordinate] = []
        var capacity = 1024
        while capacity < 4 * borders.count + 16 { capacity <<= 1 }
        var slots = [Int32](repeating: -1, count: capacity)
        func slot(_ x: Int64, _ y: Int64) -> Int {
            var h = UInt64(bitPattern: x) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: y)
            h ^= h >> 29
            h &*= 0xBF58_476D_1CE4_E5B9
            h ^= h >> 32
            return Int(truncatingIfNeeded: h) & (capacity - 1)
        }
        var meetings: [(place: Int32, territory: Int32)] = []
        meetings.reserveCapacity(4 * borders.count)
        var sides: [(Int32, Int32)] = []
        sides.reserveCapacity(borders.count)
        var lastA: (String, Int32)?
        for b in borders {
            // Borders come sorted by a: one lookup per run of the same a.
            let x: Int32
            if let (id, n) = lastA, id == b.a { x = n } else { x = number(b.a) }
            lastA = (b.a, x)
            let y = number(b.b)
            sides.append((x, y))
            func meet(_ c: Coordinate) {
                let k = Key(c)
                var s = slot(k.x, k.y)
                var p: Int32 = -1
                while slots[s] >= 0 {
                    let known = placeKeys[Int(slots[s])]
                    if known.0 == k.x && known.1 == k.y {
                        p = slots[s]
                        break
                    }
                    s = (s + 1) & (capacity - 1)
                }
                if p < 0 {
                    if 2 * (places.count + 1) > capacity {
                        // Grow and re-insert (rare: the capacity is planned from the border count).
                        capacity <<= 1
                        slots = [Int32](repeating: -1, count: capacity)
                        for (n, key) in placeKeys.enumerated() {
                            var t = slot(key.0, key.1)
                            while slots[t] >= 0 { t = (t + 1) & (capacity - 1) }
                            slots[t] = Int32(n)
                        }
                        meet(c)
                        return
                    }
                    p = Int32(places.count)
                    slots[s] = p
                    placeKeys.append((k.x, k.y))
                    places.append(c)
                }
                meetings.append((p, x))
                meetings.append((p, y))
            }
            b.forEachEndpoint(meet)
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
        // Tripoints of each territory, in coordinate order (counting sort by territory).
        var first = [Int](repeating: 0, count: ids.count + 1)
        for t in found { for m in t.members { first[Int(m) + 1] += 1 } }
        for t in 0..<ids.count { first[t + 1] += first[t] }
        var ofTerritory = [Int32](repeating: 0, count: first[ids.count])
        var next = first
        for (k, t) in found.enumerated() {
            for m in t.members {
                ofTerritory[next[Int(m)]] = Int32(k)
                next[Int(m)] += 1
            }
        }
        for n in borders.indices {
            let (x, y) = sides[n]
            var list: [Tripoint] = []
            for k in ofTerritory[first[Int(x)]..<first[Int(x) + 1]] where found[Int(k)].members.contains(y) {
                list.append(tripoints[Int(k)])
            }
            borders[n].tripoints = list
        }
    }

    static func coordinateOrder(_ p: Coordinate, _ q: Coordinate) -> Bool {
        (p.longitude, p.latitude) < (q.longitude, q.latitude)
    }
}
