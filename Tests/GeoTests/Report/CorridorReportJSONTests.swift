import Foundation
import Testing

@testable import Geo

/// The corridor report's direct JSON says exactly what its Codable form says: a
/// consistency check of the two writers only (the figures are checked against
/// the build's shapely measurements in ShippedCorridorTests and, read from the
/// CLI's JSON, in CorridorCommandTests).
@Suite struct CorridorReportJSONTests {
    func decoded(_ data: Data) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
    }

    @Test(arguments: [("syunik", 1000.0, CorridorModel.extraterritorial), ("syunik", 500, .sovereign), ("iran", 1000, .extraterritorial)])
    func sameAsCodableOnTheShippedCorridors(corridor: String, width: Double, model: CorridorModel) throws {
        let atlas = ShippedData.atlas
        let c = try #require(atlas.corridors.first { $0.id == corridor })
        let report = try CorridorAnalysis.sweep(
            CorridorSpec(c, widthMeters: width), widthsMeters: [width], atlas: atlas, options: .init(model: model), criticalWidths: model == .sovereign)[0]
        #expect(!report.verdicts.isEmpty && report.levels.count == 2)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let direct = Data(report.jsonChunks().joined())
        let json = try decoded(direct)
        #expect(json == (try decoded(encoder.encode(report))))
        #expect(json["schema_version"] as? Int == CorridorReport.schemaVersion)
    }
}
