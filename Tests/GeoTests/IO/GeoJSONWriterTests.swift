import Foundation
import Testing

@testable import Geo

@Suite struct GeoJSONWriterTests {
    /// A clockwise exterior with a counter-clockwise hole: both must be rewound.
    let cwPolygon = Geometry.polygon(
        Polygon(rings: [
            [.init(longitude: 0, latitude: 0), .init(longitude: 0, latitude: 4), .init(longitude: 4, latitude: 4), .init(longitude: 4, latitude: 0), .init(longitude: 0, latitude: 0)],
            [.init(longitude: 1, latitude: 1), .init(longitude: 2, latitude: 1), .init(longitude: 2, latitude: 2), .init(longitude: 1, latitude: 2), .init(longitude: 1, latitude: 1)],
        ]))

    @Test func rewindsToTheRightHandRule() throws {
        let text = GeoJSONWriter().string(features: [Feature(id: .string("a"), geometry: cwPolygon)])
        let back = try GeoJSONReader().read(string: text)
        let rings = back.features[0].geometry!.polygons[0].rings
        #expect(Winding.signedArea(rings[0]) > 0, "exterior counter-clockwise")
        #expect(Winding.signedArea(rings[1]) < 0, "hole clockwise")
    }

    @Test func exactOutputWithBBoxPrecisionAndKeyOrder() {
        var options = GeoJSONWriter.Options()
        options.precision = 3
        options.featurePerLine = false
        let f = Feature(
            id: .number(1),
            geometry: .lineString(LineString([.init(longitude: 46.4067891, latitude: 39.2076234), .init(longitude: -0.00001, latitude: 1)])),
            properties: ["z": 1, "a": "x\"y", "m": [true, .null, 2.5]])
        let text = GeoJSONWriter(options: options).string(features: [f])
        #expect(
            text == """
                {"type":"FeatureCollection","bbox":[-0,1,46.407,39.208],"features":[{"type":"Feature","id":1,"bbox":[-0,1,46.407,39.208],"properties":{"a":"x\\"y","m":[true,null,2.5],"z":1},"geometry":{"type":"LineString","coordinates":[[46.407,39.208],[0,1]]}}]}

                """.replacingOccurrences(of: "[-0,", with: "[0,"))
        #expect(!text.contains("crs"))
    }

    @Test func outputIsStableAcrossRuns() {
        let fs = (0..<20).map { i in
            Feature(id: .string("f\(i)"), geometry: .point(.init(longitude: Double(i) / 7, latitude: 1 / 3)), properties: ["k\(i % 3)": .number(Double(i))])
        }
        #expect(GeoJSONWriter().string(features: fs) == GeoJSONWriter().string(features: fs))
    }

    @Test func numberFormatting() {
        #expect(NumberFormatting.fixed(44.1234, 2) == "44.12")
        #expect(NumberFormatting.fixed(0.005, 2) == "0.01")
        #expect(NumberFormatting.fixed(-3.14159, 3) == "-3.142")
        #expect(NumberFormatting.fixed(7, 1) == "7.0")
        #expect(NumberFormatting.json(-0.0) == "0")
        #expect(NumberFormatting.json(3) == "3")
        #expect(NumberFormatting.json(0.1) == "0.1")
    }
}
