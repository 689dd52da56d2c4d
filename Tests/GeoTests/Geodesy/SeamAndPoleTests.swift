import Testing

@testable import Geo

/// What a reprojection gives back at 180° and at the poles is put where the
/// data wrote it (issue 28). The rings are written by hand; the expected
/// rings follow from the rule `CRSTransform` documents.
@Suite struct SeamAndPoleTests {
    static func c(_ lon: Double, _ lat: Double) -> Coordinate { Coordinate(longitude: lon, latitude: lat) }

    @Test func aRingSplitAt180StaysOnItsSide() {
        // Fiji's part east of 180°, its -180s given back as 180 (EPSG:3035).
        var ring = [Self.c(180, -16.07), Self.c(180, -16.56), Self.c(-179.79, -16.02), Self.c(180, -16.07)]
        CRSTransform.sideOfTheSeam(&ring, closed: true)
        CRSTransform.poleLongitudes(&ring, closed: true)
        #expect(ring == [Self.c(-180, -16.07), Self.c(-180, -16.56), Self.c(-179.79, -16.02), Self.c(-180, -16.07)])
        #expect(Geometry.polygon(Polygon(rings: [ring])).antimeridianJump == nil)
    }

    @Test func aRingAlongThePoleKeepsBothSides() {
        // Antarctica's ring: east along the coast, down 180° to the pole, along the pole, up -180°;
        // the pole given back at -170 and the last seam position as 179.9999999999999.
        var ring = [
            Self.c(-179.94, -84.72), Self.c(0, -70), Self.c(179.9, -84.7), Self.c(180, -84.71),
            Self.c(-170, -90), Self.c(-170, -90), Self.c(179.9999999999999, -84.71), Self.c(-179.94, -84.72),
        ]
        CRSTransform.sideOfTheSeam(&ring, closed: true)
        CRSTransform.poleLongitudes(&ring, closed: true)
        #expect(ring == [
            Self.c(-179.94, -84.72), Self.c(0, -70), Self.c(179.9, -84.7), Self.c(180, -84.71),
            Self.c(180, -90), Self.c(-180, -90), Self.c(-180, -84.71), Self.c(-179.94, -84.72),
        ])
        #expect(Geometry.polygon(Polygon(rings: [ring])).antimeridianJump == nil)
    }

    @Test func aRealJumpIsLeftForTheReaderToRefuse() {
        var ring = [Self.c(179, -16), Self.c(-179, -16), Self.c(-179, -17), Self.c(179, -17), Self.c(179, -16)]
        let before = ring
        CRSTransform.sideOfTheSeam(&ring, closed: true)
        CRSTransform.poleLongitudes(&ring, closed: true)
        #expect(ring == before)
        #expect(Geometry.polygon(Polygon(rings: [ring])).antimeridianJump != nil)
    }
}
