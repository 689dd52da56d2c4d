/// Merging border segments into lines, and the one canonical form of a
/// border's lines that every adjacency path produces, so that their answers
/// can be compared exactly and diffed between runs.
enum LineMerging {
    /// Joins segments into maximal lines through nodes where exactly two
    /// segments meet (as GEOS's line merger does, ignoring direction); loops
    /// with no such end become closed lines.
    static func merge<V: Hashable>(_ segments: [(V, V)]) -> [[V]] {
        if segments.isEmpty { return [] }
        if segments.count == 1 { return [[segments[0].0, segments[0].1]] }
        return chains(segments).map { chain in
            let first = segments[chain[0].edge]
            var line = [chain[0].forward ? first.0 : first.1]
            for step in chain { line.append(step.forward ? segments[step.edge].1 : segments[step.edge].0) }
            return line
        }
    }

    /// Joins lines end to end where exactly two lines meet (GEOS's line
    /// merger on whole lines); closed lines are kept as they are.
    static func mergeLines(_ lines: [LineString]) -> [LineString] {
        let open = lines.filter { $0.coordinates.count >= 2 && $0.coordinates.first != $0.coordinates.last }
        let closed = lines.filter { $0.coordinates.count >= 2 && $0.coordinates.first == $0.coordinates.last }
        let ends = open.map { ($0.coordinates.first!, $0.coordinates.last!) }
        return closed + chains(ends).map { chain in
            var path: [Coordinate] = []
            for step in chain {
                let cs = open[step.edge].coordinates
                let oriented = step.forward ? cs : Array(cs.reversed())
                path += path.isEmpty ? oriented : Array(oriented.dropFirst())
            }
            return LineString(path)
        }
    }

    /// The walk both mergers share: edges (u, w) chained through nodes where
    /// exactly two edges meet, as steps (edge, forward: from u to w). Chains
    /// start at nodes of any other degree; loops left over become closed chains.
    static func chains<V: Hashable>(_ edges: [(V, V)]) -> [[(edge: Int, forward: Bool)]] {
        var incident: [V: [Int]] = [:]
        for (i, (u, w)) in edges.enumerated() {
            incident[u, default: []].append(i)
            incident[w, default: []].append(i)
        }
        var used = [Bool](repeating: false, count: edges.count)
        func walk(from start: V, along first: Int) -> [(edge: Int, forward: Bool)] {
            var chain: [(edge: Int, forward: Bool)] = []
            var node = start, edge = first
            while true {
                used[edge] = true
                let (u, w) = edges[edge]
                chain.append((edge, u == node))
                node = u == node ? w : u
                guard let around = incident[node], around.count == 2, let onward = around.first(where: { !used[$0] }) else { break }
                edge = onward
            }
            return chain
        }
        var result: [[(edge: Int, forward: Bool)]] = []
        for (u, w) in edges {
            for node in [u, w] {
                guard let around = incident[node], around.count != 2 else { continue }
                for e in around where !used[e] { result.append(walk(from: node, along: e)) }
            }
        }
        for (i, (u, _)) in edges.enumerated() where !used[i] { result.append(walk(from: u, along: i)) }
        return result
    }

    /// The canonical direction of a line: an open line runs from its smaller
    /// end (by longitude, then latitude) to its larger; a closed one starts
    /// at its smallest position and continues towards the smaller of that
    /// position's two neighbours.
    static func canonical(_ line: [Coordinate]) -> [Coordinate] {
        guard line.count >= 2 else { return line }
        let less = AdjacencyEngine.coordinateOrder
        guard line.first == line.last, line.count > 2 else {
            return less(line.last!, line.first!) ? line.reversed() : line
        }
        let ring = line.dropLast()
        var lowest = ring.startIndex
        for i in ring.indices where less(ring[i], ring[lowest]) { lowest = i }
        var rotated = Array(ring[lowest...] + ring[..<lowest])
        if less(rotated[rotated.count - 1], rotated[1]) {
            rotated = [rotated[0]] + rotated[1...].reversed()
        }
        rotated.append(rotated[0])
        return rotated
    }
}

extension Border {
    /// An exact-mode border from its shared lines and isolated contact
    /// points, in canonical form: lines canonically directed, longest first
    /// (ties by their positions), points sorted; the length is the sum of the
    /// lines' geodesic lengths in that order. Edge contact when there are
    /// lines, point contact otherwise.
    init(exactBetween a: String, _ b: String, lines: [LineString], points: [Coordinate]) {
        let sorted = Self.canonicalLines(lines)
        self.init(
            a: a, b: b, contact: sorted.isEmpty ? .point : .edge, lengthMeters: sorted.reduce(0) { $0 + $1.length },
            lines: sorted.map(\.line), points: points.sorted(by: AdjacencyEngine.coordinateOrder))
    }

    /// Lines canonically directed, longest first, then by their positions; with their geodesic lengths.
    static func canonicalLines(_ lines: [LineString]) -> [(line: LineString, length: Double)] {
        if lines.count == 1 {
            let c = LineMerging.canonical(lines[0].coordinates)
            return [(LineString(c), Geodesic.lengthMeters(c))]
        }
        return lines.map { l -> (line: LineString, length: Double) in
            let c = LineMerging.canonical(l.coordinates)
            return (LineString(c), Geodesic.lengthMeters(c))
        }.sorted { x, y in
            if x.length != y.length { return x.length > y.length }
            return x.line.coordinates.lexicographicallyPrecedes(y.line.coordinates, by: AdjacencyEngine.coordinateOrder)
        }
    }
}
