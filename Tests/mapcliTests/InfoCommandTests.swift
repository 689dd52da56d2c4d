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
