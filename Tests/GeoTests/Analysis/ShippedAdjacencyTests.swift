import Foundation
import Testing

@testable import Geo

/// Adjacency on the shipped data, against published figures and against an
/// independent implementation (shapely 2 / GEOS through Python, run once by
/// scripts/crosscheck_adjacency.py; its output is kept in geodata/crosscheck/).
@Suite struct ShippedAdjacencyTests {
    let atlas = ShippedData.atlas

    @Test func syuniksNeighbours() throws {
        let graph = ShippedData.provinceGraph
        let neighbours = Set(graph.neighbors(of: "AM-SU"))
        #expect(neighbours.contains("AM-VD"))
        #expect(neighbours.contains("IR-03"))
        #expect(neighbours.contains { atlas.territory(id: $0)?.parentID == "AZ-NX" })
        #expect(neighbours.contains { atlas.territory(id: $0)?.parentID == "AZ-MAIN" })
        #expect(!neighbours.contains { atlas.territory(id: $0)?.countryCode == "GE" })
    }

    @Test func nakhchivanTouchesTurkeyIranArmeniaButNotMainlandAzerbaijan() throws {
        let graph = ShippedData.countryPartsGraph
        #expect(Set(graph.neighbors(of: "AZ-NX")) == ["TR", "IR", "AM"])
        #expect(graph.border("AZ-NX", "AZ-MAIN") == nil)
        let paths = graph.shortestPaths(from: "AZ-NX", to: "AZ-MAIN")
        #expect(paths == [["AZ-NX", "AM", "AZ-MAIN"], ["AZ-NX", "IR", "AZ-MAIN"]])
        #expect(graph.shortestPaths(from: "AZ-NX", to: "AZ-MAIN", avoiding: ["AM"]) == [["AZ-NX", "IR", "AZ-MAIN"]])
        #expect(graph.shortestPaths(from: "AZ-NX", to: "AZ-MAIN", avoiding: ["AM", "IR"]).count == 1)  // via Turkey and Georgia
    }

    @Test func armeniaIranBorderIsWithinTenPercentOfThePublished44Km() throws {
        let graph = ShippedData.countryGraph
        let b = try #require(graph.border("AM", "IR"))
        #expect(b.contact == .edge)
        #expect(abs(b.lengthKm - 44) / 44 < 0.10)
        #expect(b.lines.count == 1)
        // Both ends are tripoints with Azerbaijan (Nakhchivan in the west, the mainland in the east).
        #expect(b.tripoints.count == 2)
    }

    @Test func otherPublishedBorderLengths() throws {
        let graph = ShippedData.countryPartsGraph
        // CIA World Factbook: Armenia–Turkey 311 km, Armenia–Georgia 219 km, Azerbaijan–Turkey 17 km.
        #expect(abs(try #require(graph.border("AM", "TR")).lengthKm - 311) / 311 < 0.10)
        #expect(abs(try #require(graph.border("AM", "GE")).lengthKm - 219) / 219 < 0.10)
        #expect(abs(try #require(graph.border("AZ-NX", "TR")).lengthKm - 17) / 17 < 0.10)
    }

    /// Pairs, kinds and lengths equal shapely's to the metre.
    @Test(arguments: [("province", "provinces-adjacency.csv"), ("country", "countries-adjacency.csv")])
    func agreesWithShapely(level: String, file: String) throws {
        let graph = level == "province" ? ShippedData.provinceGraph : ShippedData.countryPartsGraph
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
    /// (On the South Caucasus and the neighbours cut to its box: whole Iran
    /// and Turkey in tolerance mode take minutes in a debug build.)
    @Test func toleranceModeOnCleanDataAgreesWithExactMode() throws {
        let region = ["AM", "AZ-MAIN", "AZ-NX", "GE"]
        let all = atlas.territories(level: .country, splitExclaves: true)
        let box = try #require(all.filter { region.contains($0.id) }.compactMap(\.geometry.boundingBox).reduce(nil) { (a: BoundingBox?, b) in a.map { $0.union(b) } ?? b })
        let ring = [
            Coordinate(longitude: box.west, latitude: box.south), Coordinate(longitude: box.east, latitude: box.south),
            Coordinate(longitude: box.east, latitude: box.north), Coordinate(longitude: box.west, latitude: box.north),
            Coordinate(longitude: box.west, latitude: box.south),
        ]
        let center = Territory(id: "region", name: "region", level: .country, kind: "box", geometry: .polygon(Polygon(exterior: ring)))
        let countries = try all.around(center, marginMeters: 50)
        let exact = try AdjacencyEngine().graph(of: countries)
        let tolerant = try AdjacencyEngine(options: .init(toleranceMeters: 50)).graph(of: countries)
        func inRegion(_ b: Border) -> Bool { region.contains(b.a) || region.contains(b.b) }
        let e = exact.borders.filter(inRegion), t = tolerant.borders.filter(inRegion)
        #expect(e.count >= 10)
        #expect(e.map { [$0.a, $0.b] } == t.map { [$0.a, $0.b] })
        for (e, t) in zip(e, t) {
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
/// tripoints; the build measured with shapely that every point of that border
/// is within 474.66 m of it (geodata/crosscheck/build-report.json), so a
/// corridor 949.3 m wide or more covers the whole river border.
@Suite struct ShippedCorridorTests {
    let atlas = ShippedData.atlas

    func report(_ name: String, _ width: Double, _ options: CorridorOptions = .init()) throws -> CorridorReport {
        try CorridorAnalysis.analyze(CorridorSpec(try atlas.corridor(named: name), widthMeters: width), atlas: atlas, options: options)
    }

    @Test func theSyunikRouteTakesOnlySyunikAmongArmeniasProvinces() throws {
        let r = try report("syunik", 500)
        let armenian = try #require(r.level("province")).territories.filter { atlas.territory(id: $0.id)?.countryCode == "AM" }
        #expect(armenian.map(\.id) == ["AM-SU"])
        // Kapan, Syunik's capital, is in the main body; Yerevan is Armenia's.
        #expect(armenian[0].capital == "Kapan" && armenian[0].mainBodyBy == "capital")
        #expect(r.level("country")?.territories.first { $0.id == "AM" }?.capital == "Yerevan")
    }

    @Test func theSyunikRouteLinksMainlandAzerbaijanWithNakhchivan() throws {
        let r = try report("syunik", 1000)
        let link = try #require(r.level("country")?.links.first { $0.a == "AZ-MAIN" && $0.b == "AZ-NX" })
        // The route inside Armenia: 44.40 km (geodata build report, measured with pyproj).
        #expect(abs((link.routeKm ?? 0) - 44.40) < 0.1)
        // At 1 km the corridor covers the river border: Armenia and Iran no longer touch.
        let change = try #require(r.level("country")?.borders.first { $0.a == "AM" && $0.b == "IR" })
        // 45.927 km before: shapely (geodata/crosscheck/countries-adjacency.csv).
        #expect(abs(change.lengthBeforeKm - 45.927) < 0.001)
        #expect(change.severed)
        #expect(change.lengthAfterKm == 0)
        // Kept to the countries its route enters: nothing of Iran is taken.
        #expect(r.clip.keptTo == ["AM", "AZ-MAIN", "AZ-NX"])
        #expect(r.clip.clippedFrom.contains { $0.territory == "IR" })
        #expect(!(r.level("country")?.territories.contains { $0.id == "IR" } ?? true))
    }

    @Test func narrowerThanTheRiverBorderArmeniasMainBodyIsCutOffFromIranAll_the_same() throws {
        let r = try report("syunik", 500)
        let border = try #require(r.level("country")?.borders.first { $0.a == "AM" && $0.b == "IR" })
        #expect(!border.severed)
        // The whole border is left, all of it on the strip between the corridor and the river.
        #expect(abs(border.lengthAfterKm - border.lengthBeforeKm) < 0.001)
        #expect(border.aMainBodyKm == 0 && abs(border.aCutOffKm - 45.927) < 0.001)  // shapely's 45.927 km, all of it
        #expect(r.verdicts.contains { $0.kind == .cutOff && $0.territory == "AM" && $0.neighbor == "IR" })
        #expect(r.level("country")?.territories.contains { $0.id == "AM" && $0.split } ?? false)
    }

    @Test func theRouteThroughIranTakesNoArmenianTerritoryAndCutsIranOffFromArmenia() throws {
        let r = try report("iran", 1000)
        #expect(!(r.level("country")?.territories.contains { $0.id == "AM" } ?? true))
        #expect(r.level("country")?.links.contains { $0.a == "AZ-MAIN" && $0.b == "AZ-NX" } ?? false)
        let border = try #require(r.level("country")?.borders.first { $0.a == "AM" && $0.b == "IR" })
        #expect(!border.severed && border.bMainBodyKm == 0)
        #expect(r.verdicts.contains { $0.kind == .cutOff && $0.territory == "IR" && $0.neighbor == "AM" })
    }

    @Test func theSovereignReadingPutsTheBorderBehindTheCorridor() throws {
        let r = try report("syunik", 500, .init(model: .sovereign))
        #expect(r.verdicts.contains { $0.kind == .behindCorridor && $0.territory == "AM" && $0.neighbor == "IR" })
        #expect(!r.verdicts.contains { [.cutOff, .severed, .split].contains($0.kind) })
    }

    @Test func everyTerritoryHasACapitalInTheData() throws {
        let capitals = Set(atlas.places.flatMap(\.capitalOf))
        let missing = atlas.territories.map(\.id).filter { !capitals.contains($0) }
        #expect(missing.isEmpty, "no capital for \(missing)")
    }
}
