import Testing

@testable import Geo

/// Exclaves are bodies of their own (issue 28), on Natural Earth 110m: a
/// 1 km corridor through the Suwałki gap, from Russia's Kaliningrad exclave
/// along the Poland–Lithuania border into Belarus. Checked with shapely 2.2.0
/// on the same layer (Sudan made valid): the Kaliningrad part of Russia does
/// not touch Belarus, Russia as a whole does, and the corridor (the route
/// buffered by 500 m in a transverse Mercator centred at 23.1,54.1) reaches
/// both. The part's area: pyproj 3.7.2, its ring densified every 0.001°,
/// 14,724.67 km².
@Suite struct ExclaveBodyTests {
    static let route = [(22.6, 54.40), (22.7311, 54.3275), (23.244, 54.2206), (23.4841, 53.9125), (23.6, 53.85)]

    @Test func aCorridorFromKaliningradToBelarusLinksTheExclave() throws {
        let spec = CorridorSpec(
            id: "suwalki", name: "Suwałki gap", route: LineString(Self.route.map { Coordinate(longitude: $0.0, latitude: $0.1) }), widthMeters: 1000)
        let r = try CorridorAnalysis.analyze(spec, atlas: WorldLayer.load())
        let link = try #require(r.verdicts.first { $0.kind == .linked && $0.territory == "RUS" && $0.neighbor == "BLR" }, "\(r.verdicts.map(\.key))")
        let km2 = try #require(link.territoryPartKm2)
        #expect(abs(km2 - 14_724.67) < 1.5, "\(km2) km², pyproj 14,724.67")
        #expect(link.sentence.hasPrefix("Russia's exclave around 21."), "\(link.sentence)")
        #expect(link.sentence.contains("(14,725 km²) and Belarus, which did not border each other, are linked through the corridor"), "\(link.sentence)")
        // The whole-territory pair already bordered: no plain link for it.
        #expect(r.levels[0].links.allSatisfy { Set([$0.a, $0.b]) != ["RUS", "BLR"] })
        // Every border's length after the corridor is accounted on each side:
        // main body + cut off + other parts = after (Russia–Lithuania lies on the exclave).
        for b in r.levels[0].borders {
            #expect(abs(b.aMainBodyKm + b.aCutOffKm + b.aOtherPartsKm - b.lengthAfterKm) < 0.002, "\(b.a)-\(b.b) side a")
            #expect(abs(b.bMainBodyKm + b.bCutOffKm + b.bOtherPartsKm - b.lengthAfterKm) < 0.002, "\(b.a)-\(b.b) side b")
        }
        let ruLt = try #require(r.levels[0].borders.first { Set([$0.a, $0.b]) == ["RUS", "LTU"] })
        #expect((ruLt.a == "RUS" ? ruLt.aOtherPartsKm : ruLt.bOtherPartsKm) == ruLt.lengthAfterKm && ruLt.lengthAfterKm > 100)
    }
}
