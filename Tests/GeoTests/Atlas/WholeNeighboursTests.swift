import Testing

@testable import Geo

/// The shipped countries against their published figures (CIA World
/// Factbook): Iran 1,648,195 km² and Turkey 783,562 km² within 4 % (Turkey's
/// figure includes its lakes, as the data does); land boundaries Iran–Turkey
/// 534 km, Georgia–Russia 894 km, Azerbaijan–Russia 338 km within 15 %.
@Suite struct WholeNeighboursTests {
    let atlas = ShippedData.atlas

    @Test(arguments: [("IR", 1_648_195.0), ("TR", 783_562.0)])
    func wholeCountriesHaveTheirPublishedArea(id: String, publishedKm2: Double) throws {
        let t = try #require(atlas.territory(id: id))
        #expect(!t.isClipped)
        #expect(atlas.published.area(of: id)?.value == publishedKm2)
        #expect(abs(t.areaKm2 - publishedKm2) / publishedKm2 < 0.04, "\(id): \(t.areaKm2) km²")
    }

    @Test(arguments: [("IR", "TR", 534.0), ("GE", "RU", 894.0), ("AZ-MAIN", "RU", 338.0)])
    func bordersAreWithinFifteenPercentOfThePublishedLength(a: String, b: String, publishedKm: Double) throws {
        let graph = ShippedData.countryPartsGraph
        let border = try #require(graph.border(a, b))
        #expect(border.contact == .edge)
        // The table holds the same figure (Azerbaijan–Russia is all the mainland's).
        #expect(atlas.published.border(a == "AZ-MAIN" ? "AZ" : a, b)?.value == publishedKm)
        #expect(abs(border.lengthKm - publishedKm) / publishedKm < 0.15, "\(a)–\(b): \(border.lengthKm) km")
    }

    @Test func russiaIsItsNorthCaucasusAndSaysSo() throws {
        let ru = try #require(atlas.territory(id: "RU"))
        #expect(ru.isClipped)
        #expect(atlas.published.area(of: "RU") == nil)
        let subjects = Set(atlas.children(of: "RU").map(\.id))
        #expect(subjects.isSuperset(of: ["RU-KDA", "RU-AD", "RU-KC", "RU-KB", "RU-SE", "RU-IN", "RU-CE", "RU-DA"]))
        let graph = ShippedData.countryPartsGraph
        #expect(Set(graph.neighbors(of: "GE")).isSuperset(of: ["RU", "AM", "AZ-MAIN", "TR"]))
        #expect(graph.neighbors(of: "AZ-MAIN").contains("RU"))
    }

    /// Every province of Iran (31) and Turkey (81) is in the data.
    @Test func allProvincesOfIranAndTurkey() {
        #expect(atlas.territories(level: .province, country: "IR").count == 31)
        #expect(atlas.territories(level: .province, country: "TR").count == 81)
    }
}
