import CPROJ

/// The WGS84 ellipsoid, initialised once. `geod_init` fills a plain C struct;
/// the geodesic routines only read it, so sharing it across threads is safe.
private let wgs84: geod_geodesic = {
    var g = geod_geodesic()
    geod_init(&g, 6_378_137.0, 1.0 / 298.257_223_563)
    return g
}()

/// Geodesic measures on the WGS84 ellipsoid through PROJ's implementation of
/// Karney's algorithms (accurate to nanometres). Results are in metres and
/// square metres; degrees are never presented as lengths or areas.
public enum Geodesic {
    /// Shortest distance between two points, in metres.
    public static func distanceMeters(_ a: Coordinate, _ b: Coordinate) -> Double {
        var s12 = 0.0, azi1 = 0.0, azi2 = 0.0
        withUnsafePointer(to: wgs84) { g in
            geod_inverse(g, a.latitude, a.longitude, b.latitude, b.longitude, &s12, &azi1, &azi2)
        }
        return s12
    }

    /// Forward azimuth (degrees clockwise from north) from `a` to `b`.
    public static func azimuthDegrees(_ a: Coordinate, _ b: Coordinate) -> Double {
        var s12 = 0.0, azi1 = 0.0, azi2 = 0.0
        withUnsafePointer(to: wgs84) { g in
            geod_inverse(g, a.latitude, a.longitude, b.latitude, b.longitude, &s12, &azi1, &azi2)
        }
        return azi1
    }

    /// Length of a path, in metres. Its segments are straight in
    /// longitude/latitude (RFC 7946, and the README's choice for every
    /// mode): each is measured along that line, followed by geodesics within
    /// 1 mm, so a 112 km edge at 38° N measures 1.2 m more than the geodesic
    /// between its ends, and a border measures the same whether a mode
    /// densified it or not.
    public static func lengthMeters(_ path: [Coordinate]) -> Double {
        guard path.count > 1 else { return 0 }
        let path = LocalProjection.densifiedAlongLonLat(path, maxDeviationMeters: areaEdgeDeviationMeters)
        var total = 0.0
        withUnsafePointer(to: wgs84) { g in
            var s12 = 0.0, azi1 = 0.0, azi2 = 0.0
            for i in 1..<path.count {
                let a = path[i - 1], b = path[i]
                geod_inverse(g, a.latitude, a.longitude, b.latitude, b.longitude, &s12, &azi1, &azi2)
                total += s12
            }
        }
        return total
    }

    /// Deviation (m) within which an area follows edges straight in
    /// longitude/latitude: 1 mm, so that pieces cut by an overlay add up to
    /// the whole to within about (2/3)·1 mm·perimeter.
    static let areaEdgeDeviationMeters = 0.001

    /// Unsigned area enclosed by a ring, in square metres. The ring may be
    /// closed or not, in either winding. Its edges are straight in
    /// longitude/latitude, as RFC 7946 reads them and as GEOS's overlays cut
    /// them (see the README): long edges are followed within 1 mm, not taken
    /// as geodesics, so that the pieces of a territory cut anywhere along an
    /// edge add up to the territory (a 20 km edge at 80° N bows 45 m from its
    /// geodesic).
    public static func ringAreaSquareMeters(_ ring: [Coordinate]) -> Double {
        guard ring.count >= 3 else { return 0 }
        let ring = LocalProjection.densifiedAlongLonLat(ring, maxDeviationMeters: areaEdgeDeviationMeters)
        var lats = ring.map(\.latitude)
        var lons = ring.map(\.longitude)
        var area = 0.0, perimeter = 0.0
        withUnsafePointer(to: wgs84) { g in
            geod_polygonarea(g, &lats, &lons, Int32(ring.count), &area, &perimeter)
        }
        return abs(area)
    }

    /// Area of a polygon (exterior minus holes), in square metres.
    public static func areaSquareMeters(_ polygon: Polygon) -> Double {
        guard let exterior = polygon.rings.first else { return 0 }
        var a = ringAreaSquareMeters(exterior)
        for hole in polygon.rings.dropFirst() { a -= ringAreaSquareMeters(hole) }
        return max(a, 0)
    }

    /// Area of the polygons of a geometry, in square metres; 0 for points and lines.
    public static func areaSquareMeters(_ geometry: Geometry) -> Double {
        geometry.polygons.reduce(0) { $0 + areaSquareMeters($1) }
    }

    /// Length of the lines of a geometry, in metres; for polygons, their
    /// perimeter (all rings).
    public static func lengthMeters(_ geometry: Geometry) -> Double {
        switch geometry.dimension {
        case 0: return 0
        default:
            var total = 0.0
            geometry.forEachSequence { total += lengthMeters($0) }
            return total
        }
    }

    /// The point reached from `start` going `distanceMeters` along `azimuthDegrees`.
    public static func destination(from start: Coordinate, azimuthDegrees: Double, distanceMeters: Double)
        -> Coordinate
    {
        var lat = 0.0, lon = 0.0, azi2 = 0.0
        withUnsafePointer(to: wgs84) { g in
            geod_direct(g, start.latitude, start.longitude, azimuthDegrees, distanceMeters, &lat, &lon, &azi2)
        }
        return Coordinate(longitude: lon, latitude: lat)
    }
}
