import Foundation
import Testing

@testable import Geo

/// The corridor report's direct JSON says exactly what its Codable form says.
@Suite struct CorridorReportJSONTests {
    func decoded(_ data: Data) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
    }

    @Test(arguments: [("syunik", 1000.0, TerritoryLevel.province), ("syunik", 500, .country), ("iran", 1000, .country)])
    func sameAsCodableOnTheShippedCorridors(corridor: String, width: Double, level: TerritoryLevel) throws {
        let atlas = ShippedData.atlas
        let c = try #require(atlas.corridors.first { $0.id == corridor })
        let report = try CorridorAnalysis.analyze(CorridorSpec(c, widthMeters: width), atlas: atlas, level: level)
        #expect(!report.links.isEmpty || !report.borderChanges.isEmpty || !report.territories.isEmpty)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let direct = Data(report.jsonChunks().joined())
        #expect(try decoded(direct) == decoded(encoder.encode(report)))
    }
}
