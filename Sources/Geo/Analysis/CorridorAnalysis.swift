import Foundation

/// A transit corridor to analyse: a route with a width, buffered in a local
/// metric projection (flat ends), or a polygon given directly.
public struct CorridorSpec: Sendable, Hashable {
    public var id: String
    public var name: String
    public var route: LineString?
    public var widthMeters: Double
    /// A corridor polygon given directly (then `route` may be nil).
    public var polygon: Geometry?

    public init(id: String, name: String, route: LineString?, widthMeters: Double, polygon: Geometry? = nil) {
        self.id = id
        self.name = name
        self.route = route
        self.widthMeters = widthMeters
        self.polygon = polygon
    }

    public init(_ corridor: Corridor, widthMeters: Double? = nil) {
        self.init(id: corridor.id, name: corridor.name, route: corridor.route, widthMeters: widthMeters ?? corridor.widthMeters)
    }

    /// Widest corridor accepted: wider than this is not a corridor but a region.
    public static let maxWidthMeters = 50_000.0

    /// "46.1,38.8;46.2,38.9" → a line (longitude first, as in GeoJSON).
    public static func parseRoute(_ text: String) throws(GeoError) -> LineString {
        var cs: [Coordinate] = []
        for (i, pair) in text.split(separator: ";").enumerated() {
            let parts = pair.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, let lon = Double(parts[0]), let lat = Double(parts[1]), lon.isFinite, lat.isFinite else {
                throw GeoError(.invalidArgument, "route point \(i + 1) \"\(pair)\" is not LON,LAT; write the route as \"lon,lat;lon,lat;…\"")
            }
            let c = Coordinate(longitude: lon, latitude: lat)
            guard c.isInWGS84Range else {
                throw GeoError(.invalidArgument, "route point \(i + 1) \(pair) is out of range: longitude in [-180, 180], latitude in [-90, 90] (longitude comes first)")
            }
            cs.append(c)
        }
        guard cs.count >= 2 else { throw GeoError(.invalidArgument, "a route needs at least 2 points, \"lon,lat;lon,lat\"") }
        return LineString(cs)
    }
}

/// What a corridor does to the territories of one level.
public enum CorridorAnalysis {
    /// - Parameters:
    ///   - level: province or country (countries are taken with their parts
    ///     apart, so that mainland Azerbaijan and Nakhchivan are two).
    public static func analyze(_ spec: CorridorSpec, atlas: Atlas, level: TerritoryLevel) throws(GeoError) -> CorridorReport {
        guard spec.polygon != nil || (spec.widthMeters.isFinite && spec.widthMeters > 0) else {
            throw GeoError(.invalidArgument, "the corridor width must be a positive length, not \(spec.widthMeters) m")
        }
        guard spec.polygon != nil || spec.widthMeters <= CorridorSpec.maxWidthMeters else {
            throw GeoError(.invalidArgument, "a corridor \(NumberFormatting.fixed(spec.widthMeters / 1000, 1)) km wide is not a corridor (at most \(Int(CorridorSpec.maxWidthMeters / 1000)) km)")
        }
        let ctx = try GEOSContext()
        let layer = atlas.isLayered
            ? atlas.territories(level: level, splitExclaves: level == .country) : atlas.territories
        // The corridor polygon, in degrees.
        var corridor: Geometry
        var projection: LocalProjection
        if let polygon = spec.polygon {
            guard let box = polygon.boundingBox else { throw GeoError(.invalidArgument, "the corridor polygon is empty") }
            projection = try LocalProjection(center: box.center)
            corridor = polygon
        } else if let route = spec.route {
            guard route.coordinates.count >= 2, let box = Geometry.lineString(route).boundingBox else {
                throw GeoError(.invalidArgument, "a route needs at least 2 points")
            }
            guard try ctx.make(.lineString(route)).isSimple() else {
                throw GeoError(.invalidArgument, "the route crosses itself; a corridor route must be a simple line")
            }
            projection = try LocalProjection(center: box.center)
            let metric = try ctx.make(projection.forward(Geometry.lineString(route)))
            let buffered = try ctx.value(of: metric.buffer(spec.widthMeters / 2, capStyle: .flat))
            corridor = try projection.inverse(buffered)
        } else {
            throw GeoError(.invalidArgument, "a corridor needs a route or a polygon")
        }
        let c = try ctx.make(corridor)
        let preparedCorridor = try GEOSPrepared(c)
        let routeGeom = try spec.route.map { (r: LineString) throws(GeoError) in try ctx.make(.lineString(r)) }

        // Territories it takes from, and what is left of them.
        var impacts: [TerritoryImpact] = []
        var remaining = layer
        var touched = Set<String>()
        let corridorBox = corridor.boundingBox
        for (i, t) in layer.enumerated() {
            // Bounds first: most of a large layer is nowhere near the corridor.
            guard let box = t.geometry.boundingBox, let corridorBox, box.intersects(corridorBox) else { continue }
            let g = try ctx.make(t.geometry)
            guard try preparedCorridor.intersects(g) else { continue }
            let inside = try ctx.value(of: g.intersection(c))
            let insideArea = Geodesic.areaSquareMeters(inside)
            let routeInside = try routeGeom.map { (r: GEOSGeom) throws(GeoError) in
                Geodesic.lengthMeters(try ctx.value(of: r.intersection(g)))
            } ?? 0
            guard insideArea > 1 || routeInside > 0 else { continue }  // touching only
            touched.insert(t.id)
            let rest = try ctx.value(of: g.difference(c))
            let restPolygons = rest.polygons.filter { Geodesic.areaSquareMeters($0) > 1 }
            remaining[i].geometry = restPolygons.count == 1 ? .polygon(restPolygons[0]) : .multiPolygon(restPolygons)
            let pieces = restPolygons.map { Geodesic.areaSquareMeters($0) / 1e6 }.sorted(by: >)
            let total = t.areaKm2
            impacts.append(
                TerritoryImpact(
                    id: t.id, name: t.name, areaInsideKm2: NumberFormatting.rounded(insideArea / 1e6, decimals: 3),
                    areaPercent: NumberFormatting.rounded(total > 0 ? insideArea / 1e6 / total * 100 : 0, decimals: 3),
                    routeLengthInsideKm: NumberFormatting.rounded(routeInside / 1000, decimals: 3),
                    piecesKm2: pieces.map { NumberFormatting.rounded($0, decimals: 3) },
                    split: pieces.count > t.geometry.polygons.count))
        }
        impacts.sort { $0.areaInsideKm2 != $1.areaInsideKm2 ? $0.areaInsideKm2 > $1.areaInsideKm2 : $0.id < $1.id }

        // Borders before and after.
        // Only territories whose bounds meet those of a territory it touches can
        // share a border the corridor changes: the two graphs need no more.
        let touchedBoxes = layer.filter { touched.contains($0.id) }.compactMap(\.geometry.boundingBox)
        let nearby = layer.indices.filter { i in
            guard let box = layer[i].geometry.boundingBox else { return false }
            return touchedBoxes.contains { $0.intersects(box) }
        }
        let engine = AdjacencyEngine(options: .init(mode: .rook))
        let before = try engine.graph(of: nearby.map { layer[$0] })
        let after = try engine.graph(of: nearby.map { remaining[$0] }.filter { !$0.geometry.polygons.isEmpty })
        var changes: [BorderChange] = []
        for b in before.borders where touched.contains(b.a) || touched.contains(b.b) {
            let lengthAfter = after.border(b.a, b.b)?.lengthMeters ?? 0
            guard abs(lengthAfter - b.lengthMeters) > 0.5 else { continue }
            changes.append(
                BorderChange(
                    a: b.a, aName: before.territory(b.a)?.name ?? b.a, b: b.b, bName: before.territory(b.b)?.name ?? b.b,
                    lengthBeforeKm: NumberFormatting.rounded(b.lengthMeters / 1000, decimals: 3),
                    lengthAfterKm: NumberFormatting.rounded(lengthAfter / 1000, decimals: 3), severed: lengthAfter == 0))
        }

        // Links: territories the corridor reaches that did not border each other.
        var links: [CorridorLink] = []
        let reached = layer.filter { touched.contains($0.id) }
        // Where the route runs inside each territory it reaches, once per territory.
        var stretches: [String: [(Double, Double)]] = [:]
        if let route = spec.route {
            let metricRoute = try ctx.make(projection.forward(Geometry.lineString(route)))
            for t in reached { stretches[t.id] = try routeStretches(metricRoute, t, projection, ctx) }
        }
        for (x, a) in reached.enumerated() {
            for b in reached[(x + 1)...] where before.border(a.id, b.id) == nil {
                var over: Double?
                if let sa = stretches[a.id], let sb = stretches[b.id] { over = routeGap(sa, sb) }
                let (p, q) = a.id < b.id ? (a, b) : (b, a)
                links.append(
                    CorridorLink(
                        a: p.id, aName: p.name, b: q.id, bName: q.name,
                        routeKm: over.map { NumberFormatting.rounded($0 / 1000, decimals: 3) }))
            }
        }
        links.sort { ($0.a, $0.b) < ($1.a, $1.b) }

        // Places: inside, and how far from the corridor.
        var places: [PlaceDistance] = []
        let metricCorridor = try ctx.make(projection.forward(corridor))
        for place in atlas.places {
            let inside = try preparedCorridor.covers(ctx.makePoint(place.coordinate))
            var km = 0.0
            if !inside {
                km = try projection.nearest(from: place.coordinate, to: metricCorridor).distanceMeters / 1000
            }
            places.append(PlaceDistance(id: place.id, name: place.name, inside: inside, distanceKm: NumberFormatting.rounded(km, decimals: 3)))
        }
        places.sort { $0.distanceKm != $1.distanceKm ? $0.distanceKm < $1.distanceKm : $0.id < $1.id }

        let routeKm = spec.route.map { Geodesic.lengthMeters($0.coordinates) / 1000 }
        return CorridorReport(
            id: spec.id, name: spec.name, widthM: spec.widthMeters,
            routeLengthKm: routeKm.map { NumberFormatting.rounded($0, decimals: 3) },
            areaKm2: NumberFormatting.rounded(Geodesic.areaSquareMeters(corridor) / 1e6, decimals: 3),
            level: level.rawValue, territories: impacts, borderChanges: changes, links: links, places: places,
            corridor: corridor, pieces: remaining.filter { touched.contains($0.id) }.map { ($0.id, $0.geometry) })
    }

    /// The stretches of the route (metres along it, start < end) inside a territory.
    private static func routeStretches(
        _ route: GEOSGeom, _ t: Territory, _ projection: LocalProjection, _ ctx: GEOSContext
    ) throws(GeoError) -> [(Double, Double)] {
        let parts = try ctx.value(of: route.intersection(ctx.make(projection.forward(t.geometry)))).lineStrings
        var result: [(Double, Double)] = []
        for p in parts where p.coordinates.count >= 2 {
            let s = try route.project(ctx.makePoint(p.coordinates.first!))
            let e = try route.project(ctx.makePoint(p.coordinates.last!))
            result.append((min(s, e), max(s, e)))
        }
        return result
    }

    /// Length of route (m) between where it leaves one territory and enters the other.
    private static func routeGap(_ a: [(Double, Double)], _ b: [(Double, Double)]) -> Double? {
        var best: Double?
        for x in a {
            for y in b {
                let gap = max(0, max(x.0, y.0) - min(x.1, y.1))
                best = min(best ?? gap, gap)
            }
        }
        return best
    }
}

/// One territory's loss to a corridor.
public struct TerritoryImpact: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var areaInsideKm2: Double
    /// Share of the territory's area inside the corridor, in percent.
    public var areaPercent: Double
    public var routeLengthInsideKm: Double
    /// Areas of what is left, largest first.
    public var piecesKm2: [Double]
    /// The corridor cuts it into more pieces than it had.
    public var split: Bool
}

/// A border shortened or severed by a corridor.
public struct BorderChange: Codable, Hashable, Sendable {
    public var a: String
    public var aName: String
    public var b: String
    public var bName: String
    public var lengthBeforeKm: Double
    public var lengthAfterKm: Double
    public var severed: Bool
}

/// Two territories that did not border each other and that the corridor reaches both of.
public struct CorridorLink: Codable, Hashable, Sendable {
    public var a: String
    public var aName: String
    public var b: String
    public var bName: String
    /// Length of route between the two (km), when the corridor has a route.
    public var routeKm: Double?
}

public struct PlaceDistance: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var inside: Bool
    /// Geodesic distance to the corridor's edge (0 inside).
    public var distanceKm: Double
}

/// `mapcli corridor`: what a corridor takes, cuts, severs and links.
public struct CorridorReport: Encodable, Sendable {
    public var id: String
    public var name: String
    public var widthM: Double
    public var routeLengthKm: Double?
    public var areaKm2: Double
    public var level: String
    public var territories: [TerritoryImpact]
    public var borderChanges: [BorderChange]
    public var links: [CorridorLink]
    public var places: [PlaceDistance]
    /// The corridor polygon (for maps; not encoded).
    public var corridor: Geometry
    /// What is left of each territory it touches (for maps; not encoded).
    public var pieces: [(String, Geometry)]

    enum CodingKeys: String, CodingKey {
        case id, name, widthM, routeLengthKm, areaKm2, level, territories, borderChanges, links, places
    }

    init(
        id: String, name: String, widthM: Double, routeLengthKm: Double?, areaKm2: Double, level: String,
        territories: [TerritoryImpact], borderChanges: [BorderChange], links: [CorridorLink], places: [PlaceDistance],
        corridor: Geometry, pieces: [(String, Geometry)]
    ) {
        self.id = id
        self.name = name
        self.widthM = widthM
        self.routeLengthKm = routeLengthKm
        self.areaKm2 = areaKm2
        self.level = level
        self.territories = territories
        self.borderChanges = borderChanges
        self.links = links
        self.places = places
        self.corridor = corridor
        self.pieces = pieces
    }
}
