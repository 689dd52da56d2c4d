/// Exact adjacency of a clean polygonal coverage by hashing: neighbours that
/// share their vertices exactly are found from a table of vertices and
/// undirected edges, with no GEOS predicate or overlay per pair. This is the
/// fast path of exact mode (`AdjacencyEngine`); it gives the same borders as
/// the GEOS path (boundary intersection, line merge), which tests check.
///
/// It answers only when it can prove the layer is a clean coverage, and
/// otherwise says why not, so that the caller falls back to GEOS:
/// 1. every edge is used by at most two rings, of different territories,
///    with their interiors on opposite sides;
/// 2. edges of the layer meet only at shared vertices and never run along
///    each other partly (no crossings, no T-junctions, no partial overlaps);
///    checked exactly with a packed R-tree of the distinct edges;
/// 3. at every vertex shared by two territories or more, the interior
///    sectors of the rings passing through it do not overlap;
/// 4. no ring lies inside another territory (its first vertex is tested
///    against every territory whose bounds hold it).
/// With 2 and 3, two territories whose interiors meet must have a whole ring
/// of one inside the other, which 4 rules out; so the contacts are exactly
/// the shared edges (merged into lines) and the shared vertices.
///
/// Local fallback: every check runs to the end and marks *flawed* every
/// territory a broken condition involves (the owners of both edges of a
/// crossing, of every use of an edge used wrongly, of every ring through a
/// vertex whose sectors overlap, the ring's owner and the territory it lies
/// in). The argument above holds for any two territories neither of which is
/// flawed, restricted to their own edges, vertices and rings: so their
/// borders from the hashes are right, and only pairs with a flawed member
/// need GEOS (`Outcome.partial`). A ring of fewer than 3 positions or of
/// zero area, or flaws in more than `maxFlawedShare` of the layer, still
/// send the whole layer to GEOS.
enum SharedEdgeAdjacency {
    enum Outcome {
        case borders([Border])
        /// Clean but for some territories: the borders between the others, and the flawed
        /// ones (indices, sorted), whose pairs the caller finds with GEOS; and the first flaw.
        case partial(borders: [Border], flawed: [Int], reason: String)
        /// Not a clean coverage (or not provably): why, for diagnostics.
        case notACoverage(String)
    }

    /// Above this share of flawed territories the whole layer goes to GEOS.
    static let maxFlawedShare = 0.05

    static func borders(of territories: [Territory]) -> Outcome {
        let topology = Topology()
        if let reason = topology.build(territories) { return .notACoverage(reason) }
        let t = topology
        let records = t.pairRecords(territories)
        _ = t.edgeIndex  // built before the cores share the topology
        let half = t.edgeFirst.count / 2
        // The checks only read the topology: both cores check, and build the
        // borders in two parts meanwhile. The first core's checks take
        // longer, so it builds the smaller part.
        let parts = records.split(at: 0.4)
        let (first, second) = Parallel.both(
            { () -> (Flaws, [Border]) in
                var flaws = t.buildFlaws
                t.checkNoding(0..<half, &flaws)
                t.checkNesting(territories, &flaws)
                return (flaws, t.borders(territories, records, parts[0]))
            },
            { () -> (Flaws, [Border]) in
                var flaws = Flaws()
                t.checkNoding(half..<t.edgeFirst.count, &flaws)
                t.checkEdges(territories, &flaws)
                t.checkVertexSectors(territories, &flaws)
                return (flaws, t.borders(territories, records, parts[1]))
            })
        guard let reason = first.0.reason ?? second.0.reason else { return .borders(first.1 + second.1) }
        var flawed = [Bool](repeating: false, count: territories.count)
        for x in first.0.territories + second.0.territories { flawed[Int(x)] = true }
        let indices = flawed.indices.filter { flawed[$0] }
        guard Double(indices.count) <= maxFlawedShare * Double(territories.count) else { return .notACoverage(reason) }
        let flawedIDs = Set(indices.map { territories[$0].id })
        let clean = (first.1 + second.1).filter { !flawedIDs.contains($0.a) && !flawedIDs.contains($0.b) }
        return .partial(borders: clean, flawed: indices, reason: reason)
    }
}

/// What the checks found wrong: the first flaw, in words, and every territory involved.
struct Flaws {
    var reason: String?
    var territories: [Int32] = []
    mutating func add(_ why: @autoclosure () -> String, _ involved: [Int32]) {
        if reason == nil { reason = why() }
        territories += involved
    }
}

/// The layer flattened: every ring's distinct vertices in one array, each
/// with the id of its coordinate, plus distinct edges and where each vertex
/// occurs. A class, so that the closures of the checks share it rather than
/// copy it; written only by `build`, before any check reads it from either
/// core (hence unchecked Sendable).
private final class Topology: @unchecked Sendable {
    // Ring positions (closing position dropped, repeated positions merged).
    var xs: [Double] = []
    var ys: [Double] = []
    var vertexOf: [Int32] = []
    var ringOf: [Int32] = []
    // Rings: positions ringStart[r] ..< ringStart[r + 1].
    var ringStart: [Int] = [0]
    var ringOwner: [Int32] = []
    /// The territory's interior lies left of the ring's direction.
    var ringInteriorLeft: [Bool] = []
    // Territories: rings territoryRings[t] ..< territoryRings[t + 1].
    var territoryRings: [Int] = [0]
    // Distinct coordinates: one position holding each.
    var vertexPosition: [Int] = []
    // Positions of each vertex: occurrences[occurrenceStart[v] ..< occurrenceStart[v + 1]].
    var occurrenceStart: [Int] = []
    var occurrences: [Int32] = []
    // Distinct edges: the position starting its first use, and its second use (-1: none).
    var edgeFirst: [Int32] = []
    var edgeSecond: [Int32] = []
    /// Edges used by three rings or more, found while building.
    var buildFlaws = Flaws()

    @inline(__always) func owner(_ k: Int) -> Int32 { ringOwner[Int(ringOf[k])] }

    /// The owners of both uses of edge e.
    func owners(ofEdge e: Int) -> [Int32] {
        edgeSecond[e] >= 0 ? [owner(Int(edgeFirst[e])), owner(Int(edgeSecond[e]))] : [owner(Int(edgeFirst[e]))]
    }

    @inline(__always) func next(_ k: Int) -> Int {
        let r = Int(ringOf[k])
        return k + 1 == ringStart[r + 1] ? ringStart[r] : k + 1
    }

    @inline(__always) func previous(_ k: Int) -> Int {
        let r = Int(ringOf[k])
        return k == ringStart[r] ? ringStart[r + 1] - 1 : k - 1
    }

    @inline(__always) static func mix(_ x: UInt64) -> UInt64 {
        var x = x
        x ^= x >> 33
        x &*= 0xff51_afd7_ed55_8ccd
        x ^= x >> 33
        x &*= 0xc4ce_b9fe_1a85_ec53
        x ^= x >> 33
        return x
    }

    @inline(__always) static func bits(_ d: Double) -> UInt64 { (d == 0 ? 0.0 : d).bitPattern }

    static func capacity(for n: Int) -> Int {
        var c = 1024
        while c < 2 * n { c <<= 1 }
        return c
    }

    // MARK: 1. Flatten, vertex ids, edges

    func build(_ territories: [Territory]) -> String? {
        var positions = 0
        for t in territories { positions += t.geometry.vertexCount }
        xs.reserveCapacity(positions)
        ys.reserveCapacity(positions)
        for (t, territory) in territories.enumerated() {
            for polygon in territory.geometry.polygons {
                for (r, ring) in polygon.rings.enumerated() {
                    let start = xs.count
                    for c in ring.dropLast() {
                        if xs.count > start, xs[xs.count - 1] == c.longitude, ys[ys.count - 1] == c.latitude { continue }
                        xs.append(c.longitude)
                        ys.append(c.latitude)
                    }
                    if xs.count - start > 1, xs[xs.count - 1] == xs[start], ys[ys.count - 1] == ys[start] {
                        xs.removeLast()
                        ys.removeLast()
                    }
                    guard xs.count - start >= 3 else { return "\(territory.id) has a ring of fewer than 3 distinct positions" }
                    // Winding from the shoelace sum, relative to the first position.
                    var twiceArea = 0.0
                    let x0 = xs[start], y0 = ys[start]
                    for k in (start + 1)..<(xs.count - 1) {
                        twiceArea += (xs[k] - x0) * (ys[k + 1] - y0) - (xs[k + 1] - x0) * (ys[k] - y0)
                    }
                    guard twiceArea != 0 else { return "\(territory.id) has a ring of zero area" }
                    ringInteriorLeft.append((r == 0) == (twiceArea > 0))
                    ringOwner.append(Int32(t))
                    ringStart.append(xs.count)
                }
            }
            territoryRings.append(ringOwner.count)
        }
        ringOf = [Int32](repeating: 0, count: xs.count)
        for r in 0..<ringOwner.count {
            for k in ringStart[r]..<ringStart[r + 1] { ringOf[k] = Int32(r) }
        }

        // Vertex ids: one per distinct coordinate (bit-exact; -0 is 0).
        let vertexCapacity = Self.capacity(for: xs.count)
        var vertexSlots = [Int32](repeating: -1, count: vertexCapacity)
        vertexOf = [Int32](repeating: 0, count: xs.count)
        vertexSlots.withUnsafeMutableBufferPointer { slots in
            let mask = vertexCapacity - 1
            for k in 0..<xs.count {
                let x = xs[k], y = ys[k]
                var s = Int(truncatingIfNeeded: Self.mix(Self.bits(x) &* 0x9E37_79B9_7F4A_7C15 ^ Self.bits(y))) & mask
                while true {
                    let v = slots[s]
                    if v < 0 {
                        slots[s] = Int32(vertexPosition.count)
                        vertexOf[k] = Int32(vertexPosition.count)
                        vertexPosition.append(k)
                        break
                    }
                    let p = vertexPosition[Int(v)]
                    if xs[p] == x && ys[p] == y {
                        vertexOf[k] = v
                        break
                    }
                    s = (s + 1) & mask
                }
            }
        }
        // Where each vertex occurs (counting sort of positions by vertex).
        occurrenceStart = [Int](repeating: 0, count: vertexPosition.count + 1)
        for v in vertexOf { occurrenceStart[Int(v) + 1] += 1 }
        for v in 0..<vertexPosition.count { occurrenceStart[v + 1] += occurrenceStart[v] }
        occurrences = [Int32](repeating: 0, count: xs.count)
        var fill = occurrenceStart
        for k in 0..<xs.count {
            let v = Int(vertexOf[k])
            occurrences[fill[v]] = Int32(k)
            fill[v] += 1
        }

        // Distinct undirected edges.
        let edgeCapacity = Self.capacity(for: xs.count)
        var keys = [UInt64](repeating: .max, count: edgeCapacity)
        var slotEdge = [Int32](repeating: -1, count: edgeCapacity)
        let mask = edgeCapacity - 1
        for k in 0..<xs.count {
            let u = UInt64(vertexOf[k]), w = UInt64(vertexOf[next(k)])
            let key = u < w ? (u << 32 | w) : (w << 32 | u)
            var s = Int(truncatingIfNeeded: Self.mix(key)) & mask
            while keys[s] != .max && keys[s] != key { s = (s + 1) & mask }
            if keys[s] == .max {
                keys[s] = key
                slotEdge[s] = Int32(edgeFirst.count)
                edgeFirst.append(Int32(k))
                edgeSecond.append(-1)
            } else {
                let e = Int(slotEdge[s])
                guard edgeSecond[e] < 0 else {
                    buildFlaws.add(
                        "an edge at \(xs[k]),\(ys[k]) is used by three rings or more (an overlap)",
                        [owner(k), owner(Int(edgeFirst[e])), owner(Int(edgeSecond[e]))])
                    continue
                }
                edgeSecond[e] = Int32(k)
            }
        }
        return nil
    }

    // MARK: 1. Shared edges: two territories, opposite sides

    func checkEdges(_ territories: [Territory], _ flaws: inout Flaws) {
        for e in 0..<edgeFirst.count where edgeSecond[e] >= 0 {
            let k1 = Int(edgeFirst[e]), k2 = Int(edgeSecond[e])
            let r1 = Int(ringOf[k1]), r2 = Int(ringOf[k2])
            if ringOwner[r1] == ringOwner[r2] {
                flaws.add("\(territories[Int(ringOwner[r1])].id) uses an edge at \(xs[k1]),\(ys[k1]) twice", [ringOwner[r1]])
                continue
            }
            let sameDirection = vertexOf[k1] == vertexOf[k2]
            let opposite = sameDirection ? ringInteriorLeft[r1] != ringInteriorLeft[r2] : ringInteriorLeft[r1] == ringInteriorLeft[r2]
            if !opposite {
                flaws.add(
                    "\(territories[Int(ringOwner[r1])].id) and \(territories[Int(ringOwner[r2])].id) lie on the same side of a shared edge at \(xs[k1]),\(ys[k1]) (an overlap)",
                    [ringOwner[r1], ringOwner[r2]])
            }
        }
    }

    // MARK: 2. Edges meet only at shared vertices

    /// Boxes of the distinct edges and their packed R-tree, for the noding check.
    lazy var edgeIndex: (boxes: [Double], tree: PackedRTree) = {
        let n = edgeFirst.count
        var boxes = [Double](repeating: 0, count: 4 * n)
        for e in 0..<n {
            let k = Int(edgeFirst[e]), m = next(k)
            boxes[4 * e] = min(xs[k], xs[m])
            boxes[4 * e + 1] = min(ys[k], ys[m])
            boxes[4 * e + 2] = max(xs[k], xs[m])
            boxes[4 * e + 3] = max(ys[k], ys[m])
        }
        return (boxes, PackedRTree(itemBoxes: boxes))
    }()

    /// Where two intersecting edges meet: a vertex of one lying on the other
    /// (a T-junction), else the crossing of their lines.
    func meetingPoint(_ k: Int, _ m: Int, _ k2: Int, _ m2: Int) -> (Double, Double) {
        for (v, (p, q)) in [(k2, (k, m)), (m2, (k, m)), (k, (k2, m2)), (m, (k2, m2))]
        where RobustPredicates.orientation(xs[p], ys[p], xs[q], ys[q], xs[v], ys[v]) == 0 {
            return (xs[v], ys[v])
        }
        let d = (xs[m] - xs[k]) * (ys[m2] - ys[k2]) - (ys[m] - ys[k]) * (xs[m2] - xs[k2])
        guard d != 0 else { return (xs[k], ys[k]) }
        let t = ((xs[k2] - xs[k]) * (ys[m2] - ys[k2]) - (ys[k2] - ys[k]) * (xs[m2] - xs[k2])) / d
        return (xs[k] + t * (xs[m] - xs[k]), ys[k] + t * (ys[m] - ys[k]))
    }

    /// Checks the edges of `range` against every later edge.
    func checkNoding(_ range: Range<Int>, _ flaws: inout Flaws) {
        let (boxes, tree) = (edgeIndex.boxes, edgeIndex.tree)
        var found = Flaws()
        for e in range {
            let k = Int(edgeFirst[e]), m = next(k)
            let a = vertexOf[k], b = vertexOf[m]
            tree.query(minX: boxes[4 * e], minY: boxes[4 * e + 1], maxX: boxes[4 * e + 2], maxY: boxes[4 * e + 3]) { f in
                guard f > e else { return true }
                let k2 = Int(edgeFirst[f]), m2 = next(k2)
                let c = vertexOf[k2], d = vertexOf[m2]
                if a == c || a == d || b == c || b == d {
                    // One common end: they must not run along each other from it.
                    let (o, p, q) = a == c ? (k, m, m2) : a == d ? (k, m, k2) : b == c ? (m, k, m2) : (m, k, k2)
                    let turn = RobustPredicates.orientation(xs[o], ys[o], xs[p], ys[p], xs[q], ys[q])
                    if turn == 0 && (xs[p] - xs[o]) * (xs[q] - xs[o]) + (ys[p] - ys[o]) * (ys[q] - ys[o]) > 0 {
                        found.add("edges at \(xs[o]),\(ys[o]) run along each other (a partial overlap)", owners(ofEdge: e) + owners(ofEdge: f))
                    }
                    return true
                }
                if RobustPredicates.segmentsIntersect(xs[k], ys[k], xs[m], ys[m], xs[k2], ys[k2], xs[m2], ys[m2]) {
                    found.add(
                        {
                            let (x, y) = meetingPoint(k, m, k2, m2)
                            return "edges meet away from a shared vertex near \(NumberFormatting.fixed(x, 6)),\(NumberFormatting.fixed(y, 6)) (a crossing or a T-junction)"
                        }(), owners(ofEdge: e) + owners(ofEdge: f))
                }
                return true
            }
        }
        if let reason = found.reason { flaws.add(reason, found.territories) }
    }

    // MARK: 3. Interior sectors at shared vertices do not overlap

    func checkVertexSectors(_ territories: [Territory], _ flaws: inout Flaws) {
        var sectors: [(start: Int, end: Int)] = []
        for v in 0..<vertexPosition.count {
            let first = occurrenceStart[v], last = occurrenceStart[v + 1]
            guard last - first >= 2 else { continue }
            let owner = ringOwner[Int(ringOf[Int(occurrences[first])])]
            var shared = false
            for o in (first + 1)..<last where ringOwner[Int(ringOf[Int(occurrences[o])])] != owner {
                shared = true
                break
            }
            guard shared else { continue }
            let c = vertexPosition[v]
            let cx = xs[c], cy = ys[c]
            sectors.removeAll(keepingCapacity: true)
            for o in first..<last {
                let k = Int(occurrences[o])
                let before = previous(k), after = next(k)
                // Counter-clockwise from `start` to `end` is inside the territory.
                sectors.append(ringInteriorLeft[Int(ringOf[k])] ? (after, before) : (before, after))
            }
            sectors.sort { Self.angleBefore(cx, cy, xs[$0.start], ys[$0.start], xs[$1.start], ys[$1.start]) }
            for i in 0..<sectors.count {
                let s = sectors[i], nextStart = sectors[(i + 1) % sectors.count].start
                // Going counter-clockwise from s.start, s.end must come no later than the next sector's start.
                if !Self.angleFromBaseNotAfter(cx, cy, base: (xs[s.start], ys[s.start]), (xs[s.end], ys[s.end]), (xs[nextStart], ys[nextStart])) {
                    flaws.add("interiors overlap, or a ring touches itself, at \(cx),\(cy)", (first..<last).map { self.owner(Int(occurrences[$0])) })
                    break
                }
            }
        }
    }

    /// 0 for directions in [0, π) from the +x axis, 1 for [π, 2π).
    @inline(__always) static func half(_ dx: Double, _ dy: Double) -> Int { dy > 0 || (dy == 0 && dx > 0) ? 0 : 1 }

    /// Whether the direction c→a comes before c→b counter-clockwise from the +x axis.
    static func angleBefore(_ cx: Double, _ cy: Double, _ ax: Double, _ ay: Double, _ bx: Double, _ by: Double) -> Bool {
        let ha = half(ax - cx, ay - cy), hb = half(bx - cx, by - cy)
        if ha != hb { return ha < hb }
        return RobustPredicates.orientation(cx, cy, ax, ay, bx, by) > 0
    }

    /// Whether, turning counter-clockwise from the direction c→base, c→a is
    /// reached no later than c→b (angles in [0, 2π), 0 for base itself).
    static func angleFromBaseNotAfter(
        _ cx: Double, _ cy: Double, base: (Double, Double), _ a: (Double, Double), _ b: (Double, Double)
    ) -> Bool {
        func relativeHalf(_ p: (Double, Double)) -> Int {
            let turn = RobustPredicates.orientation(cx, cy, base.0, base.1, p.0, p.1)
            if turn > 0 { return 0 }
            if turn < 0 { return 1 }
            // Collinear: the same direction as base (angle 0) or the opposite (π).
            let along = (p.0 - cx) * (base.0 - cx) > 0 || (p.1 - cy) * (base.1 - cy) > 0
            return along ? 0 : 1
        }
        func isBase(_ p: (Double, Double)) -> Bool {
            RobustPredicates.orientation(cx, cy, base.0, base.1, p.0, p.1) == 0 && relativeHalf(p) == 0
        }
        // b at angle 0 (the next sector starts where this one does) leaves no room.
        if isBase(b) { return false }
        let ha = relativeHalf(a), hb = relativeHalf(b)
        if ha != hb { return ha < hb }
        return RobustPredicates.orientation(cx, cy, a.0, a.1, b.0, b.1) >= 0
    }

    // MARK: 4. No ring inside another territory

    func checkNesting(_ territories: [Territory], _ flaws: inout Flaws) {
        let n = territories.count
        var boxes = [Double](repeating: 0, count: 4 * n)
        for t in 0..<n {
            var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
            for k in ringStart[territoryRings[t]]..<ringStart[territoryRings[t + 1]] {
                x0 = min(x0, xs[k])
                y0 = min(y0, ys[k])
                x1 = max(x1, xs[k])
                y1 = max(y1, ys[k])
            }
            boxes[4 * t] = x0
            boxes[4 * t + 1] = y0
            boxes[4 * t + 2] = x1
            boxes[4 * t + 3] = y1
        }
        let tree = PackedRTree(itemBoxes: boxes)
        for r in 0..<ringOwner.count {
            let k = ringStart[r]
            let qx = xs[k], qy = ys[k]
            let owner = Int(ringOwner[r])
            var inside: Int?
            tree.query(minX: qx, minY: qy, maxX: qx, maxY: qy) { t in
                guard t != owner else { return true }
                // A vertex of t is on its boundary, not inside.
                let v = Int(vertexOf[k])
                for o in occurrenceStart[v]..<occurrenceStart[v + 1] where Int(ringOwner[Int(ringOf[Int(occurrences[o])])]) == t {
                    return true
                }
                if strictlyInside(qx, qy, territory: t) {
                    inside = t
                    return false
                }
                return true
            }
            if let t = inside {
                flaws.add("a ring of \(territories[owner].id) lies inside \(territories[t].id) (an overlap)", [Int32(owner), Int32(t)])
            }
        }
    }

    /// Crossing parity over all rings of territory t (shells and holes); a
    /// point on an edge counts as not inside.
    func strictlyInside(_ qx: Double, _ qy: Double, territory t: Int) -> Bool {
        var inside = false
        for r in territoryRings[t]..<territoryRings[t + 1] {
            for k in ringStart[r]..<ringStart[r + 1] {
                let m = next(k)
                let ay = ys[k], by = ys[m]
                guard (ay > qy) != (by > qy) else { continue }
                let turn = RobustPredicates.orientation(xs[k], ay, xs[m], by, qx, qy)
                if turn == 0 { return false }
                if (by > ay) == (turn > 0) { inside.toggle() }
            }
        }
        return inside
    }

    // MARK: Borders

    /// Shared edges and shared vertices, each under its pair's key (low rank
    /// << 32 | high rank, ranks by id, so that keys sort as (a, b) do), sorted by key.
    struct PairRecords: Sendable {
        var edges: [(key: UInt64, edge: Int32)] = []
        var vertices: [(key: UInt64, vertex: Int32)] = []
        /// The territory of each rank.
        var byRank: [Int] = []

        /// Ranges of `vertices` holding whole pairs: the first about `fraction` of them, then the rest.
        func split(at fraction: Double) -> [Range<Int>] {
            var mid = Int(Double(vertices.count) * fraction)
            while mid > 0 && mid < vertices.count && vertices[mid].key == vertices[mid - 1].key { mid += 1 }
            return [0..<mid, mid..<vertices.count]
        }
    }

    func pairRecords(_ territories: [Territory]) -> PairRecords {
        var rank = [UInt64](repeating: 0, count: territories.count)
        for (r, t) in territories.indices.sorted(by: { territories[$0].id < territories[$1].id }).enumerated() { rank[t] = UInt64(r) }
        @inline(__always) func key(_ p: Int32, _ q: Int32) -> UInt64 {
            let (x, y) = (rank[Int(p)], rank[Int(q)])
            return x < y ? x << 32 | y : y << 32 | x
        }
        var records = PairRecords()
        records.byRank = [Int](repeating: 0, count: territories.count)
        for t in territories.indices { records.byRank[Int(rank[t])] = t }
        for e in 0..<edgeFirst.count where edgeSecond[e] >= 0 {
            records.edges.append((key(ringOwner[Int(ringOf[Int(edgeFirst[e])])], ringOwner[Int(ringOf[Int(edgeSecond[e])])]), Int32(e)))
        }
        var owners: [Int32] = []
        for v in 0..<vertexPosition.count {
            let first = occurrenceStart[v], last = occurrenceStart[v + 1]
            guard last - first >= 2 else { continue }
            owners.removeAll(keepingCapacity: true)
            for o in first..<last {
                let t = ringOwner[Int(ringOf[Int(occurrences[o])])]
                if !owners.contains(t) { owners.append(t) }
            }
            guard owners.count >= 2 else { continue }
            for x in 0..<owners.count {
                for y in (x + 1)..<owners.count { records.vertices.append((key(owners[x], owners[y]), Int32(v))) }
            }
        }
        records.edges.sort { $0.key != $1.key ? $0.key < $1.key : $0.edge < $1.edge }
        records.vertices.sort { $0.key != $1.key ? $0.key < $1.key : $0.vertex < $1.vertex }
        return records
    }

    /// One border per pair of territories sharing an edge or a vertex (every
    /// such pair shares a vertex), for the pairs in `range` of the vertex
    /// records, in order of their ids (a, b).
    func borders(_ territories: [Territory], _ records: PairRecords, _ range: Range<Int>) -> [Border] {
        let edges = records.edges, vertices = records.vertices, byRank = records.byRank
        guard !range.isEmpty else { return [] }
        // The first edge record of the range's first pair.
        var low = 0, high = edges.count
        let firstKey = vertices[range.lowerBound].key
        while low < high {
            let mid = (low + high) / 2
            if edges[mid].key < firstKey { low = mid + 1 } else { high = mid }
        }
        var result: [Border] = []
        result.reserveCapacity(range.count / 2)
        var i = low, j = range.lowerBound
        var segments: [(Int32, Int32)] = []
        var ends: [Int32] = []
        while j < range.upperBound {
            let pairKey = vertices[j].key
            segments.removeAll(keepingCapacity: true)
            while i < edges.count && edges[i].key == pairKey {
                let k = Int(edgeFirst[Int(edges[i].edge)])
                segments.append((vertexOf[k], vertexOf[next(k)]))
                i += 1
            }
            // Shared vertices off the shared lines are contact points.
            ends.removeAll(keepingCapacity: true)
            for (u, w) in segments { ends += [u, w] }
            let lookup: Set<Int32>? = ends.count > 32 ? Set(ends) : nil
            var points: [Coordinate] = []
            while j < range.upperBound && vertices[j].key == pairKey {
                let v = vertices[j].vertex
                if !(lookup?.contains(v) ?? ends.contains(v)) { points.append(coordinate(v)) }
                j += 1
            }
            let lines = LineMerging.merge(segments).map { LineString($0.map(coordinate)) }
            let a = territories[byRank[Int(pairKey >> 32)]].id, b = territories[byRank[Int(pairKey & 0xFFFF_FFFF)]].id
            result.append(Border(exactBetween: a, b, lines: lines, points: points))
        }
        return result
    }

    func coordinate(_ v: Int32) -> Coordinate {
        let k = vertexPosition[Int(v)]
        return Coordinate(longitude: xs[k], latitude: ys[k])
    }
}
