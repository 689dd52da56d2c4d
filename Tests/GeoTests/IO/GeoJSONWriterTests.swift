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

    /// Swift's dictionaries iterate in an order seeded anew in every process, so
    /// comparing two outputs of one process cannot show an order that changes
    /// between runs. The same properties inserted in opposite orders, and into a
    /// dictionary of another capacity (another bucket layout, another iteration
    /// order in this very process), must give the same text, with the keys in
    /// sorted order: a fixed order, whatever the seed.
    @Test func outputIsStableAcrossRuns() {
        let keys = (0..<40).map { "k\($0)" }
        func feature(_ order: [String], capacity: Int) -> Feature {
            var properties = [String: JSONValue](minimumCapacity: capacity)
            for k in order { properties[k] = .string(k) }
            return Feature(id: .string("f"), geometry: .point(.init(longitude: 1 / 7, latitude: 1 / 3)), properties: properties)
        }
        var shuffled = keys
        var rng = SystemRandomNumberGenerator()
        shuffled.shuffle(using: &rng)
        let a = GeoJSONWriter().string(features: [feature(keys, capacity: 0)])
        let b = GeoJSONWriter().string(features: [feature(keys.reversed(), capacity: 4096)])
        let c = GeoJSONWriter().string(features: [feature(shuffled, capacity: 97)])
        #expect(a == b && b == c)
        let written = keys.compactMap { k in a.range(of: "\"\(k)\":").map { (k, $0.lowerBound) } }
        #expect(written.count == keys.count)
        #expect(written.sorted { $0.1 < $1.1 }.map(\.0) == keys.sorted(), "properties not in sorted key order")
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
