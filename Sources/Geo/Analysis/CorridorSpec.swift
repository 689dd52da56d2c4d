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
