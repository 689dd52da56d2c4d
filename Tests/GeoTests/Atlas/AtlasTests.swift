import Testing

@testable import Geo

/// Tests on the shipped geodata/. Published figures: Syunik 4,506 km² (Armenian
/// statistical service), Nakhchivan 5,502.75 km² (official; 5,363 km² is also
/// cited), Armenia 29,743 km² (CIA World Factbook).
@Suite struct AtlasTests {
    let atlas = ShippedData.atlas

    @Test func layersAreComplete() {
        #expect(atlas.territories(level: .country).map(\.id) == ["AM", "AZ", "GE", "IR", "RU", "TR"])
        #expect(atlas.territories(level: .country, splitExclaves: true).map(\.id) == ["AM", "AZ-MAIN", "AZ-NX", "GE", "IR", "RU", "TR"])
        #expect(atlas.territories(level: .province, country: "AM").count == 11)
        #expect(atlas.territories(level: .province).filter(\.isExclave).count == 8)
        #expect(atlas.corridors.map(\.id) == ["iran", "syunik"])
    }

    @Test(arguments: [
        ("Syunik", "AM-SU"), ("siunik", "AM-SU"), ("Սյունիք", "AM-SU"), ("am-su", "AM-SU"), ("Vayots Dzor", "AM-VD"),
        ("vayots-dzor", "AM-VD"), ("Nakhchivan", "AZ-NX"), ("Naxçıvan", "AZ-NX"), ("Nakhichevan", "AZ-NX"),
        ("Armenia", "AM"), ("Azerbaijan", "AZ"), ("Mainland Azerbaijan", "AZ-MAIN"), ("IRAN", "IR"), ("Iğdır", "TR-76"),
        ("Igdir", "TR-76"), ("East Azerbaijan", "IR-03"), ("Stepanakert", "AZ-XA"), ("Khankendi", "AZ-XA"),
        ("Russia", "RU"), ("Dagestan", "RU-DA"), ("Krasnodar Krai", "RU-KDA"), ("Tehran", "IR-23"), ("Trabzon", "TR-61"),
    ])
    func namesAliasesCaseAndDiacritics(query: String, id: String) throws {
        #expect(try atlas.territory(named: query).id == id)
    }

    /// Places by their other names: Stepanakert is the Armenian name of Khankendi.
    @Test func placeAliases() throws {
        #expect(try atlas.place(named: "Stepanakert").id == "khankendi")
        #expect(try atlas.place(named: "Julfa").id == "julfa")
        #expect(try atlas.place(named: "Jolfa").id == "jolfa")
    }

    @Test func unknownNamesGetSuggestions() {
        do {
            _ = try atlas.territory(named: "Synuik")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .lookup)
            #expect(error.message.contains("did you mean \"Syunik (AM-SU)\""))
        }
        #expect((try? atlas.place(named: "Kapn")) == nil)
        #expect(atlas.suggestions(for: "Kapn").contains("Kapan"))
    }

    @Test func hierarchy() throws {
        let syunik = try atlas.territory(named: "Syunik")
        #expect(atlas.ancestors(of: syunik).map(\.id) == ["AM"])
        let ordubad = try atlas.territory(named: "AZ-ORD")
        #expect(atlas.ancestors(of: ordubad).map(\.id) == ["AZ-NX", "AZ"])
        #expect(atlas.children(of: "AZ-NX").count == 8)
        #expect(atlas.children(of: "AZ").map(\.id) == ["AZ-MAIN", "AZ-NX"])
    }

    @Test func everyGeometryIsValid() throws {
        let ctx = try GEOSContext()
        for t in atlas.territories {
            let report = try ctx.make(t.geometry).validity()
            #expect(report.isValid, "\(t.id): \(report.reason)")
        }
    }

    /// Provinces tile their country: no overlaps (the exact adjacency engine
    /// refuses any) and no gaps (the union of a country's provinces has the
    /// country's area to within 0.01 km²).
    @Test func provincesTileTheirCountries() throws {
        _ = try AdjacencyEngine().graph(of: atlas.territories(level: .province))
        for country in atlas.territories(level: .country, splitExclaves: true) {
            let provinces = atlas.territories.filter { $0.level == .province && $0.parentID == country.id }
            let sum = provinces.reduce(0.0) { $0 + $1.areaKm2 }
            #expect(abs(sum - country.areaKm2) < 0.01, "\(country.id): provinces \(sum) km², country \(country.areaKm2) km²")
        }
    }

    @Test func areasAgreeWithPublishedFigures() throws {
        let syunik = try atlas.territory(named: "Syunik").areaKm2
        #expect(abs(syunik - 4506) / 4506 < 0.03)
        let armenia = try atlas.territory(named: "Armenia").areaKm2
        #expect(abs(armenia - 29_743) / 29_743 < 0.01)
        // Nakhchivan: 5,317.6 km² from OSM is 3.4% under the official 5,502.75 km²
        // and 0.8% under the 5,363 km² also published; see geodata/README.md.
        let nakhchivan = try atlas.territory(named: "Nakhchivan").areaKm2
        #expect(abs(nakhchivan - 5363) / 5363 < 0.03)
        // Against the figure the data cite (published.csv: 5,500 km², State Statistical Committee of
        // Azerbaijan, 2023; Nakhchivan AR sources 5,502.75) the miss is over the 3 % beyond which every
        // output warns: the territory must then carry the approximate-lines caveat (no looser tolerance here).
        let id = try atlas.territory(named: "Nakhchivan").id
        let published = try #require(atlas.published.area(of: id)).value
        #expect(published == 5500)
        let miss = abs(nakhchivan - published) / published * 100
        #expect(miss > Caveats.areaThresholdPercent ? Caveats.of([id], in: atlas).contains { $0.kind == .approximateLines && $0.territory == id } : true,
            "\(id): \(miss) % from the published area, without a caveat")
    }

    @Test(arguments: [
        ("Kapan", "AM-SU"), ("Meghri", "AM-SU"), ("Agarak", "AM-SU"), ("Ordubad", "AZ-NX"), ("Julfa", "AZ-NX"),
        ("Jolfa", "IR"), ("Mincivan", "AZ-MAIN"), ("Goris", "AM-SU"), ("Tabriz", "IR-03"),
    ])
    func townsAreInTheRightTerritory(place: String, territory: String) throws {
        let p = try atlas.place(named: place)
        let report = try Locator.locate(p.coordinate, atlas: atlas)
        #expect(report.containedIn.map(\.id).contains(territory), "\(place): \(report.containedIn.map(\.id))")
    }

    /// Corridor (a) is built inside Armenia but for its two end joints along
    /// the river into Nakhchivan and mainland Azerbaijan (1.1 and 1.35 km, per
    /// geodata/README.md); corridor (b) never enters Armenia.
    @Test func corridorsStayWhereTheyWereBuilt() throws {
        let ctx = try GEOSContext()
        let armenia = try ctx.make(atlas.territory(named: "Armenia").geometry)
        let syunik = try atlas.corridor(named: "syunik")
        let outside = try ctx.value(of: ctx.make(.lineString(syunik.route)).difference(armenia))
        let outsideMeters = outside.lineStrings.reduce(0.0) { $0 + Geodesic.lengthMeters($1.coordinates) }
        #expect(outsideMeters < 2 * 2500)
        #expect(outside.lineStrings.count == 2)
        let ends = outside.lineStrings.map { try? Locator.locate($0.coordinates[$0.coordinates.count / 2], atlas: atlas).containedIn.map(\.id) }
        #expect(ends.contains { $0?.contains("AZ-NX") == true } && ends.contains { $0?.contains("AZ-MAIN") == true })
        let iran = try atlas.corridor(named: "Aras")
        #expect(try !ctx.make(.lineString(iran.route)).intersects(armenia))
    }
}
