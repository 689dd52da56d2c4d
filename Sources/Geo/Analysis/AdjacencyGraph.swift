/// How an adjacency graph's borders were found.
public enum AdjacencyMethod: Sendable, Hashable {
    /// Exact mode, by hashing the shared vertices and edges of a clean coverage.
    case sharedEdges
    /// Exact mode, by GEOS predicates; with why the layer was not taken for a
    /// clean coverage, when the fast path was tried.
    case geos(fallbackReason: String?)
    /// Exact mode, by hashing, with GEOS for the pairs of the territories around
    /// which the layer is not a clean coverage (ids, sorted; and the first flaw).
    case sharedEdgesAndGEOS(flawed: [String], reason: String)
    /// Tolerance mode.
    case tolerance
    /// Exact mode, in PostGIS (`--engine postgis`): ST_Relate and the boundaries' intersection.
    case postgis

    /// A short description, e.g. for the header of a table.
    public var summary: String {
        switch self {
        case .sharedEdges: "shared-edge hashing"
        case .geos(let reason): reason.map { "GEOS predicates (not a clean coverage: \($0))" } ?? "GEOS predicates"
        case .sharedEdgesAndGEOS(let flawed, let reason):
            "shared-edge hashing, GEOS predicates around \(flawed.count) territor\(flawed.count == 1 ? "y" : "ies") (\(reason))"
        case .tolerance: "tolerance matching"
        case .postgis: "PostGIS (ST_Relate, boundary intersection, in the database)"
        }
    }
}

/// Who borders whom: the borders between a set of territories, with
/// neighbour lists, components and land paths.
public struct AdjacencyGraph: Sendable {
    public let territories: [Territory]
    /// Every border, sorted by (a, b).
    public let borders: [Border]
    public let mode: AdjacencyMode
    public let toleranceMeters: Double
    /// How the borders were found.
    public let method: AdjacencyMethod
    private let byID: [String: Int]
    /// Borders of territory t: borderList[borderStart[t] ..< borderStart[t + 1]].
    private let borderStart: [Int32]
    /// Indices into `territories` of each border's two sides (-1 if unknown).
    let borderSides: [(Int32, Int32)]
    private let borderList: [Int32]

    init(territories: [Territory], borders: [Border], mode: AdjacencyMode, toleranceMeters: Double, method: AdjacencyMethod) {
        self.method = method
        self.territories = territories
        self.borders = borders
        self.mode = mode
        self.toleranceMeters = toleranceMeters
        var byID: [String: Int] = [:]
        for (i, t) in territories.enumerated() { byID[t.id] = i }
        self.byID = byID
        // Each territory's borders, by counting sort.
        var sides = [(Int32, Int32)](repeating: (-1, -1), count: borders.count)
        var start = [Int32](repeating: 0, count: territories.count + 1)
        for (i, b) in borders.enumerated() {
            let x = byID[b.a].map(Int32.init) ?? -1, y = byID[b.b].map(Int32.init) ?? -1
            sides[i] = (x, y)
            if x >= 0 { start[Int(x) + 1] += 1 }
            if y >= 0 { start[Int(y) + 1] += 1 }
        }
        for t in 0..<territories.count { start[t + 1] += start[t] }
        var list = [Int32](repeating: 0, count: Int(start[territories.count]))
        var fill = start
        for (i, (x, y)) in sides.enumerated() {
            if x >= 0 {
                list[Int(fill[Int(x)])] = Int32(i)
                fill[Int(x)] += 1
            }
            if y >= 0 {
                list[Int(fill[Int(y)])] = Int32(i)
                fill[Int(y)] += 1
            }
        }
        borderStart = start
        borderSides = sides
        borderList = list
    }

    public func territory(_ id: String) -> Territory? { byID[id].map { territories[$0] } }

    /// Indices into `borders` of the borders of a territory.
    private func borderIndices(of id: String) -> ArraySlice<Int32> {
        guard let t = byID[id] else { return [] }
        return borderList[Int(borderStart[t])..<Int(borderStart[t + 1])]
    }


    /// The borders of a territory, longest first (then by the neighbour's id).
    public func borders(of id: String) -> [Border] {
        borderIndices(of: id).map { borders[Int($0)] }.sorted {
            $0.lengthMeters != $1.lengthMeters ? $0.lengthMeters > $1.lengthMeters : $0.other(than: id) < $1.other(than: id)
        }
    }

    /// Neighbour ids, longest shared border first.
    public func neighbors(of id: String) -> [String] { borders(of: id).map { $0.other(than: id) } }

    /// The border between two territories, if they touch.
    public func border(_ x: String, _ y: String) -> Border? {
        borderIndices(of: x).lazy.map { borders[Int($0)] }.first { $0.involves(y) }
    }

    /// Groups of territories connected by borders, each sorted, largest first.
    public func components() -> [[String]] {
        // Union-find over territory indices.
        var parent = Array(territories.indices)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x {
                parent[x] = parent[parent[x]]
                x = parent[x]
            }
            return x
        }
        for b in borders {
            guard let i = byID[b.a], let j = byID[b.b] else { continue }
            let (ri, rj) = (root(i), root(j))
            if ri != rj { parent[max(ri, rj)] = min(ri, rj) }
        }
        var groups: [Int: [String]] = [:]
        for i in territories.indices { groups[root(i), default: []].append(territories[i].id) }
        return groups.values.map { $0.sorted() }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
    }

    /// Every shortest land path (fewest territories crossed) from one
    /// territory to another, not entering any of `avoiding`. Empty when they
    /// are not linked by land. Paths include both ends and are sorted.
    public func shortestPaths(from start: String, to goal: String, avoiding: Set<String> = [], limit: Int = 20) -> [[String]] {
        guard start != goal else { return [[start]] }
        // Breadth-first search keeping every predecessor on a shortest path.
        var distance: [String: Int] = [start: 0]
        var predecessors: [String: [String]] = [:]
        var frontier = [start]
        while !frontier.isEmpty, distance[goal] == nil {
            var next: [String] = []
            for x in frontier {
                for n in neighbors(of: x) where !avoiding.contains(n) || n == goal {
                    if distance[n] == nil {
                        distance[n] = distance[x]! + 1
                        next.append(n)
                    }
                    if distance[n] == distance[x]! + 1 { predecessors[n, default: []].append(x) }
                }
            }
            frontier = next
        }
        guard distance[goal] != nil else { return [] }
        var paths: [[String]] = []
        func walk(_ node: String, _ suffix: [String]) {
            if paths.count >= limit { return }
            if node == start {
                paths.append([start] + suffix)
                return
            }
            for p in (predecessors[node] ?? []).sorted() { walk(p, [node] + suffix) }
        }
        walk(goal, [])
        return paths.sorted { $0.lexicographicallyPrecedes($1) }
    }
}
