/// How two territories touch.
public enum Contact: String, Sendable, Hashable, Codable, CaseIterable {
    /// They share a stretch of border (DE-9IM boundary/boundary dimension 1): "rook" adjacency.
    case edge
    /// They meet at isolated points only (dimension 0): "queen" adjacency adds these.
    case point
}

/// Which contacts make two territories neighbours.
public enum AdjacencyMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// Shared edges only.
    case rook
    /// Shared edges or single points.
    case queen
}

/// The border between two territories, `a` < `b` by id.
public struct Border: Sendable, Hashable {
    public var a: String
    public var b: String
    public var contact: Contact
    /// Geodesic length on WGS84 of the shared lines (0 for a point contact).
    public var lengthMeters: Double
    /// The shared border, merged into as few lines as possible.
    public var lines: [LineString]
    /// Isolated contact points (a point contact, or points beside the lines).
    public var points: [Coordinate]
    /// Where a third territory meets both.
    public var tripoints: [Tripoint] = []
    /// Tolerance mode: area where the two overlap, bridged as shared border.
    public var overlapAreaSquareMeters: Double = 0
    /// Tolerance mode: the widest gap between them along the matched stretch.
    public var maxGapMeters: Double = 0

    public var lengthKm: Double { lengthMeters / 1000 }

    /// The other side of the border.
    public func other(than id: String) -> String { id == a ? b : a }

    public func involves(_ id: String) -> Bool { a == id || b == id }

    /// The ends of the border lines (closed lines have none).
    public var endpoints: [Coordinate] {
        var ends: [Coordinate] = []
        forEachEndpoint { ends.append($0) }
        return ends
    }

    /// Calls `body` with the first and last position of every open line, in order.
    func forEachEndpoint(_ body: (Coordinate) -> Void) {
        for l in lines {
            guard let f = l.coordinates.first, let e = l.coordinates.last, f != e else { continue }
            body(f)
            body(e)
        }
    }

    /// The ends as reports give them: those of the lines of an edge contact,
    /// the points of a point contact.
    func forEachReportedEnd(_ body: (Coordinate) -> Void) {
        if contact == .edge { forEachEndpoint(body) } else { points.forEach(body) }
    }
}

/// A point where three (or more) territories meet.
public struct Tripoint: Sendable, Hashable {
    public var coordinate: Coordinate
    /// The territories meeting there, sorted.
    public var territories: [String]
}
