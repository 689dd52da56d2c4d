import Foundation
import Testing

@testable import Geo

/// Adjacency on the shipped data, against published figures and against an
/// independent implementation (shapely 2 / GEOS through Python, run once by
/// scripts/crosscheck_adjacency.py; its output is kept in geodata/crosscheck/).
@Suite struct ShippedAdjacencyTests {
    let atlas = ShippedData.atlas

    @Test func syuniksNeighbours() throws {
        let graph = try AdjacencyEngine().graph(of: atlas.territories(level: .province))
        let neighbours = Set(graph.neighbors(of: "AM-SU"))
        #expect(neighbours.contains("AM-VD"))
        #expect(neighbours.contains("IR-03"))
        #expect(neighbours.contains { atlas.territory(id: $0)?.parentID == "AZ-NX" })
        #expect(neighbours.contains { atlas.territory(id: $0)?.parentID == "AZ-MAIN" })
        #expect(!neighbours.contains { atlas.territory(id: $0)?.countryCode == "GE" })
    }

    @Test func nakhchivanTouchesTurkeyIranArmeniaButNotMainlandAzerbaijan() throws {
        let graph = try AdjacencyEngine().graph(of: atlas.territories(level: .country, splitExclaves: true))
        #expect(Set(graph.neighbors(of: "AZ-NX")) == ["TR", "IR", "AM"])
        #expect(graph.border("AZ-NX", "AZ-MAIN") == nil)
        let paths = graph.shortestPaths(from: "AZ-NX", to: "AZ-MAIN")
        #expect(paths == [["AZ-NX", "AM", "AZ-MAIN"], ["AZ-NX", "IR", "AZ-MAIN"]])
        #expect(graph.shortestPaths(from: "AZ-NX", to: "AZ-MAIN", avoiding: ["AM"]) == [["AZ-NX", "IR", "AZ-MAIN"]])
        #expect(graph.shortestPaths(from: "AZ-NX", to: "AZ-MAIN", avoiding: ["AM", "IR"]).count == 1)  // via Turkey and Georgia
    }

    @Test func armeniaIranBorderIsWithinTenPercentOfThePublished44Km() throws {
        let graph = try AdjacencyEngine().graph(of: atlas.territories(level: .country))
        let b = try #require(graph.border("AM", "IR"))
        #expect(b.contact == .edge)
        #expect(abs(b.lengthKm - 44) / 44 < 0.10)
        #expect(b.lines.count == 1)
        // Both ends are tripoints with Azerbaijan (Nakhchivan in the west, the mainland in the east).
        #expect(b.tripoints.count == 2)
    }

    @Test func otherPublishedBorderLengths() throws {
        let graph = try AdjacencyEngine().graph(of: atlas.territories(level: .country, splitExclaves: true))
        // CIA World Factbook: Armenia–Turkey 311 km, Armenia–Georgia 219 km, Azerbaijan–Turkey 17 km.
        #expect(abs(try #require(graph.border("AM", "TR")).lengthKm - 311) / 311 < 0.10)
        #expect(abs(try #require(graph.border("AM", "GE")).lengthKm - 219) / 219 < 0.10)
        #expect(abs(try #require(graph.border("AZ-NX", "TR")).lengthKm - 17) / 17 < 0.10)
    }

    /// Pairs, kinds and lengths equal shapely's to the metre.
    @Test(arguments: [("province", "provinces-adjacency.csv"), ("country", "countries-adjacency.csv")])
    func agreesWithShapely(level: String, file: String) throws {
        let territories = level == "province"
            ? atlas.territories(level: .province) : atlas.territories(level: .country, splitExclaves: true)
        let graph = try AdjacencyEngine().graph(of: territories)
        let csv = try String(contentsOfFile: ShippedData.directory + "/crosscheck/" + file, encoding: .utf8)
        var expected: [String: (String, Double)] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            expected["\(f[0])|\(f[1])"] = (f[2], Double(f[3])!)
        }
        #expect(graph.borders.count == expected.count)
        for b in graph.borders {
            let e = try #require(expected["\(b.a)|\(b.b)"], "\(b.a)|\(b.b) not found by shapely")
            #expect(b.contact.rawValue == e.0, "\(b.a)|\(b.b)")
            #expect(abs(b.lengthKm - e.1) <= 0.001, "\(b.a)|\(b.b): \(b.lengthKm) km vs shapely \(e.1) km")
        }
    }

    /// The tolerance mode on clean data finds the same pairs with lengths within 0.1%.
    @Test func toleranceModeOnCleanDataAgreesWithExactMode() throws {
        let countries = atlas.territories(level: .country, splitExclaves: true)
        let exact = try AdjacencyEngine().graph(of: countries)
        let tolerant = try AdjacencyEngine(options: .init(toleranceMeters: 50)).graph(of: countries)
        #expect(exact.borders.map { [$0.a, $0.b] } == tolerant.borders.map { [$0.a, $0.b] })
        for (e, t) in zip(exact.borders, tolerant.borders) {
            #expect(abs(e.lengthMeters - t.lengthMeters) / e.lengthMeters < 0.001, "\(e.a)|\(e.b)")
            #expect(t.overlapAreaSquareMeters < 1)
        }
    }

    @Test func kapanIsAbout32KmFromTheIranianBorder() throws {
        let kapan = try atlas.place(named: "Kapan")
        let report = try Locator.locate(kapan.coordinate, atlas: atlas)
        let iran = try #require(report.nearestBorders.first { $0.neighborID == "IR" })
        // shapely + pyproj in geodata/build.py measured 32.56 km.
        #expect(abs(iran.distanceKm - 32.56) < 0.05)
    }
}

/// The shipped corridors. The Syunik route runs 373–416 m inside Armenia from
/// the Armenia–Iran border and on along the river 1.1–1.35 km past the
/// tripoints; the build checked with shapely that every point of that border
/// is within 475 m of it, so a corridor 960 m wide or more covers the whole
/// river border (geodata/README.md).
@Suite struct ShippedCorridorTests {
    let atlas = ShippedData.atlas

    @Test func theSyunikRouteTakesOnlySyunikAmongArmeniasProvinces() throws {
        let r = try CorridorAnalysis.analyze(CorridorSpec(try atlas.corridor(named: "syunik")), atlas: atlas, level: .province)
        let armenian = r.territories.filter { atlas.territory(id: $0.id)?.countryCode == "AM" }
        #expect(armenian.map(\.id) == ["AM-SU"])
    }

    @Test func theSyunikRouteLinksMainlandAzerbaijanWithNakhchivan() throws {
        let r = try CorridorAnalysis.analyze(CorridorSpec(try atlas.corridor(named: "syunik"), widthMeters: 1000), atlas: atlas, level: .country)
        let link = try #require(r.links.first { $0.a == "AZ-MAIN" && $0.b == "AZ-NX" })
        // The route inside Armenia: 44.40 km (geodata build report, measured with pyproj).
        #expect(abs((link.routeKm ?? 0) - 44.40) < 0.1)
        // At 1 km the corridor covers the river border: Armenia and Iran no longer touch.
        let change = try #require(r.borderChanges.first { $0.a == "AM" && $0.b == "IR" })
        #expect(abs(change.lengthBeforeKm - 45.927) < 0.001)
        #expect(change.severed)
        #expect(change.lengthAfterKm == 0)
    }

    @Test func narrowerThanTheRiverBorderTheCorridorDoesNotSeverIt() throws {
        let r = try CorridorAnalysis.analyze(CorridorSpec(try atlas.corridor(named: "syunik"), widthMeters: 500), atlas: atlas, level: .country)
        #expect(!(r.borderChanges.first { $0.a == "AM" && $0.b == "IR" }?.severed ?? false))
        // ...but it cuts off the strip of Armenia between itself and the river.
        #expect(r.territories.contains { $0.id == "AM" && $0.split })
    }

    @Test func theRouteThroughIranTakesNoArmenianTerritory() throws {
        let r = try CorridorAnalysis.analyze(CorridorSpec(try atlas.corridor(named: "iran"), widthMeters: 1000), atlas: atlas, level: .country)
        #expect(!r.territories.contains { $0.id == "AM" })
        #expect(r.links.contains { $0.a == "AZ-MAIN" && $0.b == "AZ-NX" })
        #expect(!r.borderChanges.contains { $0.a == "AM" && $0.b == "IR" })
    }
}
