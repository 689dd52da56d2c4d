import Testing

@testable import Geo

/// Float noise at the ends of the WGS84 ranges (issue 28): the expected
/// values are the range ends themselves, by the rule the type documents.
@Suite struct RangeNoiseTests {
    @Test func aHairBeyondTheRangeIsPutOnItsEndAndCounted() {
        var noise = RangeNoise()
        // 180.00000000000006 is the second double after 180 (each step is 2^-45 ≈ 2.8e-14 there).
        #expect(180.00000000000006 == (180.0).nextUp.nextUp)
        #expect(noise.clamp(Coordinate(longitude: 180.00000000000006, latitude: 71.5)) == Coordinate(longitude: 180, latitude: 71.5))
        #expect(noise.clamp(Coordinate(longitude: -180.0000000005, latitude: -90.0000000009)) == Coordinate(longitude: -180, latitude: -90))
        #expect(noise.clamp(Coordinate(longitude: 12, latitude: 45)) == Coordinate(longitude: 12, latitude: 45), "in range: unchanged")
        #expect(noise.count == 2, "positions in range are not counted")
        #expect(noise.example == Coordinate(longitude: 180.00000000000006, latitude: 71.5))
        #expect(noise.warning == "2 positions lay less than 1e-9° beyond ±180° or ±90° (float noise, e.g. longitude 180.00000000000006) and were put on the range's end")
    }

    @Test func fartherOutStaysAnError() {
        var noise = RangeNoise()
        #expect(noise.clamp(Coordinate(longitude: 180.000001, latitude: 0)) == nil)
        #expect(noise.clamp(Coordinate(longitude: 0, latitude: 90.00000001)) == nil)
        #expect(noise.clamp(Coordinate(longitude: .nan, latitude: 0)) == nil)
        #expect(noise.clamp(Coordinate(longitude: 200, latitude: 0)) == nil)
        #expect(noise.count == 0 && noise.warning == nil)
    }
}
