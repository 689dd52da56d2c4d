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

    /// Back to degrees following the plane's straight lines (the corridor's sides): a 100 km
    /// east-west segment through the centre of a projection at 60° N, read straight in
    /// longitude/latitude between its ends, bows L² tan φ / (8R) = 10¹⁰ × 1.732 / (8 × 6,371 km)
    /// = 340 m away from it at the middle (by hand); with points put in it stays within 1 cm.
    /// Each piece is checked at its middle, projected forward, against the straight segment.
    @Test func theInverseFollowsStraightLinesOfThePlane() throws {
        let p = try LocalProjection(center: Coordinate(longitude: 10, latitude: 60))
        let segment = Geometry.lineString(LineString([Coordinate(longitude: -50_000, latitude: 0), Coordinate(longitude: 50_000, latitude: 0)]))
        func worstStray(_ g: Geometry) throws -> Double {
            let cs = g.lineStrings[0].coordinates
            var mids: [Coordinate] = []
            for (a, b) in zip(cs, cs.dropFirst()) {
                mids.append(Coordinate(longitude: (a.longitude + b.longitude) / 2, latitude: (a.latitude + b.latitude) / 2))
            }
            return try p.forward(mids).map { abs($0.latitude) }.max() ?? 0
        }
        let plain = try worstStray(p.inverse(segment))
        #expect(abs(plain - 340) < 10, "\(plain) m")
        let followed = try p.inverseFollowingStraightLines(segment, maxDeviationMeters: 0.01)
        #expect(try worstStray(followed) <= 0.01)
        // And no more points than the rule needs: n = ⌈√(340 m / 1 cm)⌉ = 185 pieces.
        #expect((170...200).contains(followed.lineStrings[0].coordinates.count - 1), "\(followed.lineStrings[0].coordinates.count - 1) pieces")
    }
}
