import Foundation
import Testing

/// The adjacency commands, run as a user would on the shipped geodata/.
@Suite struct AdjacencyCommandTests {
    @Test func neighborsOfSyunik() throws {
        let r = try CLI.run(["neighbors", "Syunik"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("Syunik (AM-SU), province level: 7 neighbours"))
        // Syunik–East Azerbaijan is the whole Armenia–Iran border: 45.93 km for shapely
        // (geodata/crosscheck/provinces-adjacency.csv, AM-SU,IR-03).
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
        // 45.927 km: shapely (geodata/crosscheck/countries-adjacency.csv), as below.
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

    /// shapely's pairs, kinds and lengths (geodata/crosscheck/countries-adjacency.csv,
    /// scripts/crosscheck_adjacency.py), keyed "a|b".
    static func shapelyCountryBorders() throws -> [String: (contact: String, km: Double)] {
        let csv = try String(contentsOf: CLI.packageRoot.appendingPathComponent("geodata/crosscheck/countries-adjacency.csv"), encoding: .utf8)
        var rows: [String: (String, Double)] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",").map(String.init)
            rows["\(f[0])|\(f[1])"] = (f[2], Double(f[3])!)
        }
        return rows
    }

    /// `adjacency --format json`, read with Foundation's JSON parser (not mapcli's
    /// types), says what shapely says: the same 13 pairs, kinds and lengths to 1 m.
    @Test func jsonReadBackAgreesWithShapely() throws {
        let r = try CLI.run(["adjacency", "--level", "country", "--exclaves", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let borders = try #require(root["borders"] as? [[String: Any]])
        let expected = try Self.shapelyCountryBorders()
        #expect(root["border_count"] as? Int == expected.count && borders.count == expected.count)
        for b in borders {
            let key = "\(b["a"] as? String ?? "")|\(b["b"] as? String ?? "")"
            let e = try #require(expected[key], "\(key) is not a border for shapely")
            #expect(b["contact"] as? String == e.contact, "\(key)")
            #expect(abs((b["length_km"] as? Double ?? -1) - e.km) <= 0.001, "\(key)")
        }
    }

    /// `adjacency --format geojson` read as RFC 7946 says, by this test's own reading:
    /// a FeatureCollection without "crs", positions [lon, lat] in range, one
    /// (Multi)LineString per border; each feature's length_km is shapely's, and the
    /// length of the lines it carries, summed here with the local radii of curvature
    /// of WGS84 at each segment's middle (edges straight in longitude/latitude, as
    /// the README says; exact to ~1e-9 for segments this short), is that length too
    /// (within 0.05 %: the coordinates are rounded to 6 decimals).
    @Test func geoJSONReadAsRFC7946AgreesWithShapely() throws {
        let r = try CLI.run(["adjacency", "--level", "country", "--exclaves", "--format", "geojson"])
        #expect(r.status == 0, "\(r.stderr)")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(root["type"] as? String == "FeatureCollection")
        #expect(root["crs"] == nil)
        let features = try #require(root["features"] as? [[String: Any]])
        let expected = try Self.shapelyCountryBorders()
        #expect(features.count == expected.count)
        let a = 6_378_137.0, f = 1 / 298.257223563, e2 = f * (2 - f)
        func meters(_ p: [Double], _ q: [Double]) -> Double {
            let phi = (p[1] + q[1]) / 2 * .pi / 180
            let w = 1 - e2 * sin(phi) * sin(phi)
            let m = a * (1 - e2) / pow(w, 1.5), n = a / w.squareRoot()
            let dx = (q[0] - p[0]) * .pi / 180 * n * cos(phi), dy = (q[1] - p[1]) * .pi / 180 * m
            return (dx * dx + dy * dy).squareRoot()
        }
        for feature in features {
            #expect(feature["type"] as? String == "Feature")
            let props = try #require(feature["properties"] as? [String: Any])
            let key = "\(props["a"] as? String ?? "")|\(props["b"] as? String ?? "")"
            let e = try #require(expected[key], "\(key) is not a border for shapely")
            let km = try #require(props["length_km"] as? Double)
            #expect(abs(km - e.km) <= 0.001, "\(key)")
            let geometry = try #require(feature["geometry"] as? [String: Any])
            let lines: [[[Double]]]
            switch geometry["type"] as? String {
            case "LineString": lines = [try #require(geometry["coordinates"] as? [[Double]])]
            case "MultiLineString": lines = try #require(geometry["coordinates"] as? [[[Double]]])
            default: Issue.record("\(key): a border is a (Multi)LineString, not \(geometry["type"] ?? "nothing")"); continue
            }
            var total = 0.0
            for line in lines {
                #expect(line.count >= 2, "\(key): a LineString has two positions or more (RFC 7946 §3.1.4)")
                for p in line { #expect(p.count == 2 && (-180...180).contains(p[0]) && (-90...90).contains(p[1]), "\(key): \(p)") }
                for (p, q) in zip(line, line.dropFirst()) { total += meters(p, q) }
            }
            #expect(abs(total / 1000 - e.km) <= max(0.0005 * e.km, 0.002), "\(key): lines sum to \(total / 1000) km, shapely \(e.km) km")
        }
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
        // 4,466.3 km²: Syunik's area measured by geodata/build.py with pyproj (crosscheck/build-report.json).
        #expect(t.stdout.contains("AM-SU,Syunik,Սյունիք,province,province,AM,AM,false,false,4466.3"))
        let w = try CLI.run(["where", "Kapan"])
        #expect(w.status == 0, "\(w.stderr)")
        #expect(w.stdout.contains("in: Armenia (AM, country) › Syunik (AM-SU, province)"))
        let iranLine = w.stdout.split(separator: "\n").first { $0.contains(" IR ") }
        // 32.56 km: shapely + pyproj in geodata/build.py (crosscheck/build-report.json, kapan_to_am_ir_border_km).
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

    /// A 30 × 30 grid of 0.01° squares with one square cut in two, whose halves' corners lie on
    /// their east and west neighbours' sides (two T-junctions): the table header says the layer
    /// is not a clean coverage around those 4 territories (counted by hand) and why, and the
    /// answer is the GEOS path's (compared byte for byte).
    @Test func aFlawedLayerSaysAroundHowManyTerritoriesItFellBack() throws {
        var features: [String] = []
        func square(_ id: String, _ x: Double, _ y: Double, _ w: Double, _ h: Double) -> String {
            let ring = [(x, y), (x + w, y), (x + w, y + h), (x, y + h), (x, y)].map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
            return #"{"type":"Feature","id":"\#(id)","properties":{},"geometry":{"type":"Polygon","coordinates":[[\#(ring)]]}}"#
        }
        for r in 0..<30 {
            for c in 0..<30 {
                let (x, y) = (44 + Double(c) / 100, 39 + Double(r) / 100)
                if r == 12 && c == 7 {
                    features += [square("half-s", x, y, 0.01, 0.005), square("half-n", x, y + 0.005, 0.01, 0.005)]
                } else {
                    features.append(square("r\(r)c\(c)", x, y, 0.01, 0.01))
                }
            }
        }
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("grid.geojson")
        try Data((#"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}").utf8).write(to: file)
        let text = try CLI.run(["adjacency", "--data", file.path])
        #expect(text.status == 0, "\(text.stderr)")
        let header = text.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("not a clean coverage around 4 territories"), "\(header)")
        let fast = try CLI.run(["adjacency", "--data", file.path, "--format", "json"])
        let geos = try CLI.run(["adjacency", "--data", file.path, "--format", "json", "--exact-method", "geos"])
        #expect(fast.status == 0 && geos.status == 0)
        #expect(fast.stdout == geos.stdout)
    }
}
