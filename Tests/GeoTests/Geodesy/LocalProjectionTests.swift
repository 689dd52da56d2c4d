import Testing

@testable import Geo

@Suite struct LocalProjectionTests {
    let kapan = Coordinate(longitude: 46.40678, latitude: 39.20762)

    @Test func centreMapsToOrigin() throws {
        let p = try LocalProjection(center: kapan)
        let xy = try p.forward([kapan])[0]
        #expect(abs(xy.longitude) < 1e-6 && abs(xy.latitude) < 1e-6)
    }

    @Test func roundTripIsExact() throws {
        let p = try LocalProjection(center: kapan)
        let points = [Coordinate(longitude: 45.9, latitude: 38.85), Coordinate(longitude: 46.7, latitude: 39.6)]
        let back = try p.inverse(try p.forward(points))
        for (a, b) in zip(points, back) {
            #expect(abs(a.longitude - b.longitude) < 1e-9 && abs(a.latitude - b.latitude) < 1e-9)
        }
    }

    /// Near the centre the projection is metric: planar distances agree with
    /// geodesic ones (scale error ~ (d/R)²/2, far below 1e-6 within 10 km).
    @Test func planarDistancesAreMetres() throws {
        let p = try LocalProjection(center: kapan)
        let a = Geodesic.destination(from: kapan, azimuthDegrees: 60, distanceMeters: 3_000)
        let b = Geodesic.destination(from: kapan, azimuthDegrees: 200, distanceMeters: 4_000)
        let xy = try p.forward([a, b])
        let planar = ((xy[0].longitude - xy[1].longitude) * (xy[0].longitude - xy[1].longitude)
            + (xy[0].latitude - xy[1].latitude) * (xy[0].latitude - xy[1].latitude)).squareRoot()
        let geodesic = Geodesic.distanceMeters(a, b)
        #expect(abs(planar - geodesic) / geodesic < 1e-6)
    }

    @Test func rejectsAnImpossibleCentre() {
        #expect(throws: GeoError.self) { try LocalProjection(center: Coordinate(longitude: 10, latitude: 95)) }
    }
}
