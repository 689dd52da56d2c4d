import Testing

@testable import Geo

/// `around`: a territory's borders and tripoints from the cut-down layer are
/// those of the straightforward path: the whole layer in exact mode; in
/// tolerance mode (minutes on the whole layer in a debug build) every
/// territory whose box meets the centre's grown box, uncut.
@Suite struct AroundTests {
    static let atlas = ShippedData.atlas
    static let wholeGraphs: [TerritoryLevel: AdjacencyGraph] = {
        var out: [TerritoryLevel: AdjacencyGraph] = [:]
        for level in TerritoryLevel.allCases {
            out[level] = try! AdjacencyEngine().graph(of: atlas.territories(level: level, splitExclaves: true))
        }
        return out
    }()

    func same(_ expected: [Border], _ got: [Border], _ id: String) {
        #expect(expected.count > 0)
        #expect(got.map { $0.other(than: id) } == expected.map { $0.other(than: id) })
        for (e, g) in zip(expected, got) {
            #expect(g.contact == e.contact)
            #expect(abs(g.lengthMeters - e.lengthMeters) < 1e-3, "\(e.a)–\(e.b): \(g.lengthMeters) vs \(e.lengthMeters)")
            #expect(Set(g.tripoints.map(\.territories)) == Set(e.tripoints.map(\.territories)))
        }
    }

    @Test(arguments: [
        (TerritoryLevel.country, "AM"), (.country, "IR"), (.country, "GE"), (.country, "AZ-NX"),
        (.province, "AM-SU"), (.province, "TR-76"), (.province, "IR-03"),
    ])
    func exactBordersAreThoseOfTheWholeLayer(level: TerritoryLevel, id: String) throws {
        let layer = Self.atlas.territories(level: level, splitExclaves: true)
        let center = try #require(layer.first { $0.id == id })
        let part = try AdjacencyEngine().graph(of: layer.around(center))
        same(try #require(Self.wholeGraphs[level]).borders(of: id), part.borders(of: id), id)
    }

    @Test func toleranceBordersAreThoseOfTheUncutNeighbourhood() throws {
        let layer = Self.atlas.territories(level: .province)
        let center = try #require(layer.first { $0.id == "AM-SU" })
        let engine = AdjacencyEngine(options: .init(toleranceMeters: 100))
        let cut = try layer.around(center, marginMeters: 100)
        let uncut = layer.filter { t in cut.contains { $0.id == t.id } }
        #expect(uncut.count < layer.count)
        #expect(cut.contains { c in c.geometry != uncut.first { $0.id == c.id }!.geometry }, "nothing was cut")
        same(try engine.graph(of: uncut).borders(of: "AM-SU"), try engine.graph(of: cut).borders(of: "AM-SU"), "AM-SU")
    }
}
