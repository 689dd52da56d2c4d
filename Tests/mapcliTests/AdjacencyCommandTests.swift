import Foundation
import Testing

/// The adjacency commands, run as a user would on the shipped geodata/.
@Suite struct AdjacencyCommandTests {
    @Test func neighborsOfSyunik() throws {
        let r = try CLI.run(["neighbors", "Syunik"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Syunik (AM-SU), province level: 7 neighbours"))
        #expect(r.stdout.contains("East Azerbaijan  IR-03   edge      45.93"))
        let csv = try CLI.run(["neighbors", "Syunik", "--format", "csv"])
        #expect(csv.stdout.split(separator: "\n").first == "id,name,neighbor_id,neighbor_name,contact,length_km,published_km,published_diff_pct,published_source")
    }

    @Test func borderArmeniaIran() throws {
        let r = try CLI.run(["border", "Armenia", "Iran", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(json["a"] as? String == "AM")
        #expect(json["b"] as? String == "IR")
        #expect(json["contact"] as? String == "edge")
        let km = try #require(json["length_km"] as? Double)
        #expect(abs(km - 44) / 44 < 0.10)  // published: 44 km
        #expect(json["segments"] as? Int == 1)
        let text = try CLI.run(["border", "Armenia", "Iran"])
        #expect(text.stdout.contains("length:    45.93 km (geodesic, WGS84)"))
    }

    @Test func pathFromNakhchivanToMainlandAzerbaijan() throws {
        let r = try CLI.run(["path", "Nakhchivan", "Mainland Azerbaijan", "--avoid", "Armenia", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(json["linked"] as? Bool == true)
        #expect(json["paths"] as? [[String]] == [["AZ-NX", "IR", "AZ-MAIN"]])
    }

    @Test func adjacencyFormats() throws {
        let csv = try CLI.run(["adjacency", "--level", "country", "--exclaves", "--format", "csv"])
        #expect(csv.status == 0)
        #expect(csv.stdout.contains("AM,Armenia,IR,Iran,edge,45.927,1\n"))
        // 13 borders (shapely: geodata/crosscheck/countries-adjacency.csv) and the header.
        #expect(csv.stdout.split(separator: "\n").count == 14)
        let dot = try CLI.run(["adjacency", "--level", "country", "--format", "dot"])
        #expect(dot.stdout.hasPrefix("graph adjacency {"))
        #expect(dot.stdout.contains("\"AM\" -- \"IR\" [label=\"45.93 km\"];"))
        let dir = try CLI.temporaryDirectory()
        let out = dir.appendingPathComponent("borders.geojson").path
        let geo = try CLI.run(["adjacency", "--level", "country", "--format", "geojson", "-o", out])
        #expect(geo.status == 0)
        let written = try String(contentsOfFile: out, encoding: .utf8)
        #expect(written.contains("\"a_name\":\"Armenia\""))
        #expect(written.contains("\"length_km\":45.927"))
        #expect(!written.contains("\"crs\""))
    }

    @Test func userDataWithATolerance() throws {
        // Two 0.01° squares 0.00005° (≈ 4.3 m at 39°N) apart: neighbours only with a tolerance.
        let data = """
            {"type":"FeatureCollection","features":[
            {"type":"Feature","properties":{"code":"A","label":"West"},"geometry":{"type":"Polygon","coordinates":[[[46,39],[46.01,39],[46.01,39.01],[46,39.01],[46,39]]]}},
            {"type":"Feature","properties":{"code":"B","label":"East"},"geometry":{"type":"Polygon","coordinates":[[[46.01005,39],[46.02,39],[46.02,39.01],[46.01005,39.01],[46.01005,39]]]}}]}
            """
        let exact = try CLI.run(["adjacency", "--data", "-", "--id-field", "code", "--format", "csv"], stdin: data)
        #expect(exact.status == 0, "\(exact.stderr)")
        #expect(exact.stdout == "a,a_name,b,b_name,contact,length_km,segments\n")
        let tolerant = try CLI.run(["adjacency", "--data", "-", "--id-field", "code", "--name-field", "label", "--tolerance", "10m", "--format", "csv"], stdin: data)
        #expect(tolerant.status == 0, "\(tolerant.stderr)")
        // 0.01° of meridian from 39.00°N to 39.01°N: 1,110.156 m (GeographicLib's algorithm as pyproj
        // 3.7.2 runs it: Geod(ellps="WGS84").inv(46.01, 39, 46.01, 39.01)), 1.110 km at 3 decimals.
        #expect(tolerant.stdout.contains("A,West,B,East,edge,1.110,1"))
    }

    @Test func badInputToAdjacency() throws {
        let points = #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"p","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}]}"#
        let r = try CLI.run(["adjacency", "--data", "-"], stdin: points)
        #expect(r.status == 1)
        #expect(r.stderr.contains("-, feature 0 (id \"p\"): the geometry is a Point; territories must be Polygon or MultiPolygon"))
        let square = #"{"type":"Feature","properties":{"id":"%@"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}}"#
        let dup = "{\"type\":\"FeatureCollection\",\"features\":[" + square.replacingOccurrences(of: "%@", with: "x") + "," + square.replacingOccurrences(of: "%@", with: "x") + "]}"
        let d = try CLI.run(["adjacency", "--data", "-"], stdin: dup)
        #expect(d.status == 1)
        #expect(d.stderr.contains("duplicate id \"x\""))
        let overlap = "{\"type\":\"FeatureCollection\",\"features\":[" + square.replacingOccurrences(of: "%@", with: "x") + "," + square.replacingOccurrences(of: "%@", with: "y").replacingOccurrences(of: "[[[0,0],[1,0]", with: "[[[0.5,0],[1,0]").replacingOccurrences(of: "[0,1],[0,0]]]", with: "[0.5,1],[0.5,0]]]") + "]}"
        let o = try CLI.run(["adjacency", "--data", "-"], stdin: overlap)
        #expect(o.status == 1)
        #expect(o.stderr.contains("overlap by"))
        #expect(o.stderr.contains("--tolerance"))
    }

    @Test func unknownNamesGetSuggestions() throws {
        let r = try CLI.run(["neighbors", "Synuik"])
        #expect(r.status == 1)
        #expect(r.stderr == "mapcli: error: no territory named \"Synuik\"; did you mean \"Syunik (AM-SU)\"?\n")
    }

    @Test func territoriesAndWhere() throws {
        let t = try CLI.run(["territories", "--level", "province", "--country", "Armenia", "--format", "csv"])
        #expect(t.status == 0)
        #expect(t.stdout.split(separator: "\n").count == 12)
        #expect(t.stdout.contains("AM-SU,Syunik,Սյունիք,province,province,AM,AM,false,false,4466.3"))
        let w = try CLI.run(["where", "Kapan"])
        #expect(w.status == 0, "\(w.stderr)")
        #expect(w.stdout.contains("in: Armenia (AM, country) › Syunik (AM-SU, province)"))
        let iranLine = w.stdout.split(separator: "\n").first { $0.contains(" IR ") }
        #expect(iranLine?.contains(" 32.56 ") == true)
        // Baku latitude first: 49.867 N lies north of the data, 40.409 N is Baku.
        let swapped = try CLI.run(["where", "40.40930,49.86700"])
        #expect(swapped.stderr.contains("did you give latitude first?"))
        let bad = try CLI.run(["where", "46.4,95"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("is not LON,LAT"))
    }

    @Test func toleranceMustBeALength() throws {
        #expect(try CLI.run(["adjacency", "--tolerance", "0.001deg"]).status == 2)
        #expect(try CLI.run(["adjacency", "--tolerance", "-5m"]).status == 2)
        #expect(try CLI.run(["adjacency", "--mode", "bishop"]).status == 2)
    }

    @Test func anOutputThatCannotBeWrittenLeavesNothingBehind() throws {
        let dir = try CLI.temporaryDirectory()
        let target = dir.appendingPathComponent("missing/borders.geojson").path
        let r = try CLI.run(["adjacency", "--level", "country", "--format", "geojson", "-o", target])
        #expect(r.status == 1)
        #expect(r.stderr.contains("\(target): cannot write: the folder"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        // An existing file is replaced whole, and no temporary file is left.
        let existing = dir.appendingPathComponent("borders.csv").path
        try "old\n".write(toFile: existing, atomically: false, encoding: .utf8)
        #expect(try CLI.run(["adjacency", "--level", "country", "--format", "csv", "-o", existing]).status == 0)
        #expect(try String(contentsOfFile: existing, encoding: .utf8).hasPrefix("a,a_name,b,b_name"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["borders.csv"])
    }
}

/// Output to a device is written in place, never renamed over it.
@Suite struct DeviceOutputTests {
    @Test func writingToDevNullLeavesItADevice() throws {
        let r = try CLI.run(["adjacency", "--level", "country", "--format", "csv", "-o", "/dev/null"])
        #expect(r.status == 0, "\(r.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: "/dev/null")
        #expect(attributes[.type] as? FileAttributeType == .typeCharacterSpecial)
    }
}
