import Foundation
import Testing

/// Command-line conventions (issue 14): each fails here if it breaks.
@Suite struct ConventionsTests {
    static let cells = CLI.packageRoot.appendingPathComponent("Tests/mapcliTests/Golden/two-cells-at-greenwich.geojson").path

    @Test func dataTakesOneFilePerFlagSoPositionalsWorkAfterIt() throws {
        let r = try CLI.run(["neighbors", "--data", Self.cells, "a"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("A (a): 1 neighbour"), "a one-level layer names no level (issue 28)")
        let twice = try CLI.run(["neighbors", "--data", Self.cells, "--data", Self.cells, "a"])
        #expect(twice.status == 1)
        #expect(twice.stderr.contains("duplicate id \"a\""))
    }

    @Test func negativeCoordinatesAndValuesAreValuesNotOptions() throws {
        let r = try CLI.run(["corridor", "--data", Self.cells, "--route", "-0.15,0.1;0.15,0.1", "--width", "1km"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1000 m wide"))
        let width = try CLI.run(["corridor", "syunik", "--width", "-1km"])
        #expect(width.status == 2)
        #expect(width.stderr.contains("the width must be positive, not -1km"))
        let piece = try CLI.run(["corridor", "syunik", "--min-piece", "-1km2"])
        #expect(piece.status == 2)
        #expect(piece.stderr.contains("--min-piece must be an area"))
        #expect(!width.stderr.contains("Missing value") && !piece.stderr.contains("Missing value"))
    }

    @Test func aLengthWithoutAUnitIsRefusedWithAHint() throws {
        for args in [["corridor", "syunik", "--width", "1"], ["adjacency", "--tolerance", "50"], ["corridor", "syunik", "--widths", "500,1km"]] {
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains("has no unit: write"), "\(args): \(r.stderr)")
        }
    }

    @Test func aFieldThatNoFeatureHasIsAnError() throws {
        let name = try CLI.run(["adjacency", "--data", Self.cells, "--name-field", "bogus"])
        #expect(name.status == 1)
        #expect(name.stderr.contains("no feature has the property \"bogus\" (given with --name-field); their properties: code, name"))
        let id = try CLI.run(["adjacency", "--data", Self.cells, "--id-field", "bogus"])
        #expect(id.status == 1)
        #expect(id.stderr.contains("has no property \"bogus\" (given with --id-field)"))
        #expect(try CLI.run(["adjacency", "--data", Self.cells, "--id-field", "code"]).status == 0)
    }

    /// Nakhchivan reaches mainland Azerbaijan through Armenia or through Iran:
    /// two shortest paths; a cap of one says that there are more.
    @Test func aCapOnResultsIsStatedAndCanBeRaised() throws {
        let capped = try CLI.run(["path", "Nakhchivan", "Mainland Azerbaijan", "--max-paths", "1"])
        #expect(capped.status == 0, "\(capped.stderr)")
        #expect(capped.stdout.contains("the first 1 shortest paths only; there are more (--max-paths raises the cap)"))
        let json = try CLI.run(["path", "Nakhchivan", "Mainland Azerbaijan", "--format", "json"])
        let o = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect((o["paths"] as? [[String]])?.count == 2)
        #expect(o["paths_truncated"] as? Bool == false)
        #expect(o["max_paths"] as? Int == 20)
    }

    /// One name for the human format (text) and one default level (province).
    @Test func oneHumanFormatNameAndOneDefaultLevel() throws {
        for command in [["neighbors", "Syunik"], ["territories"], ["adjacency"], ["where", "Kapan"], ["path", "Syunik", "Lori"]] {
            let r = try CLI.run(command + ["--format", "text"])
            #expect(r.status == 0, "\(command): \(r.stderr)")
            #expect(try CLI.run(command + ["--format", "table"]).status == 2, "\(command)")
        }
        let list = try CLI.run(["territories"])
        #expect(list.stdout.split(separator: "\n").contains { $0.hasPrefix("AM-SU ") })
        let table = try CLI.run(["adjacency"])
        #expect(table.stdout.contains("(province level)"))
    }

    /// -o on every command that answers; the extension picks the format.
    @Test func everyCommandWritesToTheFileItsExtensionNames() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let commands: [([String], String, String)] = [
            (["info", "geodata/corridors.geojson"], "json", "{"), (["territories"], "csv", "id,name,"),
            (["where", "Kapan"], "json", "{"), (["neighbors", "Syunik"], "txt", "Syunik (AM-SU)"),
            (["border", "Armenia", "Iran"], "geojson", "{\"type\":\"FeatureCollection\""),
            (["adjacency", "--level", "country"], "geojson", "{\"type\":\"FeatureCollection\""),
            (["adjacency", "--level", "country"], "gv", "graph adjacency {"), (["path", "Ordubad", "Lori"], "json", "{"),
            (["corridor", "syunik"], "json", "{"), (["corridor", "compare", "syunik", "iran"], "txt", "Corridor"),
            (["map", "--corridor", "syunik"], "svg", "<?xml"),
        ]
        for (args, ext, start) in commands {
            let file = dir.appendingPathComponent("out.\(ext)").path
            let r = try CLI.run(args + ["-o", file])
            #expect(r.status == 0, "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty, "\(args) wrote to standard output too")
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.hasPrefix(start), "\(args) -o .\(ext): \(text.prefix(60))")
            try FileManager.default.removeItem(atPath: file)
        }
    }

    @Test func anExtensionItCannotWriteOrThatDisagreesIsAUsageError() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (args, words) in [
            (["neighbors", "Syunik", "-o", "n.gpkg"], "cannot write .gpkg files; it writes text (.txt), json (.json), csv (.csv)"),
            (["adjacency", "-o", "borders.kml"], "cannot write .kml files; it writes text (.txt), json (.json), csv (.csv), geojson (.geojson), gpkg (.gpkg), fgb (.fgb), shp (.shp), dot (.dot, .gv)"),
            (["map", "-o", "map.kml"], "cannot write .kml files"), (["map", "-o", "map.jpg"], "cannot write .jpg files"),
            (["map", "--format", "svg", "-o", "x.png"], "--format svg and -o"), (["map", "-o", "noextension"], "has no extension"),
            (["neighbors", "Syunik", "--format", "csv", "-o", "n.json"], "disagree: a .json file is json"),
        ] {
            let out = dir.appendingPathComponent(args.last!).path
            let r = try CLI.run(Array(args.dropLast()) + [out])
            #expect(r.status == 2, "\(args)")
            #expect(r.stderr.contains(words), "\(args): \(r.stderr)")
            #expect(!FileManager.default.fileExists(atPath: out), "\(args) left a file")
        }
    }

    /// GIS outputs: scalar properties only, one geometry type in the border
    /// layer, no consecutive repeated positions after rounding, --precision
    /// honoured. (Checked by hand here; scripts/test-ogr2ogr.sh converts them.)
    @Test func gisOutputsAreCleanLayers() throws {
        func features(_ args: [String]) throws -> [[String: Any]] {
            let r = try CLI.run(args)
            #expect(r.status == 0, "\(args): \(r.stderr)")
            let o = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
            return try #require(o["features"] as? [[String: Any]])
        }
        let borders = try features(["adjacency", "--format", "geojson", "--precision", "3"])
        #expect(borders.count > 500)
        var repeated = 0, tooPrecise = 0
        for f in borders {
            let g = try #require(f["geometry"] as? [String: Any])
            #expect(g["type"] as? String == "MultiLineString")
            for line in try #require(g["coordinates"] as? [[[Double]]]) {
                for (a, b) in zip(line, line.dropFirst()) where a == b { repeated += 1 }
                for p in line where p.contains(where: { abs(($0 * 1000).rounded() - $0 * 1000) > 1e-6 }) { tooPrecise += 1 }
            }
        }
        #expect(repeated == 0)
        #expect(tooPrecise == 0)
        for args in [["map", "--corridor", "syunik", "--format", "geojson"], ["corridor", "syunik", "--format", "geojson"], borders.isEmpty ? [] : ["border", "Armenia", "Iran", "--format", "geojson"]] {
            for f in try features(args) {
                for (k, v) in try #require(f["properties"] as? [String: Any]) {
                    #expect(!(v is [Any]) && !(v is [String: Any]), "\(args): property \(k) is not a scalar")
                }
            }
        }
    }

    /// Issue 29: work and limits bounded before they are spent. 51 widths on two small
    /// squares ran (51 corridor analyses and a critical-width search) and 1,000 on the
    /// shipped data ran for minutes; now a usage error says the cap. The input limit in
    /// bytes wrapped for --max-input-mb 9223372036854775807 and refused every file.
    @Test func widthsAndInputLimitsAreBounded() throws {
        let squares = CLI.packageRoot.appendingPathComponent("Tests/mapcliTests/Golden/two-squares.geojson").path
        let widths = (1...51).map { "\($0 * 10)m" }.joined(separator: ",")
        let many = try CLI.run(["corridor", "--data", squares, "--route", "10.05,50.05;10.15,50.05", "--widths", widths])
        #expect(many.status == 2)
        #expect(many.stderr.contains("--widths takes at most 50 widths (51 given)"), "\(many.stderr)")
        let fifty = (1...50).map { "\($0 * 10)m" }.joined(separator: ",")
        #expect(try CLI.run(["corridor", "--data", squares, "--route", "10.05,50.05;10.15,50.05", "--widths", fifty, "--format", "json"]).status == 0)
        let huge = try CLI.run(["info", "--max-input-mb", "9223372036854775807", squares])
        #expect(huge.status == 2)
        #expect(huge.stderr.contains("--max-input-mb must be at most 8796093022207 (8 EiB)"), "\(huge.stderr)")
        #expect(try CLI.run(["info", "--max-input-mb", "8796093022207", squares]).status == 0)
    }
}
