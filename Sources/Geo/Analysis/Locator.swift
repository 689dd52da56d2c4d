import Foundation

/// Where a point is: which territories contain it, and how far it is from
/// each international border of its country.
public enum Locator {
    /// `toleranceMeters`: boundaries within it count as one border (for
    /// layers whose neighbours do not align; 0: exact).
    public static func locate(_ point: Coordinate, label: String? = nil, atlas: Atlas, toleranceMeters: Double = 0) throws(GeoError) -> LocationReport {
        guard point.isInWGS84Range else {
            throw GeoError(.invalidArgument, "\(point.longitude),\(point.latitude) is not a WGS84 longitude,latitude")
        }
        let ctx = try GEOSContext()
        // A pole is one point at every longitude: it is in a territory that touches the pole's
        // line at any longitude (Antarctica's ring runs along -90 from 180 to -180).
        let atPole = abs(point.latitude) == 90
        let p = atPole
            ? try ctx.make(.lineString(LineString([Coordinate(longitude: -180, latitude: point.latitude), Coordinate(longitude: 180, latitude: point.latitude)])))
            : try ctx.makePoint(point)
        var inside: [Territory] = []
        for t in atlas.territories {
            guard let box = t.geometry.boundingBox, atPole || (box.west <= point.longitude && point.longitude <= box.east),
                box.south <= point.latitude, point.latitude <= box.north
            else { continue }
            let g = try ctx.make(t.geometry)
            if try atPole ? g.intersects(p) : g.covers(p) { inside.append(t) }
        }
        var report = LocationReport(
            label: label, coordinate: [point.longitude, point.latitude],
            containedIn: inside.map { TerritoryRef($0) }, nearestBorders: [])
        // The country part holding the point (Nakhchivan, not Azerbaijan as a whole);
        // on a layer of one level, the territory holding it.
        let countries = atlas.isLayered ? atlas.territories(level: .country, splitExclaves: true) : atlas.territories
        // Distances from the point are geodesic in an azimuthal equidistant
        // projection centred on it, whatever the distance (no domain to leave).
        let projection = try LocalProjection(center: point, kind: .azimuthalEquidistant)
        if let home = countries.first(where: { c in inside.contains { $0.id == c.id } }) {
            let graph = try AdjacencyEngine(options: .init(mode: .rook, toleranceMeters: toleranceMeters))
                .graph(of: try countries.around(home, marginMeters: toleranceMeters))
            for b in graph.borders(of: home.id) where !b.lines.isEmpty {
                let line = try ctx.make(projection.forward(Self.followingLonLat(Geometry.multiLineString(b.lines))))
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
            if let (t, nearest, meters) = try nearestTerritory(to: point, among: countries, projection: projection, ctx: ctx) {
                report.nearestTerritory = NearestTerritory(
                    id: t.id, name: t.name, distanceKm: NumberFormatting.rounded(meters / 1000, decimals: 3),
                    nearestPoint: [NumberFormatting.rounded(nearest.longitude, decimals: 6), NumberFormatting.rounded(nearest.latitude, decimals: 6)])
            }
        }
        report.caveats = Caveats.of(inside.map(\.id), in: atlas)
        return report
    }
}

extension Locator {
    /// The territory nearest to a point that lies in none, with the nearest
    /// point of its outline and the geodesic distance to it (m). Each part's
    /// box gives a lower bound on the distance (`lowerBoundMeters`); parts are
    /// measured nearest bound first, and the search stops at the first bound
    /// beyond the best distance found, so a world layer is never projected
    /// whole. Ties go to the smaller id.
    static func nearestTerritory(
        to point: Coordinate, among territories: [Territory], projection: LocalProjection, ctx: GEOSContext
    ) throws(GeoError) -> (Territory, Coordinate, Double)? {
        var parts: [(bound: Double, territory: Int, polygon: Polygon)] = []
        for (i, t) in territories.enumerated() {
            for p in t.geometry.polygons {
                guard let box = Geometry.polygon(p).boundingBox else { continue }
                parts.append((lowerBoundMeters(from: point, to: box), i, p))
            }
        }
        parts.sort { $0.bound != $1.bound ? $0.bound < $1.bound : territories[$0.territory].id < territories[$1.territory].id }
        var best: (territory: Int, point: Coordinate, meters: Double)?
        for part in parts {
            if let best, part.bound > best.meters { break }
            let outline = try ctx.make(projection.forward(followingLonLat(.multiLineString(part.polygon.rings.map { LineString($0) }))))
            let (nearest, meters) = try projection.nearest(from: point, to: outline)
            if let b = best, meters > b.meters || (meters == b.meters && territories[part.territory].id >= territories[b.territory].id) { continue }
            best = (part.territory, nearest, meters)
        }
        return best.map { (territories[$0.territory], $0.point, $0.meters) }
    }

    /// A lower bound of the geodesic distance (m) from a point to any point of
    /// a longitude/latitude box: the great-circle distance on a sphere (the
    /// closest point lies on one of the box's meridian edges when the point is
    /// outside its longitudes), times a radius 1 % under the Earth's least
    /// radius of curvature, so that it never exceeds the ellipsoidal distance.
    static func lowerBoundMeters(from p: Coordinate, to box: BoundingBox) -> Double {
        let radius = 6_335_439.0 * 0.99  // the meridional radius of curvature at the equator, the least on WGS84
        let rad = Double.pi / 180
        if box.west <= p.longitude && p.longitude <= box.east {
            return max(0, box.south - p.latitude, p.latitude - box.north) * rad * radius
        }
        let phi = p.latitude * rad
        func angle(toMeridian lon: Double) -> Double {
            var d = (lon - p.longitude).truncatingRemainder(dividingBy: 360)
            if d > 180 { d -= 360 } else if d < -180 { d += 360 }
            let a = abs(d) * rad
            if a < .pi / 2 {
                let foot = atan(tan(phi) / cos(a))
                if box.south * rad <= foot && foot <= box.north * rad { return asin(min(1, cos(phi) * sin(a))) }
            }
            func central(_ lat: Double) -> Double {
                let q = lat * rad
                let h = pow(sin((q - phi) / 2), 2) + cos(phi) * cos(q) * pow(sin(a / 2), 2)
                return 2 * asin(min(1, sqrt(h)))
            }
            return min(central(box.south), central(box.north))
        }
        return min(angle(toMeridian: box.west), angle(toMeridian: box.east)) * radius
    }

    /// Lines that follow their edges straight in longitude/latitude closely
    /// enough (1 m) once projected, however long the edges.
    static func followingLonLat(_ g: Geometry) -> Geometry {
        LocalProjection.densifiedAlongLonLat(g, maxDeviationMeters: 1)
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
