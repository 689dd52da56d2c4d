import Testing

@testable import Geo

/// Reference values from GeographicLib 2.1 (the Python package
/// `geographiclib`, an implementation of Karney's algorithms independent of
/// PROJ's C code), recorded once; the first is also the example in
/// GeographicLib's GeodSolve documentation (JFK to LHR, 5551759.400 m).
@Suite struct GeodesicTests {
    @Test func distanceMatchesGeographicLib() {
        let d = Geodesic.distanceMeters(
            Coordinate(longitude: -73.8, latitude: 40.6), Coordinate(longitude: -0.5, latitude: 51.6))
        #expect(abs(d - 5_551_759.400_318_678_5) / 5_551_759.4 < 1e-9)
        let az = Geodesic.azimuthDegrees(
            Coordinate(longitude: -73.8, latitude: 40.6), Coordinate(longitude: -0.5, latitude: 51.6))
        #expect(abs(az - 51.198_882_845_579_83) < 1e-9)
    }

    @Test func oneDegreeOfEquator() {
        // a·π/180 for the equatorial radius a = 6378137 m: 111319.490793 m.
        let d = Geodesic.lengthMeters([Coordinate(longitude: 0, latitude: 0), Coordinate(longitude: 1, latitude: 0)])
        #expect(abs(d - 111_319.490_793_273_57) < 1e-6)
    }

    @Test func areaOfOneDegreeCellAtTheEquator() {
        // The cell 0–1°E, 0–1°N, its edges straight in longitude/latitude (a meridian and a
        // parallel each way; README): the ellipsoidal quadrangle between two parallels,
        // a²(1−e²)/2 · Δλ · [sinφ/(1−e²sin²φ) + artanh(e sinφ)/e] from 0° to 1° (Snyder 1987,
        // eq. 3-12; by hand in Python): 12,308,463,893.975 m². (GeographicLib's 12,308,778,361 m²
        // is the cell with geodesic edges, whose northern edge bows 0.3 km² further north.)
        // Edges are followed within 1 mm: within (2/3)·1 mm·perimeter = 296 m² of it.
        let cell = Polygon(exterior: [
            .init(longitude: 0, latitude: 0), .init(longitude: 1, latitude: 0), .init(longitude: 1, latitude: 1),
            .init(longitude: 0, latitude: 1), .init(longitude: 0, latitude: 0),
        ])
        let a = Geodesic.areaSquareMeters(cell)
        #expect(abs(a - 12_308_463_893.975) < 296, "\(a)")
        // Either winding gives the same area.
        let reversed = Polygon(exterior: cell.exterior.reversed())
        #expect(abs(Geodesic.areaSquareMeters(reversed) - a) < 1e-3)
    }

    /// Edges straight in longitude/latitude, long and far from the equator:
    /// pyproj 3.7.2 `Geod(ellps="WGS84").geometry_area_perimeter` on the
    /// rings segmentized every 0.00002° (so that its geodesics follow the
    /// edges within a micrometre): a triangle reaching 80° N, one by the
    /// South Pole with an edge 180° of longitude long, and the 1° cell.
    @Test func areasFollowEdgesStraightInLongitudeLatitude() {
        let cases: [([(Double, Double)], Double)] = [
            ([(0, 60), (20, 80), (40, 60)], 1_965_510_594_975.8196),
            ([(-10, -89.5), (170, -89.9), (100, -70)], 2_639_445_833_687.015),
            ([(0, 0), (1, 0), (1, 1), (0, 1)], 12_308_463_893.975477),
        ]
        for (ring, pyproj) in cases {
            let coordinates = ring.map { Coordinate(longitude: $0.0, latitude: $0.1) }
            let area = Geodesic.ringAreaSquareMeters(coordinates)
            #expect(abs(area - pyproj) / pyproj < 1e-9, "\(ring): \(area) m², pyproj \(pyproj)")
            #expect(abs(Geodesic.ringAreaSquareMeters(coordinates.reversed() + [coordinates.last!]) - area) / area < 1e-12, "closed or not, either winding")
        }
    }

    @Test func holesAreSubtracted() {
        let outer: [Coordinate] = [
            .init(longitude: 0, latitude: 0), .init(longitude: 2, latitude: 0), .init(longitude: 2, latitude: 2),
            .init(longitude: 0, latitude: 2), .init(longitude: 0, latitude: 0),
        ]
        let hole: [Coordinate] = [
            .init(longitude: 0, latitude: 0), .init(longitude: 0, latitude: 1), .init(longitude: 1, latitude: 1),
            .init(longitude: 1, latitude: 0), .init(longitude: 0, latitude: 0),
        ]
        let whole = Geodesic.areaSquareMeters(Polygon(exterior: outer))
        let holed = Geodesic.areaSquareMeters(Polygon(exterior: outer, holes: [hole]))
        // The hole is the cell of the test above (Snyder's quadrangle), within its 296 m².
        #expect(abs(whole - holed - 12_308_463_893.975) < 296)
    }

    @Test func pointsAndLinesHaveNoArea() {
        #expect(Geometry.point(.init(longitude: 1, latitude: 2)).areaSquareMeters == 0)
        #expect(Geometry.lineString(LineString([.init(longitude: 0, latitude: 0), .init(longitude: 1, latitude: 0)])).areaSquareMeters == 0)
    }

    @Test func destinationInvertsDistance() {
        let start = Coordinate(longitude: 46.40678, latitude: 39.20762)  // Kapan
        let end = Geodesic.destination(from: start, azimuthDegrees: 180, distanceMeters: 10_000)
        #expect(abs(Geodesic.distanceMeters(start, end) - 10_000) < 1e-6)
        #expect(end.latitude < start.latitude)
    }
}
