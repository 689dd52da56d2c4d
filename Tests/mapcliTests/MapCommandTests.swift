import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Maps: checked against RFC 7946's rules by an independent reading
/// (JSONSerialization, not mapcli's own reader), against a golden file, and
/// rendered to PNG by librsvg.
@Suite struct MapCommandTests {
    static let goldenDirectory = CLI.packageRoot.appendingPathComponent("Tests/mapcliTests/Golden")

    /// RFC 7946: types, ring closure and length, right-hand winding, bbox, no crs, ≤ 6 decimals;
    /// simplestyle-spec: every feature styled and titled.
    func checkRFC7946(_ text: String) throws {
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["type"] as? String == "FeatureCollection")
        #expect(root["crs"] == nil)
        let bbox = try #require(root["bbox"] as? [Double])
        #expect(bbox.count == 4 && bbox[0] <= bbox[2] && bbox[1] <= bbox[3])
        let features = try #require(root["features"] as? [[String: Any]])
        #expect(!features.isEmpty)
        func signedArea(_ ring: [[Double]]) -> Double {
            var s = 0.0
            for i in 0..<(ring.count - 1) { s += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1] }
            return s / 2
        }
        func checkPosition(_ p: [Double]) {
            #expect(p.count == 2)
            #expect((-180...180).contains(p[0]) && (-90...90).contains(p[1]))
            for v in p { #expect(abs(v * 1e6 - (v * 1e6).rounded()) < 1e-6, "more than 6 decimals: \(v)") }
        }
        func checkPolygon(_ rings: [[[Double]]]) {
            for (k, ring) in rings.enumerated() {
                #expect(ring.count >= 4)
                #expect(ring.first == ring.last)
                ring.forEach(checkPosition)
                #expect(k == 0 ? signedArea(ring) > 0 : signedArea(ring) < 0, "exterior CCW, holes CW")
            }
        }
        for f in features {
            #expect(f["type"] as? String == "Feature")
            let props = try #require(f["properties"] as? [String: Any])
            #expect(props["title"] is String && props["description"] is String)
            let g = try #require(f["geometry"] as? [String: Any])
            switch g["type"] as? String {
            case "Polygon":
                checkPolygon(try #require(g["coordinates"] as? [[[Double]]]))
                #expect(props["fill"] is String && props["fill-opacity"] is Double)
            case "MultiPolygon":
                for p in try #require(g["coordinates"] as? [[[[Double]]]]) { checkPolygon(p) }
                #expect(props["fill"] is String)
            case "LineString":
                let cs = try #require(g["coordinates"] as? [[Double]])
                #expect(cs.count >= 2)
                cs.forEach(checkPosition)
                #expect(props["stroke"] is String && props["stroke-width"] != nil)
            case "MultiLineString":
                for l in try #require(g["coordinates"] as? [[[Double]]]) { l.forEach(checkPosition) }
                #expect(props["stroke"] is String)
            case "Point":
                checkPosition(try #require(g["coordinates"] as? [Double]))
                let color = try #require(props["marker-color"] as? String)
                #expect(color.range(of: "^#[0-9a-fA-F]{6}$", options: .regularExpression) != nil)
            default:
                Issue.record("unexpected geometry type \(String(describing: g["type"]))")
            }
        }
    }

    @Test func syunikCorridorMapFollowsRFC7946AndSimplestyle() throws {
        let r = try CLI.run(["map", "--corridor", "syunik", "--focus", "Syunik", "--format", "geojson"])
        #expect(r.status == 0, "\(r.stderr)")
        try checkRFC7946(r.stdout)
        #expect(r.stdout.contains("\"title\":\"Kapan (consulate)\""))
        #expect(r.stdout.contains("\"layer\":\"corridor\""))
        #expect(r.stdout.contains("\"layer\":\"route\""))
        #expect(r.stdout.contains("Iran opened a consulate"))
        #expect(r.stdout.contains("\"title\":\"Armenia – Iran\"") || r.stdout.contains("\"title\":\"Syunik – East Azerbaijan\""))
    }

    /// The cut-off piece is labelled with the border whose loss is the verdict
    /// (Iran–Armenia, 45.93 km), not with its longest border (Nakhchivan, 59 km).
    @Test func theIranRouteMapLabelsTheBorderThatWasLost() throws {
        let r = try CLI.run(["map", "--corridor", "iran", "--width", "1km", "--level", "country", "--format", "svg"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("holds the 45.93 km border with Armenia"))
        #expect(r.stdout.contains("Iran cut off from Armenia"))
    }

    /// A small map of user data, compared with a golden file. After an intended
    /// change, regenerate it with UPDATE_GOLDEN=1 and review the diff.
    @Test func goldenMapOfUserData() throws {
        let input = Self.goldenDirectory.appendingPathComponent("two-squares.geojson").path
        let r = try CLI.run(["map", "--data", input, "--format", "geojson"])
        #expect(r.status == 0, "\(r.stderr)")
        try checkRFC7946(r.stdout)
        let golden = Self.goldenDirectory.appendingPathComponent("two-squares-map.geojson")
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            // Rewritten, not compared: comparing the output with what it just wrote
            // could not fail. The run fails so that a rewrite is never taken for a pass.
            try Data(r.stdout.utf8).write(to: golden)
            Issue.record("golden file rewritten (\(golden.lastPathComponent)): review `git diff` and run again without UPDATE_GOLDEN")
            return
        }
        #expect(r.stdout == (try String(contentsOf: golden, encoding: .utf8)))
    }

    @Test func svgIsWellFormedWithLegendScaleBarAndAttribution() throws {
        let r = try CLI.run(["map", "--corridor", "syunik", "--format", "svg"])
        #expect(r.status == 0, "\(r.stderr)")
        let parser = XMLParser(data: Data(r.stdout.utf8))
        #expect(parser.parse(), "SVG is not well-formed XML: \(String(describing: parser.parserError))")
        #expect(r.stdout.contains("class=\"legend\""))
        #expect(r.stdout.contains("class=\"scale-bar\""))
        #expect(r.stdout.contains(" km</text>"))
        #expect(r.stdout.contains("© OpenStreetMap contributors (ODbL 1.0)"))
        #expect(r.stdout.contains("GeoNames (CC BY 4.0)"))
    }

    @Test func pngRenders() throws {
        let dir = try CLI.temporaryDirectory()
        let png = dir.appendingPathComponent("map.png")
        let r = try CLI.run(["map", "--corridor", "syunik", "-o", png.path])
        #expect(r.status == 0, "\(r.stderr)")
        let bytes = [UInt8](try Data(contentsOf: png))
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: width and height, big-endian, at bytes 16–23.
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width > 1000 && height > 500)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["map.png"])
    }

    @Test func aFailedMapLeavesNoFile() throws {
        let dir = try CLI.temporaryDirectory()
        let r = try CLI.run(["map", "--corridor", "nowhere", "-o", dir.appendingPathComponent("m.png").path])
        #expect(r.status == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        #expect(try CLI.run(["map", "--format", "png"]).status == 2)
    }
}
