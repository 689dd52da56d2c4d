/// Where a point is: which territories contain it, and how far it is from
/// each international border of its country.
public enum Locator {
    public static func locate(_ point: Coordinate, label: String? = nil, atlas: Atlas) throws(GeoError) -> LocationReport {
        guard point.isInWGS84Range else {
            throw GeoError(.invalidArgument, "\(point.longitude),\(point.latitude) is not a WGS84 longitude,latitude")
        }
        let ctx = try GEOSContext()
        let p = try ctx.makePoint(point)
        var inside: [Territory] = []
        for t in atlas.territories {
            guard let box = t.geometry.boundingBox, box.west <= point.longitude, point.longitude <= box.east,
                box.south <= point.latitude, point.latitude <= box.north
            else { continue }
            if try ctx.make(t.geometry).covers(p) { inside.append(t) }
        }
        var report = LocationReport(
            label: label, coordinate: [point.longitude, point.latitude],
            containedIn: inside.map { TerritoryRef($0) }, nearestBorders: [])
        // The country part holding the point (Nakhchivan, not Azerbaijan as a whole).
        let countries = atlas.territories(level: .country, splitExclaves: true)
        let projection = try LocalProjection(center: point)
        if let home = countries.first(where: { c in inside.contains { $0.id == c.id } }) {
            let graph = try AdjacencyEngine(options: .init(mode: .rook)).graph(of: try countries.around(home))
            for b in graph.borders(of: home.id) where !b.lines.isEmpty {
                let line = try ctx.make(projection.forward(Geometry.multiLineString(b.lines)))
                let (nearest, meters) = try projection.nearest(from: point, to: line)
                let other = graph.territory(b.other(than: home.id))
                report.nearestBorders.append(
                    BorderDistance(
                        neighborID: b.other(than: home.id), neighborName: other?.name ?? "",
                        distanceKm: NumberFormatting.rounded(meters / 1000, decimals: 3),
                        nearestPoint: [NumberFormatting.rounded(nearest.longitude, decimals: 6), NumberFormatting.rounded(nearest.latitude, decimals: 6)]))
            }
            report.nearestBorders.sort { $0.distanceKm != $1.distanceKm ? $0.distanceKm < $1.distanceKm : $0.neighborID < $1.neighborID }
        } else if inside.isEmpty {
            // In no territory (at sea, beyond the data's edge): the nearest one.
            let candidates = atlas.isLayered ? countries : atlas.territories
            var best: (Territory, Coordinate, Double)?
            for t in candidates {
                let outline = try ctx.make(projection.forward(t.geometry))
                let (nearest, meters) = try projection.nearest(from: point, to: outline)
                if best == nil || meters < best!.2 || (meters == best!.2 && t.id < best!.0.id) { best = (t, nearest, meters) }
            }
            if let (t, nearest, meters) = best {
                report.nearestTerritory = NearestTerritory(
                    id: t.id, name: t.name, distanceKm: NumberFormatting.rounded(meters / 1000, decimals: 3),
                    nearestPoint: [NumberFormatting.rounded(nearest.longitude, decimals: 6), NumberFormatting.rounded(nearest.latitude, decimals: 6)])
            }
        }
        report.caveats = Caveats.of(inside.map(\.id), in: atlas)
        return report
    }
}

/// A territory named in a report.
public struct TerritoryRef: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var level: TerritoryLevel
    public var kind: String

    public init(_ t: Territory) {
        id = t.id
        name = t.name
        level = t.level
        kind = t.kind
    }
}

public struct BorderDistance: Codable, Hashable, Sendable {
    public var neighborID: String
    public var neighborName: String
    /// Geodesic distance on WGS84 to the nearest point of that border.
    public var distanceKm: Double
    public var nearestPoint: [Double]
}

/// The territory nearest to a point that lies in none.
public struct NearestTerritory: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    /// Geodesic distance on WGS84 to the nearest point of its outline.
    public var distanceKm: Double
    public var nearestPoint: [Double]
}

/// `mapcli where`: what contains a point and how far its country's borders are.
public struct LocationReport: Codable, Hashable, Sendable {
    public var label: String?
    /// [longitude, latitude]
    public var coordinate: [Double]
    /// Country level first, then provinces.
    public var containedIn: [TerritoryRef]
    /// Borders of the country (part) containing the point, nearest first.
    public var nearestBorders: [BorderDistance]
    /// For a point in no territory: the nearest one (country level on the shipped data).
    public var nearestTerritory: NearestTerritory?
    public var note: String?
    /// What the answer rests on that a reader should know (approximate lines, clipped territories).
    public var caveats: [Caveat] = []
}
