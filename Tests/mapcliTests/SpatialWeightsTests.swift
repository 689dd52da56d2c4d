import Foundation
import Testing

/// GAL and GWT weights of the shipped provinces against PySAL's (libpysal
/// 4.14.1 Queen/Rook.from_iterable, recorded once by scripts/pysal_weights.py
/// in Golden/provinces-{queen,rook}-pysal.gal), and the GWT weights against
/// shapely's shared-border lengths (geodata/crosscheck/provinces-adjacency.csv).
@Suite struct SpatialWeightsTests {
    static func galNeighbours(_ text: String) -> (header: [String], neighbours: [String: Set<String>]) {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines.removeFirst().split(separator: " ").map(String.init)
        var out: [String: Set<String>] = [:]
        var i = 0
        while i + 1 < lines.count {
            let head = lines[i].split(separator: " ")
            guard head.count == 2, let k = Int(head[1]) else { break }
            let list = lines[i + 1].split(separator: " ").map(String.init)
            #expect(list.count == k, "\(head[0]): \(k) announced, \(list.count) listed")
            out[String(head[0])] = Set(list)
            i += 2
        }
        return (header, out)
    }

    @Test(arguments: ["queen", "rook"])
    func galEqualsPySAL(mode: String) throws {
        let r = try CLI.run(["adjacency", "--mode", mode, "--format", "gal"])
        #expect(r.status == 0, "\(r.stderr)")
        let mine = Self.galNeighbours(r.stdout)
        #expect(mine.header.first == "0" && mine.header.count == 4)
        let golden = CLI.packageRoot.appendingPathComponent("Tests/mapcliTests/Golden/provinces-\(mode)-pysal.gal")
        let pysal = Self.galNeighbours(try String(contentsOf: golden, encoding: .utf8))
        #expect(mine.header[1] == pysal.header[1])
        #expect(mine.neighbours.count == 220)
        #expect(mine.neighbours == pysal.neighbours)
    }

    @Test func gwtWeighsByTheSharedKilometres() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("w.gwt").path
        let r = try CLI.run(["adjacency", "--mode", "rook", "-o", file])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").dropFirst()
        let csv = try String(contentsOf: CLI.packageRoot.appendingPathComponent("geodata/crosscheck/provinces-adjacency.csv"), encoding: .utf8)
        var shapely: [String: Double] = [:]
        for row in csv.split(separator: "\n").dropFirst() {
            let f = row.split(separator: ",").map(String.init)
            if f[2] == "edge" { shapely["\(f[0])|\(f[1])"] = Double(f[3])! }
        }
        #expect(lines.count == 2 * shapely.count)
        for line in lines {
            let f = line.split(separator: " ").map(String.init)
            let key = f[0] < f[1] ? "\(f[0])|\(f[1])" : "\(f[1])|\(f[0])"
            let km = try #require(Double(f[2]))
            let expected = try #require(shapely[key], "\(key) is not a shapely edge pair")
            #expect(abs(km - expected) <= 0.001, "\(key): \(km) vs shapely \(expected)")
        }
    }

    @Test func idsWithWhiteSpaceAreRefused() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("spaced.geojson")
        try Data(#"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a b","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}]}"#.utf8).write(to: file)
        let r = try CLI.run(["adjacency", "--data", file.path, "--format", "gal"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("the id \"a b\" holds white space"))
    }
}
