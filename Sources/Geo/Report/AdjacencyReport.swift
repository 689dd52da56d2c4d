/// A border as reported: ids and names of both sides, kind, length in km,
/// segments and end points. Coordinates are [longitude, latitude].
public struct BorderReport: Codable, Hashable, Sendable {
    public var a: String
    public var aName: String
    public var b: String
    public var bName: String
    public var contact: Contact
    public var lengthKm: Double
    public var segments: Int
    public var endpoints: [[Double]]
    public var tripoints: [TripointReport]
    /// Tolerance mode only.
    public var overlapKm2: Double?
    public var maxGapM: Double?
    /// The published length of this border, where there is one (shipped data).
    public var published: PublishedComparison?
    /// What the figures rest on that a reader should know (approximate lines,
    /// clipped territories); nil without an atlas (as in the adjacency report).
    public var caveats: [Caveat]?

    /// The border's report; with the atlas, its published length and caveats too.
    public init(_ border: Border, graph: AdjacencyGraph, atlas: Atlas? = nil) {
        a = border.a
        b = border.b
        aName = graph.territory(border.a)?.name ?? border.a
        bName = graph.territory(border.b)?.name ?? border.b
        contact = border.contact
        lengthKm = NumberFormatting.rounded(border.lengthMeters / 1000, decimals: 3)
        segments = Self.segmentCount(border)
        endpoints = Self.reportedEnds(border).map { [NumberFormatting.rounded($0.longitude, decimals: 6), NumberFormatting.rounded($0.latitude, decimals: 6)] }
        tripoints = border.tripoints.map(TripointReport.init)
        if graph.toleranceMeters > 0 {
            overlapKm2 = NumberFormatting.rounded(border.overlapAreaSquareMeters / 1e6, decimals: 6)
            maxGapM = NumberFormatting.rounded(border.maxGapMeters, decimals: 1)
        }
        if let atlas {
            published = atlas.publishedBorder(a, b, measuredKm: border.lengthMeters / 1000)
            caveats = Caveats.of([a, b], in: atlas)
        }
    }
}

extension BorderReport {
    /// Lines of an edge contact, points of a point contact.
    static func segmentCount(_ border: Border) -> Int {
        border.contact == .edge ? border.lines.count : border.points.count
    }

    /// The ends of the lines of an edge contact, the points of a point contact.
    static func reportedEnds(_ border: Border) -> [Coordinate] {
        var ends: [Coordinate] = []
        border.forEachReportedEnd { ends.append($0) }
        return ends
    }
}

public struct TripointReport: Codable, Hashable, Sendable {
    public var coordinate: [Double]
    public var territories: [String]

    public init(_ t: Tripoint) {
        coordinate = [NumberFormatting.rounded(t.coordinate.longitude, decimals: 6), NumberFormatting.rounded(t.coordinate.latitude, decimals: 6)]
        territories = t.territories
    }
}

/// `mapcli adjacency`: every border of a layer. Schema in docs/json-schema.md.
public struct AdjacencyReport: Codable, Hashable, Sendable {
    public var level: String
    public var mode: AdjacencyMode
    public var toleranceM: Double
    public var territoryCount: Int
    public var borderCount: Int
    public var borders: [BorderReport]
    public var components: [[String]]

    public init(graph: AdjacencyGraph, level: String) {
        self.level = level
        mode = graph.mode
        toleranceM = graph.toleranceMeters
        territoryCount = graph.territories.count
        borders = graph.borders.map { BorderReport($0, graph: graph) }
        borderCount = borders.count
        components = graph.components()
    }
}

/// `mapcli neighbors X`: the neighbours of one territory, longest border first.
public struct NeighborsReport: Codable, Hashable, Sendable {
    public struct Neighbor: Codable, Hashable, Sendable {
        public var id: String
        public var name: String
        public var contact: Contact
        public var lengthKm: Double
        /// The published length of this border, where there is one (shipped data).
        public var published: PublishedComparison?
    }
    public var id: String
    public var name: String
    public var level: String
    public var neighbors: [Neighbor]
    public var totalBorderKm: Double
    /// What the figures rest on that a reader should know: the territory's and its neighbours'.
    public var caveats: [Caveat] = []

    /// The neighbours of `id`; with the atlas, published lengths and caveats too.
    public init(graph: AdjacencyGraph, id: String, level: String, atlas: Atlas? = nil) {
        self.id = id
        name = graph.territory(id)?.name ?? id
        self.level = level
        neighbors = graph.borders(of: id).map { b in
            let other = b.other(than: id)
            return Neighbor(
                id: other, name: graph.territory(other)?.name ?? other, contact: b.contact,
                lengthKm: NumberFormatting.rounded(b.lengthMeters / 1000, decimals: 3),
                published: atlas?.publishedBorder(id, other, measuredKm: b.lengthMeters / 1000))
        }
        totalBorderKm = NumberFormatting.rounded(graph.borders(of: id).reduce(0) { $0 + $1.lengthMeters } / 1000, decimals: 3)
        if let atlas { caveats = Caveats.of([id] + neighbors.map(\.id), in: atlas) }
    }
}

/// `mapcli path X Y`: whether two territories are linked by land, and through which.
public struct PathReport: Codable, Hashable, Sendable {
    public var from: String
    public var to: String
    public var avoiding: [String]
    public var linked: Bool
    /// Territories crossed between the two ends (0 when they border each other).
    public var territoriesCrossed: Int?
    /// Every shortest path, ends included.
    public var paths: [[String]]
    /// Names of every id in `paths`.
    public var names: [String: String]
    /// The cap on `paths`, and whether there are more shortest paths than it.
    public var maxPaths: Int
    public var pathsTruncated: Bool

    public init(graph: AdjacencyGraph, from: String, to: String, avoiding: Set<String>, maxPaths: Int = 20) {
        self.from = from
        self.to = to
        self.avoiding = avoiding.sorted()
        self.maxPaths = maxPaths
        let found = graph.shortestPaths(from: from, to: to, avoiding: avoiding, limit: maxPaths + 1)
        pathsTruncated = found.count > maxPaths
        paths = Array(found.prefix(maxPaths))
        linked = !paths.isEmpty
        territoriesCrossed = paths.first.map { max($0.count - 2, 0) }
        var names: [String: String] = [:]
        for id in Set(paths.flatMap { $0 } + [from, to] + avoiding) { names[id] = graph.territory(id)?.name ?? id }
        self.names = names
    }
}
