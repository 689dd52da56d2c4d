import Foundation
import Testing

@Suite struct InfoCommandTests {
    @Test func describesAFileFromStandardInput() throws {
        let cell = #"{"type":"Feature","id":"cell","properties":{"name":"cell"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}}"#
        let r = try CLI.run(["info", "--format", "json", "-"], stdin: cell)
        #expect(r.status == 0, "\(r.stderr)")
        // The 1°×1° cell at the equator, its edges a meridian and a parallel each way:
        // 12,308.463894 km² (Snyder's ellipsoidal quadrangle, by hand; see GeodesicTests).
        #expect(r.stdout.contains("\"area_km2\" : 12308.464"), "\(r.stdout)")
        #expect(r.stdout.contains("\"valid\" : true"))
    }

    /// A layer's fields are listed, so that a user can pick --id-field and
    /// --name-field (issue 28). World Borders 0.3's eleven fields, as GDAL's
    /// `ogrinfo -so` lists them (Tests/Fixtures/worldborders/README.md); every
    /// feature has each (the shapefile's `.dbf` has no nulls).
    @Test func theFieldsOfALayerAreListed() throws {
        let borders = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/worldborders/TM_WORLD_BORDERS-0.3.shp").path
        let r = try CLI.run(["info", borders, "--where", "ISO3 = 'IND'"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(
            r.stdout.contains(
                "  fields: AREA (number), FIPS (text), ISO2 (text), ISO3 (text), LAT (number), LON (number), NAME (text), POP2005 (number), REGION (number), SUBREGION (number), UN (number)\n"),
            "\(r.stdout)")
        let mixed = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"A1","n":1},"geometry":null},{"type":"Feature","properties":{"code":7},"geometry":null}]}"#
        let j = try CLI.run(["info", "--format", "json", "-"], stdin: mixed)
        #expect(j.stdout.contains(#""name" : "code","#) && j.stdout.contains(#""type" : "mixed""#), "\(j.stdout)")
        let t = try CLI.run(["info", "-"], stdin: mixed)
        #expect(t.stdout.contains("  fields: code (mixed), n (number, in 1)\n"), "\(t.stdout)")
    }

    /// An empty layer is refused here as everywhere else (issue 29): exit 1, said.
    @Test func anEmptyLayerIsAProblem() throws {
        let r = try CLI.run(["info", "-"], stdin: #"{"type":"FeatureCollection","features":[]}"#)
        #expect(r.status == 1)
        #expect(r.stderr.contains("no features; an empty layer has nothing to map or measure"), "\(r.stderr)")
    }

    @Test func invalidGeometryIsReportedWithExitOneAndRepairedOnRequest() throws {
        let bow = #"{"type":"Feature","id":"bow","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,1],[1,0],[0,1],[0,0]]]}}"#
        let r = try CLI.run(["info", "-"], stdin: bow)
        #expect(r.status == 1)
        #expect(r.stderr.contains("-, feature 0 (id \"bow\"): invalid geometry: Self-intersection at 0.500000,0.500000"))
        let fixed = try CLI.run(["info", "--repair", "-"], stdin: bow)
        #expect(fixed.status == 0)
        #expect(fixed.stdout.contains("make-valid: Self-intersection fixed; now MultiPolygon"))
    }

    @Test func badInputExitsOneWithTheFileNamed() throws {
        let dir = try CLI.temporaryDirectory()
        let empty = dir.appendingPathComponent("empty.geojson")
        try Data().write(to: empty)
        let r = try CLI.run(["info", empty.path])
        #expect(r.status == 1)
        #expect(r.stderr == "mapcli: error: \(empty.path): the file is empty; expected a GeoJSON object\n")
        #expect(r.stdout.isEmpty)
        let missing = try CLI.run(["info", "/nonexistent.geojson"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent.geojson: no such file"))
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try CLI.run(["info"]).status == 2)
        #expect(try CLI.run(["info", "--format", "xml", "x"]).status == 2)
        #expect(try CLI.run(["no-such-command"]).status == 2)
    }

    @Test func helpAndVersion() throws {
        let help = try CLI.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("Examples:"))
        let version = try CLI.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ".").count == 3)
    }
}
