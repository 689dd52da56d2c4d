import CPROJ
import Foundation

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

    /// Deviation (m) within which a length follows edges straight in
    /// longitude/latitude: 1 mm, so that the pieces of a border cut by an
    /// overlay add up to the whole.
    static let areaEdgeDeviationMeters = 0.001

    /// Unsigned area enclosed by a ring, in square metres. The ring may be
    /// closed or not, in either winding. Its edges are straight in
    /// longitude/latitude, as RFC 7946 reads them and as GEOS's overlays cut
    /// them (see the README), not geodesics, so that the pieces of a
    /// territory cut anywhere along an edge add up to the territory (a 20 km
    /// edge at 80° N bows 45 m from its geodesic).
    ///
    /// Exact for such edges, by the equal-area cylinder: the area between an
    /// edge and the equator is a²/2 ∫ q(φ) dλ, with q Snyder's authalic
    /// function (the zone from the equator to φ holds a²·q(φ)/2 per radian of
    /// longitude), and along an edge φ is linear in λ. The integral is taken
    /// by 4-point Gauss–Legendre quadrature on pieces at most 0.5° of latitude
    /// long, where its error is below 1e-15 of the piece (q is smooth, even at
    /// the poles). An edge along a pole adds q(±90°)·Δλ, which is how a ring
    /// around the pole (Antarctica's, from 180 to −180 along −90) closes.
    /// It agrees with PROJ's `geod_polygonarea` on the ring densified until
    /// its geodesics follow the edges within 1 mm (the method before; tests
    /// check the two), and costs a few sines and logarithms per edge instead of
    /// one geodesic per millimetre of bow: a 55,000-vertex Canada at 80° N took a second.
    public static func ringAreaSquareMeters(_ ring: [Coordinate]) -> Double {
        guard ring.count >= 3 else { return 0 }
        let rad = Double.pi / 180
        // Relative to the first vertex's q: the same sum (Σ Δλ = 0 round a closed ring), less cancellation.
        let q0 = authalicQ(ring[0].latitude * rad)
        var sum = 0.0
        func edge(_ a: Coordinate, _ b: Coordinate) {
            let dLon = (b.longitude - a.longitude) * rad
            guard dLon != 0 else { return }
            let phiA = a.latitude * rad, dPhi = (b.latitude - a.latitude) * rad
            if dPhi == 0 {
                sum += dLon * (authalicQ(phiA) - q0)
                return
            }
            let pieces = max(1, Int((abs(b.latitude - a.latitude) / 0.5).rounded(.up)))
            var mean = 0.0
            for k in 0..<pieces {
                let start = Double(k) / Double(pieces), width = 1 / Double(pieces)
                for (x, w) in gaussLegendre4 {
                    let t = start + width * (x + 1) / 2
                    mean += w / 2 * width * (authalicQ(phiA + t * dPhi) - q0)
                }
            }
            sum += dLon * mean
        }
        for i in 1..<ring.count { edge(ring[i - 1], ring[i]) }
        if ring[ring.count - 1] != ring[0] { edge(ring[ring.count - 1], ring[0]) }
        return abs(sum) * wgs84A * wgs84A / 2
    }

    static let wgs84A = 6_378_137.0
    static let wgs84E2: Double = { let f = 1 / 298.257_223_563; return f * (2 - f) }()
    static let wgs84E = wgs84E2.squareRoot()
    /// Nodes and weights of 4-point Gauss–Legendre quadrature on [−1, 1].
    static let gaussLegendre4: [(Double, Double)] = [
        (-0.861_136_311_594_052_6, 0.347_854_845_137_453_9), (-0.339_981_043_584_856_3, 0.652_145_154_862_546_1),
        (0.339_981_043_584_856_3, 0.652_145_154_862_546_1), (0.861_136_311_594_052_6, 0.347_854_845_137_453_9),
    ]

    /// Snyder's q(φ) (Map Projections: A Working Manual, eq. 3-12):
    /// (1 − e²)·[sin φ / (1 − e² sin² φ) + atanh(e sin φ) / e].
    static func authalicQ(_ phi: Double) -> Double {
        let s = sin(phi), es = wgs84E * s
        return (1 - wgs84E2) * (s / (1 - es * es) + atanh(es) / wgs84E)
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
