@testable import Geo

/// The shipped atlas, loaded once for all tests that use it.
enum ShippedData {
    static let directory: String = {
        var url = #filePath
        for _ in 0..<4 { url = String(url[..<url.lastIndex(of: "/")!]) }
        return url + "/geodata"
    }()

    static let atlas: Atlas = {
        do {
            return try Atlas.shipped(directory: directory)
        } catch {
            fatalError("cannot load the shipped geodata: \(error)")
        }
    }()

    /// The shipped layers' exact adjacency graphs, computed once for every test that
    /// reads them (the engine's own tests compute theirs).
    static let provinceGraph = graph(ShippedData.atlas.territories(level: .province))
    static let countryGraph = graph(ShippedData.atlas.territories(level: .country))
    /// Countries with Azerbaijan's two parts apart (Nakhchivan, mainland Azerbaijan).
    static let countryPartsGraph = graph(ShippedData.atlas.territories(level: .country, splitExclaves: true))

    private static func graph(_ territories: [Territory]) -> AdjacencyGraph {
        do {
            return try AdjacencyEngine().graph(of: territories)
        } catch {
            fatalError("cannot compute the shipped graph: \(error)")
        }
    }
}
