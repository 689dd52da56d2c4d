import Foundation
import Testing

@testable import mapcli

/// `mapcli where` on a world layer (issue 28): the western and southern
/// hemispheres as the positional, points at sea. Expected figures: pyproj
/// (Tests/GeoTests/Analysis/LocatorTests.swift says how); Spain holds
/// -5.5,36.0 on this layer (shapely 2.2.0 `contains`).
@Suite struct WhereCommandTests {
    static let world = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/naturalearth/naturalearth_lowres.geojson").path
    /// `--repair`: Sudan's outline on this layer crosses itself (shapely agrees).
    static let layer = ["--data", world, "--id-field", "iso_a3", "--repair"]

    @Test func aNegativeLongitudeIsThePositional() throws {
        let r = try CLI.run(["where", "-5.5,36.0"] + Self.layer)
        #expect(r.status == 0, "\(r.stderr)")
        // A country layer (it has iso_a3) says "country", not "province".
        #expect(r.stdout.contains("in: Spain (ESP, country)"), "\(r.stdout)")
        // Options before and after the point, and `--` as the parser's own way, give the same answer.
        let after = try CLI.run(["where"] + Self.layer + ["-5.5,36.0", "--format", "json"])
        let dashes = try CLI.run(["where", "--format", "json"] + Self.layer + ["--", "-5.5,36.0"])
        #expect(after.status == 0 && after.stdout == dashes.stdout && after.stdout.contains("\"ESP\""), "\(after.stderr)")
    }

    @Test func aPointAtSeaWestOfGreenwichHasItsNearestTerritory() throws {
        let r = try CLI.run(["where", "-30,0", "--format", "json"] + Self.layer)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let nearest = try #require(json["nearest_territory"] as? [String: Any])
        #expect(nearest["id"] as? String == "BRA")
        let km = try #require(nearest["distance_km"] as? Double)
        #expect(abs(km - 838.934) <= 0.005, "\(km) km; pyproj 838.934")
    }

    /// Inside a territory of a layer whose neighbours do not align (World
    /// Borders 0.3, South, South-East and East Asia): `--tolerance` gives the
    /// distances to each border. shapely 2.2.0 and pyproj 3.7.2: the part of
    /// India's outline within 100 m of each neighbour, in an azimuthal
    /// equidistant projection centred on the point: Nepal 11.101 km,
    /// Bangladesh 13.004, Bhutan 66.458, China 91.757.
    @Test func aToleranceGivesTheBordersOnAMisalignedLayer() throws {
        let borders = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/worldborders/TM_WORLD_BORDERS-0.3.shp").path
        let layer = ["--data", borders, "--id-field", "ISO3", "--name-field", "NAME", "--where", "SUBREGION IN (30, 34, 35)"]
        let r = try CLI.run(["where", "88.3,26.7", "--format", "json", "--tolerance", "100m"] + layer)
        #expect(r.status == 0, "\(r.stderr)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let rows = try #require(json["nearest_borders"] as? [[String: Any]])
        let km = Dictionary(uniqueKeysWithValues: rows.map { ($0["neighbor_id"] as? String ?? "", $0["distance_km"] as? Double ?? -1) })
        for (id, expected) in [("NPL", 11.101), ("BGD", 13.004), ("BTN", 66.458), ("CHN", 91.757)] {
            #expect(abs((km[id] ?? -1) - expected) <= 0.005, "\(id): \(km[id] ?? -1) km; shapely \(expected)")
        }
        let exact = try CLI.run(["where", "88.3,26.7"] + layer)
        #expect(exact.status == 1 && exact.stderr.contains("use --tolerance"), "\(exact.stderr)")
    }

    @Test func anOptionThatIsNoPointIsStillAUsageError() throws {
        let r = try CLI.run(["where", "-x"] + Self.layer)
        #expect(r.status == 2, "\(r.stderr)")
    }

    /// The same layer reprojected by GDAL's ogr2ogr to EPSG:3035 (Europe's
    /// equal-area CRS, which gives Fiji's -180 back as 180 and Antarctica's
    /// pole back at -170) and to EPSG:3857 (180.00000000000003 after the round
    /// trip) gives the WGS84 layer's answers.
    @Test(arguments: ["EPSG:3035", "EPSG:3857"])
    func aReprojectedCopyGivesTheSameAnswers(crs: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("where-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("world.gpkg").path
        let ogr = Process()
        ogr.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        ogr.arguments = ["ogr2ogr", "-f", "GPKG", "-t_srs", crs, copy, Self.world]
        ogr.standardError = FileHandle.nullDevice
        try ogr.run()
        ogr.waitUntilExit()
        try #require(ogr.terminationStatus == 0, "ogr2ogr (gdal-bin, make test-deps) failed")
        for point in ["-30,0", "2.0,51.2", "0,89", "179.9,72.5", "-5.5,36.0"] {
            let wgs84 = try CLI.run(["where", point, "--format", "json"] + Self.layer)
            let projected = try CLI.run(["where", point, "--format", "json", "--data", copy, "--id-field", "iso_a3", "--repair"])
            #expect(projected.status == 0, "\(crs) \(point): \(projected.stderr)")
            let a = try JSONSerialization.jsonObject(with: Data(wgs84.stdout.utf8)) as? [String: Any]
            let b = try JSONSerialization.jsonObject(with: Data(projected.stdout.utf8)) as? [String: Any]
            let nearA = a?["nearest_territory"] as? [String: Any], nearB = b?["nearest_territory"] as? [String: Any]
            #expect(nearA?["id"] as? String == nearB?["id"] as? String, "\(crs) \(point)")
            let kmA = nearA?["distance_km"] as? Double ?? 0, kmB = nearB?["distance_km"] as? Double ?? 0
            #expect(abs(kmA - kmB) <= 0.002, "\(crs) \(point): \(kmB) km, WGS84 layer \(kmA) km")
            let inA = (a?["contained_in"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            let inB = (b?["contained_in"] as? [[String: Any]])?.compactMap { $0["id"] as? String }
            #expect(inA == inB, "\(crs) \(point)")
        }
    }

    /// India's neighbours on this layer, by shapely 2.2.0 (`intersects`, and
    /// the shared boundary a line: all six share an edge): Bangladesh, Bhutan,
    /// China, Myanmar, Nepal, Pakistan. A one-level layer's answer names no
    /// level ("India (IND): 6 neighbours", not "all level").
    @Test func neighboursOnAWorldLayerNameNoLevel() throws {
        let r = try CLI.run(["neighbors", "India"] + Self.layer)
        #expect(r.status == 0, "\(r.stderr)")
        let first = r.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(first.hasPrefix("India (IND): 6 neighbours, "), "\(first)")
        #expect(!r.stdout.contains("all level"))
        for id in ["BGD", "BTN", "CHN", "MMR", "NPL", "PAK"] {
            #expect(r.stdout.contains(" \(id) "), "\(id) missing: \(r.stdout)")
        }
    }

    /// Suggestions by whole words: "Korea" names no territory of this layer,
    /// and both "North Korea" and "South Korea" hold the word.
    @Test func aWordOfANameIsSuggested() throws {
        let r = try CLI.run(["neighbors", "Korea"] + Self.layer)
        #expect(r.status == 1)
        #expect(r.stderr.contains("no territory named \"Korea\"; did you mean \"North Korea (PRK)\", \"South Korea (KOR)\"?"), "\(r.stderr)")
    }

    /// The same layer with its name field called NAME: the error says that
    /// names are the ids and lists the fields there are.
    @Test func aLayerWithoutANameFieldSaysWhichFieldsItHas() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("where-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("NAME.geojson").path
        let text = try String(contentsOfFile: Self.world, encoding: .utf8).replacingOccurrences(of: ", \"name\": ", with: ", \"NAME\": ")
        try text.write(toFile: copy, atomically: true, encoding: .utf8)
        let r = try CLI.run(["neighbors", "India", "--data", copy, "--id-field", "iso_a3", "--repair"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("no territory named \"India\": this layer has no \"name\" field, so its territories are named by their ids (its fields: NAME, continent, gdp_md_est, iso_a3, pop_est); give the field of names with --name-field"), "\(r.stderr)")
        let named = try CLI.run(["neighbors", "India", "--data", copy, "--id-field", "iso_a3", "--name-field", "NAME", "--repair"])
        #expect(named.status == 0 && named.stdout.hasPrefix("India (IND): 6 neighbours"), "\(named.stderr)")
    }

    /// `--exclaves` is never ignored: with a layer of one level it is refused.
    @Test func exclavesWithALayerOfYourOwnIsRefusedNotIgnored() throws {
        for command in [["territories"], ["adjacency"]] {
            let r = try CLI.run(command + ["--exclaves"] + Self.layer)
            #expect(r.status == 1, "\(command)")
            #expect(r.stderr.contains("--exclaves lists the shipped countries' parts apart"), "\(command): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }
}
