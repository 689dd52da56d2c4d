import Foundation
import Testing

/// GIS files in and out through GDAL, on the shipped data: what mapcli
/// writes as GeoPackage, FlatGeobuf or Shapefile, mapcli (and GDAL) read
/// back with the same figures as its GeoJSON; the format follows -o.
@Suite struct GISFormatsTests {
    @Test func bordersWrittenAsGeoPackageReadBackWithTheGeoJSONLengths() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gpkg = dir.appendingPathComponent("borders.gpkg").path
        let written = try CLI.run(["adjacency", "--level", "country", "-o", gpkg])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stderr.contains("wrote \(gpkg): layer borders ("), "\(written.stderr)")
        let fromGPKG = try CLI.run(["info", gpkg, "--format", "json"])
        #expect(fromGPKG.status == 0, "\(fromGPKG.stderr)")
        let geojson = try CLI.run(["adjacency", "--level", "country", "--format", "geojson"])
        let file = dir.appendingPathComponent("borders.geojson")
        try geojson.stdout.write(to: file, atomically: true, encoding: .utf8)
        let fromGeoJSON = try CLI.run(["info", file.path, "--format", "json"])
        // The same lines, so the same geodesic lengths per feature (info measures them).
        func lengths(_ json: String) throws -> [String: Double] {
            let root = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
            let features = ((root["files"] as! [[String: Any]])[0]["features"] as! [[String: Any]])
            return Dictionary(uniqueKeysWithValues: features.map { ($0["id"] as? String ?? "?", $0["length_km"] as? Double ?? -1) })
        }
        let a = try lengths(fromGPKG.stdout), b = try lengths(fromGeoJSON.stdout)
        #expect(a.count == 11 && a.keys.sorted() == b.keys.sorted())
        for (id, km) in a { #expect(abs(km - (b[id] ?? 0)) < 1e-6, "\(id)") }
    }

    /// An existing GeoPackage is not replaced without --overwrite (issue 29):
    /// it may hold layers and views of its own, and writing replaces the file.
    @Test func anExistingGeoPackageIsReplacedOnlyWhenAsked() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gpkg = dir.appendingPathComponent("mine.gpkg").path
        #expect(try CLI.run(["adjacency", "--level", "country", "-o", gpkg]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: gpkg))
        let again = try CLI.run(["adjacency", "--level", "country", "-o", gpkg])
        #expect(again.status == 2 && again.stderr.contains("exists: a GeoPackage may hold other layers and views"), "\(again.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: gpkg)) == before, "untouched")
        #expect(try CLI.run(["adjacency", "--level", "country", "-o", gpkg, "--overwrite"]).status == 0)
    }

    @Test func theMapAsShapefilesOneFamilyPerFile() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["map", "--corridor", "syunik", "--focus", "Syunik", "-o", dir.appendingPathComponent("m.shp").path])
        #expect(r.status == 0, "\(r.stderr)")
        let made = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".shp") }.sorted()
        #expect(made == ["m.shp", "m_lines.shp", "m_points.shp"])
        // Kapan is among the towns, read back through GDAL.
        let points = try CLI.run(["info", dir.appendingPathComponent("m_points.shp").path])
        #expect(points.stdout.contains("place:kapan"), "\(points.stdout)")
    }

    @Test func binaryFormatsNeedAFileAndTheExtensionDecides() throws {
        let r = try CLI.run(["adjacency", "--format", "gpkg"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("--format gpkg is a file format: give -o FILE.gpkg"))
        let clash = try CLI.run(["border", "Armenia", "Iran", "--format", "geojson", "-o", "/tmp/x.fgb"])
        #expect(clash.status == 2)
        #expect(clash.stderr.contains("disagree"))
    }

    @Test func aGeoPackageLayerIsDataForEveryCommand() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Provinces written by mapcli's own map command as a GeoPackage: its polygon layer is the input.
        let gpkg = dir.appendingPathComponent("m.gpkg").path
        #expect(try CLI.run(["map", "--level", "province", "-o", gpkg]).status == 0)
        let several = try CLI.run(["neighbors", "--data", gpkg, "Syunik"])
        #expect(several.status == 1)
        #expect(several.stderr.contains("has 3 layers (m, m_lines, m_points); choose one with --layer"), "\(several.stderr)")
        let r = try CLI.run(["neighbors", "--data", gpkg, "--layer", "m", "--id-field", "id", "--name-field", "title", "Syunik", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        // Syunik's neighbours and lengths in the shipped data, the same through the GeoPackage
        // (the map's polygons are the shipped ones, clipped to the view far from Syunik).
        let shipped = try CLI.run(["neighbors", "Syunik", "--format", "csv"])
        func rows(_ s: String) -> [String] { s.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).prefix(6).joined(separator: ",") } }
        #expect(rows(r.stdout) == rows(shipped.stdout))
        #expect(rows(r.stdout).count == 8)
    }
}
