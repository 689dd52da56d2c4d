import Foundation
import Testing

@testable import Geo

/// The direct JSON writer says exactly what the Codable form says.
@Suite struct AdjacencyReportJSONTests {
    func decoded(_ text: String) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
    }

    func codable(_ report: AdjacencyReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    @Test(arguments: [0.0, 50.0])
    func sameAsCodableOnTheShippedCountries(tolerance: Double) throws {
        let atlas = ShippedData.atlas
        let graph = try AdjacencyEngine(options: .init(toleranceMeters: tolerance)).graph(of: atlas.territories(level: .country, splitExclaves: true))
        let report = AdjacencyReport(graph: graph, level: "country")
        #expect(try decoded(report.jsonText()) == decoded(codable(report)))
    }

    @Test func sameAsCodableWithNamesThatNeedEscaping() throws {
        let square = { (x: Double, id: String) in
            Territory(
                id: id, name: "\"\(id)\"\n\\ Ս", level: .province, kind: "cell",
                geometry: .polygon(Polygon(exterior: [
                    .init(longitude: x, latitude: 0), .init(longitude: x + 1, latitude: 0), .init(longitude: x + 1, latitude: 1),
                    .init(longitude: x, latitude: 1), .init(longitude: x, latitude: 0),
                ])))
        }
        let graph = try AdjacencyEngine().graph(of: [square(0, "a"), square(1, "b"), square(5, "c")])
        let report = AdjacencyReport(graph: graph, level: "all")
        #expect(try decoded(report.jsonText()) == decoded(codable(report)))
        let empty = AdjacencyReport(graph: try AdjacencyEngine().graph(of: [square(5, "c")]), level: "all")
        #expect(try decoded(empty.jsonText()) == decoded(codable(empty)))
    }
}
