import Foundation

extension Atlas {
    /// Whether the atlas has more than one level (the shipped data) or is a
    /// single layer (the user's files).
    public var isLayered: Bool {
        // Stops at the first territory of another level (no set of all of them: callers ask often).
        guard let first = territories.first?.level else { return false }
        return territories.contains { $0.level != first }
    }

    /// The layer to analyse named territories in: provinces for provinces;
    /// countries for countries, with a country's parts kept apart when a part
    /// (mainland Azerbaijan, Nakhchivan) is named. A single-layer atlas is
    /// always all of its territories.
    public func layer(for named: [Territory]) throws(GeoError) -> (level: String, territories: [Territory]) {
        guard isLayered else { return ("all", territories) }
        let levels = Set(named.map(\.level))
        if levels.count > 1 {
            let desc = named.map { "\($0.name) is a \($0.level.rawValue)" }.joined(separator: ", ")
            throw GeoError(.invalidArgument, "compare territories of one level: \(desc)")
        }
        if levels.first == .province { return ("province", territories(level: .province)) }
        let split = named.contains { t in t.parentID.map { territory(id: $0) != nil } ?? false }
        return (split ? "country (parts apart)" : "country", territories(level: .country, splitExclaves: split))
    }
}

extension Array where Element == Territory {
    /// The territories that can share a border with `center` (or touch it
    /// within `marginMeters`), each cut to `center`'s bounding box grown by
    /// the margin and 1 km. Every border of `center`, with its tripoints, is
    /// the same here as in the whole layer: a neighbour, or a third territory
    /// at a tripoint, touches `center` inside its box, and the cut adds
    /// vertices only on the grown box's edge, which lies outside `center`.
    /// Borders between two others may differ near that edge: read only
    /// `center`'s.
    public func around(_ center: Territory, marginMeters: Double = 0) throws(GeoError) -> [Territory] {
        guard var box = center.geometry.boundingBox else { return self }
        let margin = 2 * marginMeters + 1000
        let lat = Swift.max(abs(box.south), abs(box.north))
        let dLat = margin / 111_000, dLon = margin / (111_000 * Swift.max(cos(lat * .pi / 180), 0.01))
        box = BoundingBox(
            west: Swift.max(box.west - dLon, -180), south: Swift.max(box.south - dLat, -90),
            east: Swift.min(box.east + dLon, 180), north: Swift.min(box.north + dLat, 90))
        let ctx = try GEOSContext()
        var out: [Territory] = []
        for t in self {
            if t.id == center.id { out.append(t); continue }
            guard let b = t.geometry.boundingBox, box.intersects(b) else { continue }
            if box.west <= b.west && b.east <= box.east && box.south <= b.south && b.north <= box.north {
                out.append(t)
                continue
            }
            let polygons = try ctx.value(of: ctx.make(t.geometry).clipped(to: box)).polygons
            if polygons.isEmpty { continue }
            var cut = t
            cut.geometry = .polygonal(polygons)
            out.append(cut)
        }
        return out
    }
}
