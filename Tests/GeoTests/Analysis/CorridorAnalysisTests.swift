import Testing

@testable import Geo

/// Hand-computable corridors on squares built in a local metric frame.
@Suite struct CorridorAnalysisTests {
    let projection = try! LocalProjection(center: .init(longitude: 46.4, latitude: 39.2))

    func square(_ id: String, x: Double, y: Double, size: Double) throws -> Territory {
        let ring = try projection.inverse([
            .init(longitude: x, latitude: y), .init(longitude: x + size, latitude: y), .init(longitude: x + size, latitude: y + size),
            .init(longitude: x, latitude: y + size), .init(longitude: x, latitude: y),
        ])
        return Territory(id: id, name: id, level: .province, kind: "square", geometry: .polygon(Polygon(exterior: ring)))
    }

    func route(_ points: [(Double, Double)]) throws -> LineString {
        LineString(try projection.inverse(points.map { Coordinate(longitude: $0.0, latitude: $0.1) }))
    }

    /// A 10 km square crossed north–south by a 1 km strip at x = 3–4 km:
    /// 10 km² taken, 30 km² and 60 km² left.
    @Test func aStripCrossingASquareSplitsItInTwo() throws {
        let atlas = Atlas(territories: [try square("S", x: 0, y: 0, size: 10_000)])
        let spec = CorridorSpec(id: "c", name: "c", route: try route([(3500, -1000), (3500, 11_000)]), widthMeters: 1000)
        let r = try CorridorAnalysis.analyze(spec, atlas: atlas, level: .province)
        let s = try #require(r.territories.first)
        #expect(s.split)
        #expect(abs(s.areaInsideKm2 - 10) < 0.01)
        #expect(s.piecesKm2.count == 2)
        #expect(abs(s.piecesKm2[0] - 60) < 0.02 && abs(s.piecesKm2[1] - 30) < 0.02)
        #expect(abs(s.routeLengthInsideKm - 10) < 0.01)
    }

    /// Two 10 km squares side by side; the route runs along their shared
    /// edge, 400 m inside the west one. The border is severed once the half
    /// width exceeds 400 m (width > 800 m) and only shortened below that.
    @Test func aCorridorAlongASharedEdgeSeversItAtAKnownWidth() throws {
        let atlas = Atlas(territories: [try square("W", x: 0, y: 0, size: 10_000), try square("E", x: 10_000, y: 0, size: 10_000)])
        let line = try route([(9600, -1000), (9600, 11_000)])
        let narrow = try CorridorAnalysis.analyze(CorridorSpec(id: "c", name: "c", route: line, widthMeters: 700), atlas: atlas, level: .province)
        #expect(narrow.borderChanges.isEmpty, "350 m half width does not reach the border")
        #expect(narrow.territories.map(\.id) == ["W"])
        let wide = try CorridorAnalysis.analyze(CorridorSpec(id: "c", name: "c", route: line, widthMeters: 900), atlas: atlas, level: .province)
        let change = try #require(wide.borderChanges.first)
        #expect(change.a == "E" && change.b == "W")
        #expect(abs(change.lengthBeforeKm - 10) < 0.01)
        #expect(change.severed)
        #expect(change.lengthAfterKm == 0)
    }

    @Test func badWidthsAndRoutesAreRefused() throws {
        let atlas = Atlas(territories: [try square("S", x: 0, y: 0, size: 1000)])
        let line = try route([(0, 0), (1000, 1000)])
        for w in [0.0, -5, .infinity, 60_000] {
            #expect(throws: GeoError.self) { try CorridorAnalysis.analyze(CorridorSpec(id: "c", name: "c", route: line, widthMeters: w), atlas: atlas, level: .province) }
        }
        let crossing = try route([(0, 0), (1000, 1000), (1000, 0), (0, 1000)])
        #expect(throws: GeoError.self) { try CorridorAnalysis.analyze(CorridorSpec(id: "c", name: "c", route: crossing, widthMeters: 100), atlas: atlas, level: .province) }
        #expect(throws: GeoError.self) { try CorridorSpec.parseRoute("46.1,38.8") }
        #expect(throws: GeoError.self) { try CorridorSpec.parseRoute("46.1,38.8;46.2,95") }
        #expect(try CorridorSpec.parseRoute("46.1,38.8; 46.2,38.9").coordinates.count == 2)
    }
}
