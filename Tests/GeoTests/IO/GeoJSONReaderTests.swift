import Testing

@testable import Geo

@Suite struct GeoJSONReaderTests {
    let reader = GeoJSONReader()

    func error(_ text: String, source: String = "in.geojson") -> GeoError? {
        do {
            _ = try reader.read(string: text, source: source)
            return nil
        } catch {
            return error
        }
    }

    // MARK: What it accepts

    @Test func readsAFeatureCollectionWithIdsAndAnyProperties() throws {
        let text = """
            {"features":[{"properties":{"name":"Syunik","pop":141771,"tags":["a",{"b":null}],"ok":true},
              "geometry":{"coordinates":[[[46,39],[47,39],[47,40],[46,39]]],"type":"Polygon"},"id":"AM-SU","type":"Feature"},
             {"type":"Feature","id":7,"properties":null,"geometry":null}],
             "type":"FeatureCollection","bbox":[46,39,47,40]}
            """
        let fc = try reader.read(string: text)
        #expect(fc.features.count == 2)
        let f = fc.features[0]
        #expect(f.id == .string("AM-SU"))
        #expect(f.properties["name"] == "Syunik")
        #expect(f.properties["pop"] == .number(141_771))
        #expect(f.properties["tags"] == .array(["a", .object(["b": .null])]))
        #expect(f.properties["ok"] == true)
        #expect(f.geometry?.polygons.first?.exterior.count == 4)
        #expect(fc.features[1].id == .number(7))
        #expect(fc.features[1].geometry == nil)
        #expect(fc.features[1].properties.isEmpty)
    }

    @Test func readsBareGeometriesAndSingleFeatures() throws {
        let point = try reader.read(string: #"{"type":"Point","coordinates":[46.40678,39.20762,1200]}"#)
        #expect(point.features[0].geometry == .point(Coordinate(longitude: 46.40678, latitude: 39.20762)))
        let multi = try reader.read(
            string: #"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]]]]}"#)
        #expect(multi.features[0].geometry?.polygons.count == 2)
        let lines = try reader.read(string: #"{"type":"MultiLineString","coordinates":[[[0,0],[1,1]],[[2,2],[3,3]]]}"#)
        #expect(lines.features[0].geometry?.lineStrings.count == 2)
        let gc = try reader.read(
            string: #"{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[1,2]},{"type":"LineString","coordinates":[[0,0],[1,1]]}]}"#)
        #expect(gc.features[0].geometry?.typeName == "GeometryCollection")
        let feature = try reader.read(string: #"{"type":"Feature","geometry":{"type":"MultiPoint","coordinates":[[1,2],[3,4]]},"properties":{}}"#)
        #expect(feature.features[0].geometry?.points.count == 2)
    }

    @Test func numbersAreConvertedExactly() throws {
        // Each must equal Swift's correctly rounded conversion of the same text.
        let texts = [
            "46.4067800", "39.2076234567891", "-0.000001", "1e-7", "12345678901234567890", "0.1", "4.9e-324",
            "179.99999999999999", "-90", "1E2", "2.5e+1", "0.30000000000000004", "45.123456789012345678",
        ]
        for t in texts {
            // Through the whole reader (a property of a Feature) and through the scanner alone.
            let fc = try reader.read(string: #"{"type":"Feature","geometry":null,"properties":{"v":\#(t)}}"#)
            #expect(fc.features[0].properties["v"] == .number(Double(t)!), "\(t)")
            var scanner = Array((t + "\u{0}").utf8)
            let v = try scanner.withUnsafeMutableBufferPointer { b in
                var s = JSONScanner(bytes: UnsafeBufferPointer(b), maxDepth: 8)
                return try s.number()
            }
            #expect(v == Double(t)!, "\(t)")
        }
    }

    @Test func stripsAUTF8ByteOrderMark() throws {
        var bytes: [UInt8] = [0xEF, 0xBB, 0xBF]
        bytes += Array(#"{"type":"Point","coordinates":[1,2]}"#.utf8)
        #expect(try reader.read(bytes: bytes, source: "bom").features.count == 1)
    }

    @Test func toleratesACRSThatNamesWGS84WithAWarning() throws {
        let fc = try reader.read(
            string: #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:OGC:1.3:CRS84"}},"features":[]}"#)
        #expect(fc.warnings.count == 1)
    }

    // MARK: What it refuses, and how it says so

    @Test func emptyFile() {
        let e = error("")
        #expect(e?.kind == .syntax)
        #expect(e?.description == "in.geojson: the file is empty; expected a GeoJSON object")
    }

    @Test func malformedJSONGivesTheLineAndColumn() {
        let e = error("{\"type\":\"FeatureCollection\",\n \"features\":[}")
        #expect(e?.kind == .syntax)
        #expect(e?.description.contains("line 2, column 14") == true)
        #expect(error(#"{"type":"Point","coordinates":[1,2],}"#)?.message.contains("trailing comma") == true)
        #expect(error(#"{"type":"Point","coordinates":[01,2]}"#)?.message.contains("leading zero") == true)
        #expect(error(#"{"type":"Point","coordinates":[1,2]} x"#)?.message.contains("after the GeoJSON object") == true)
        #expect(error(#"{"type":"Point","coordinates":[1,2]"#)?.kind == .syntax)
        #expect(error("{\"type\":\"Point\",\"type\":\"Point\",\"coordinates\":[1,2]}")?.message.contains("duplicate key") == true)
    }

    @Test func wrongType() {
        let e = error(#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"x","properties":{},"geometry":{"type":"Polygn","coordinates":[]}}]}"#)
        #expect(e?.kind == .schema)
        #expect(e?.featureIndex == 0)
        #expect(e?.featureID == "x")
        #expect(e?.jsonPath == "$.features[0].geometry.type")
        #expect(e?.description.hasPrefix("in.geojson, feature 0 (id \"x\"), at $.features[0].geometry.type: unknown GeoJSON type \"Polygn\"") == true)
        #expect(error(#"{"type":"Topology"}"#)?.jsonPath == "$.type")
        #expect(error(#"{"coordinates":[1,2]}"#)?.message == "missing \"type\" member")
        #expect(error("[1,2]")?.message == "the top level must be a GeoJSON object")
    }

    @Test func missingCoordinates() {
        let e = error(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point"}},{"type":"Feature","id":9,"properties":{},"geometry":{"type":"LineString"}}]}"#)
        #expect(e?.featureIndex == 0)
        #expect(e?.jsonPath == "$.features[0].geometry")
        #expect(e?.message == "a Point needs a \"coordinates\" array")
    }

    @Test func coordinatesOfTheWrongShape() {
        let e = error(#"{"type":"Polygon","coordinates":[[0,0],[1,0],[1,1],[0,0]]}"#)
        #expect(e?.message.contains("nested 3 deep") == true)
        #expect(error(#"{"type":"Point","coordinates":[1]}"#)?.message.contains("at least 2 numbers") == true)
        #expect(error(#"{"type":"Point","coordinates":[1,"2"]}"#)?.jsonPath == "$.coordinates[1]")
        #expect(error(#"{"type":"LineString","coordinates":[[1,2]]}"#)?.message.contains("at least 2 positions") == true)
    }

    @Test func unclosedRing() {
        let e = error(#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,6]]]]}}]}"#)
        #expect(e?.jsonPath == "$.features[0].geometry.coordinates[1][0]")
        #expect(e?.message.contains("not closed") == true)
    }

    @Test func ringWithTooFewPositions() {
        let e = error(#"{"type":"Polygon","coordinates":[[[0,0],[1,0],[0,0]]]}"#)
        #expect(e?.jsonPath == "$.coordinates[0]")
        #expect(e?.message == "a linear ring needs at least 4 positions, found 3")
    }

    @Test func nonFiniteAndOutOfRangeCoordinates() {
        let inf = error(#"{"type":"Point","coordinates":[1e400,2]}"#)
        #expect(inf?.message.contains("not a finite number") == true)
        #expect(inf?.jsonPath == "$.coordinates")
        let swapped = error(#"{"type":"LineString","coordinates":[[39.2,46.4],[39.3,96.4]]}"#)
        #expect(swapped?.jsonPath == "$.coordinates[1]")
        #expect(swapped?.message.contains("swapped") == true)
        #expect(error(#"{"type":"Point","coordinates":[181,0]}"#)?.message.contains("longitude 181.0") == true)
        // JSON has no NaN literal: it is a syntax error, not a silent NaN.
        #expect(error(#"{"type":"Point","coordinates":[NaN,0]}"#)?.kind == .syntax)
    }

    @Test func crsMemberNamingAnotherCRSIsHonouredOrRefusedWhereItCannotBe() throws {
        let fc = try GeoJSONReader().read(string: #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"features":[]}"#)
        #expect(fc.declaredCRS == "EPSG:3857")
        // A crs without a name (a link), or on a feature, cannot be honoured.
        let unnamed = error(#"{"type":"FeatureCollection","crs":{"type":"link","properties":{"href":"x.prj"}},"features":[]}"#)
        #expect(unnamed?.kind == .schema)
        #expect(unnamed?.jsonPath == "$.crs")
        let onFeature = error(#"{"type":"FeatureCollection","features":[{"type":"Feature","crs":{"type":"name","properties":{"name":"EPSG:3857"}},"geometry":null,"properties":{}}]}"#)
        #expect(onFeature?.message.contains("EPSG:3857") == true)
        #expect(onFeature?.message.contains("--source-crs") == true)
    }

    /// The README's limit, counted by hand: the root object, the features array, a feature, its
    /// properties object and n − 4 arrays make a document n levels deep. 256 are read, 257 refused,
    /// by the sequential and the parallel parser alike.
    @Test(arguments: [false, true])
    func nestingOf256LevelsIsReadAnd257Refused(parallel: Bool) throws {
        func document(_ n: Int) -> String {
            let inner = String(repeating: "[", count: n - 4) + String(repeating: "]", count: n - 4)
            let feature = #"{"type":"Feature","geometry":null,"properties":{"x":\#(inner)}}"#
            // Enough features for the parallel split to take over.
            let padding = Array(repeating: #"{"type":"Feature","geometry":null,"properties":{}}"#, count: parallel ? 20_000 : 0)
            return #"{"type":"FeatureCollection","features":["# + ([feature] + padding).joined(separator: ",") + "]}"
        }
        var options = GeoJSONReader.Options()
        options.parallel = parallel
        #expect(try GeoJSONReader(options: options).read(string: document(256)).features.count >= 1)
        #expect(throws: GeoError.self) { try GeoJSONReader(options: options).read(string: document(257)) }
    }

    @Test func deepNestingIsAnErrorNotACrash() {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        let e = error(#"{"type":"Feature","geometry":null,"properties":{"x":\#(deep)}}"#)
        #expect(e?.kind == .syntax)
        #expect(e?.message.contains("nested deeper") == true)
        #expect(error(deep)?.kind == .syntax)
    }

    @Test func invalidUTF8AndControlCharacters() {
        var bytes = Array(#"{"type":"Feature","geometry":null,"properties":{"name":""#.utf8)
        bytes += [0xC3, 0x28]
        bytes += Array(#""}}"#.utf8)
        let e = #expect(throws: GeoError.self) { try reader.read(bytes: bytes, source: "bad") }
        // The string holding 0xC3 0x28 opens at byte 55 (0-based; counted by hand: the 55 bytes
        // of `{"type":"Feature","geometry":null,"properties":{"name":` before its quote).
        #expect(e?.description == "bad: invalid UTF-8 in string at byte 55 (line 1, column 56)")
        #expect(error("{\"type\":\"Feature\",\"geometry\":null,\"properties\":{\"n\":\"a\u{01}b\"}}")?.message.contains("control character") == true)
        let escaped = try? reader.read(string: #"{"type":"Feature","geometry":null,"properties":{"n":"Ս\u0575\ud83d\ude00\n"}}"#)
        #expect(escaped?.features[0].properties["n"] == .string("Սյ😀\n"))
    }

    @Test func idMustBeStringOrNumber() {
        let e = error(#"{"type":"FeatureCollection","features":[{"type":"Feature","id":{"a":1},"properties":{},"geometry":null}]}"#)
        #expect(e?.jsonPath == "$.features[0].id")
    }

    @Test func vertexLimitIsEnforced() {
        var options = GeoJSONReader.Options()
        options.maxVertices = 3
        let limited = GeoJSONReader(options: options)
        #expect(throws: GeoError.self) {
            try limited.read(string: #"{"type":"LineString","coordinates":[[0,0],[1,1],[2,2],[3,3]]}"#)
        }
    }

    @Test func missingFileAndDirectory() {
        let missing = #expect(throws: GeoError.self) { try reader.read(path: "/nonexistent/x.geojson") }
        #expect(missing?.description.hasPrefix("/nonexistent/x.geojson: ") == true, "\(String(describing: missing))")
        let folder = #expect(throws: GeoError.self) { try reader.read(path: "/tmp") }
        #expect(folder?.description == "/tmp: is a directory, not a GeoJSON file")
    }
}
