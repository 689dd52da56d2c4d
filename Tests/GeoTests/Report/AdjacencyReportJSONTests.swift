import Foundation
import Testing

@testable import Geo

/// The direct JSON writer says exactly what the Codable form says: a consistency
/// check of the two writers only (the figures they carry are checked against
/// shapely in ShippedAdjacencyTests and, read back from the CLI's JSON and
/// GeoJSON by an independent reader, in AdjacencyCommandTests).
@Suite struct AdjacencyReportJSONTests {
    func decoded(_ text: String) throws -> NSDictionary {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? NSDictionary)
    }

    func direct(_ graph: AdjacencyGraph, _ level: String) -> String {
        String(decoding: Array(AdjacencyReport.jsonChunks(graph: graph, level: level).joined()), as: UTF8.self)
    }

    func codable(_ report: AdjacencyReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    /// Exact mode on all the shipped countries; tolerance mode on the four of the South
    /// Caucasus (whole Iran, Turkey and Russia in tolerance mode take minutes in a
    /// debug build, and add nothing the writers have not seen).
    @Test(arguments: [0.0, 50.0])
    func sameAsCodableOnTheShippedCountries(tolerance: Double) throws {
        let atlas = ShippedData.atlas
        let countries = atlas.territories(level: .country, splitExclaves: true)
        let layer = tolerance == 0 ? countries : countries.filter { ["AM", "AZ-MAIN", "AZ-NX", "GE"].contains($0.id) }
        let graph = try AdjacencyEngine(options: .init(toleranceMeters: tolerance)).graph(of: layer)
        let report = AdjacencyReport(graph: graph, level: "country")
        #expect(try decoded(direct(graph, "country")) == decoded(codable(report)))
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
        #expect(try decoded(direct(graph, "all")) == decoded(codable(report)))
        let emptyGraph = try AdjacencyEngine().graph(of: [square(5, "c")])
        #expect(try decoded(direct(emptyGraph, "all")) == decoded(codable(AdjacencyReport(graph: emptyGraph, level: "all"))))
    }

    @Test func writtenInPartsOnSeveralCoresIsTheSameText() throws {
        let graph = ShippedData.provinceGraph
        func text(_ parts: Int) -> [UInt8] { Array(AdjacencyReport.jsonChunks(graph: graph, level: "province", parts: parts).joined()) }
        let whole = text(1)
        for parts in [2, 3, 7] { #expect(text(parts) == whole) }
    }

    /// The byte writer's numbers are `NumberFormatting.json` of the rounded
    /// value, to the byte, across magnitudes and at the edges of its fast range.
    @Test func numbersAreWrittenAsNumberFormattingWritesThem() {
        var rng = SplitMix64(seed: 3)
        var values: [Double] = [0, -0.0, 1e-4, 0.99999e-4, 0.00005, 1e9, 999_999_999.999_999_9, 46.372947, -45.5, 0.0005, 12.3456785]
        for _ in 0..<20_000 {
            let magnitude = Double(Int(rng.next() % 16)) - 6
            values.append((rng.unit() - 0.5) * 2 * pow(10, magnitude))
        }
        for v in values {
            for decimals in [1, 3, 6] {
                var w = JSONByteWriter()
                w.number(v, decimals: decimals)
                let expected = NumberFormatting.json(NumberFormatting.rounded(v, decimals: decimals))
                #expect(String(decoding: w.bytes, as: UTF8.self) == expected, "\(v) to \(decimals) decimals")
            }
        }
        var w = JSONByteWriter()
        w.string("plain")
        w.string("\"q\"\n\\ Ս")
        #expect(String(decoding: w.bytes, as: UTF8.self) == JSONText.quoted("plain") + JSONText.quoted("\"q\"\n\\ Ս"))
    }
}
