import Foundation
import Testing

@testable import Geo

/// The shipped map's colours stay apart for colour-blind readers: every two
/// countries that touch in the shipped data, and the corridor and its cut-off
/// pieces against the countries they lie on, differ by at least 15 ΔE (CIE
/// 1976, in CIELAB) for normal vision and under full protanopia,
/// deuteranopia and tritanopia, simulated with the matrices of Machado,
/// Oliveira and Fernandes (IEEE TVCG 2009, severity 1.0) on linear sRGB, at
/// the opacity drawn over the white page (blended in sRGB, as browsers do).
@Suite struct MapPaletteTests {
    static let simulations: [String: [[Double]]] = [
        "normal": [[1, 0, 0], [0, 1, 0], [0, 0, 1]],
        "protanopia": [[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216], [-0.003882, -0.048116, 1.051998]],
        "deuteranopia": [[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413], [-0.011820, 0.042940, 0.968881]],
        "tritanopia": [[1.255528, -0.076749, -0.178779], [-0.078411, 0.930809, 0.147602], [0.004733, 0.691367, 0.303900]],
    ]

    static func lab(_ hex: String, opacity: Double, _ m: [[Double]]) -> [Double] {
        let v = Array(hex.dropFirst())
        let srgb = stride(from: 0, to: 6, by: 2).map { Double(Int(String(v[$0..<$0 + 2]), radix: 16)!) / 255 }
        func decode(_ c: Double) -> Double { c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        let linear = srgb.map { decode(opacity * $0 + (1 - opacity)) }
        let sim = (0..<3).map { i in min(1, max(0, (0..<3).reduce(0) { $0 + m[i][$1] * linear[$1] })) }
        let x = (0.4124 * sim[0] + 0.3576 * sim[1] + 0.1805 * sim[2]) / 0.95047
        let y = 0.2126 * sim[0] + 0.7152 * sim[1] + 0.0722 * sim[2]
        let z = (0.0193 * sim[0] + 0.1192 * sim[1] + 0.9505 * sim[2]) / 1.08883
        func f(_ t: Double) -> Double { t > 0.008856 ? cbrt(t) : 7.787 * t + 16.0 / 116 }
        return [116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))]
    }

    static func deltaE(_ a: (String, Double), _ b: (String, Double), _ m: [[Double]]) -> Double {
        let la = lab(a.0, opacity: a.1, m), lb = lab(b.0, opacity: b.1, m)
        return sqrt(zip(la, lb).map { ($0 - $1) * ($0 - $1) }.reduce(0, +))
    }

    @Test func neighboursTheCorridorAndItsPiecesStayApart() throws {
        let atlas = ShippedData.atlas
        let countries = atlas.territories(level: .country).filter { $0.parentID == nil }
        let graph = try AdjacencyEngine(options: .init(mode: .queen)).graph(of: countries)
        let fill = MapBuilder.territoryOpacity
        var pairs: [(String, (String, Double), (String, Double))] = graph.borders.compactMap { b in
            guard let a = graph.territory(b.a), let c = graph.territory(b.b) else { return nil }
            return ("\(a.id)–\(c.id)", (MapBuilder.color(for: a), fill), (MapBuilder.color(for: c), fill))
        }
        #expect(pairs.count >= 10, "\(pairs.count) country pairs")
        for code in ["AM", "AZ", "IR"] {
            let c = MapBuilder.countryColors[code]!
            pairs.append(("corridor on \(code)", (MapBuilder.corridorColor, 0.8), (c, fill)))
            pairs.append(("cut-off piece on \(code)", (MapBuilder.cutColor, 0.9), (c, fill)))
        }
        pairs.append(("corridor–cut-off piece", (MapBuilder.corridorColor, 0.8), (MapBuilder.cutColor, 0.9)))
        for (name, m) in Self.simulations {
            for (pair, a, b) in pairs {
                let d = Self.deltaE(a, b, m)
                #expect(d >= 15, "\(pair) under \(name): ΔE \(d)")
            }
        }
    }

    @Test func theColouringOfUserPolygonsGivesNeighboursDifferentColours() throws {
        // Nine unit squares in a 3 × 3 grid: the centre touches all eight (queen), so at least 4 colours.
        var territories: [Territory] = []
        for i in 0..<3 {
            for j in 0..<3 {
                let (x, y) = (10 + Double(i) * 0.1, 50 + Double(j) * 0.1)
                let ring = [(x, y), (x + 0.1, y), (x + 0.1, y + 0.1), (x, y + 0.1), (x, y)].map { Coordinate(longitude: $0.0, latitude: $0.1) }
                territories.append(Territory(id: "s\(i)\(j)", name: "s\(i)\(j)", level: .province, kind: "cell", geometry: .polygon(Polygon(exterior: ring))))
            }
        }
        let graph = try AdjacencyEngine(options: .init(mode: .queen)).graph(of: territories)
        #expect(graph.borders.count == 20)  // 12 edges and 8 diagonal corners, by hand
        let colors = MapBuilder.graphColoring(graph)
        for b in graph.borders { #expect(colors[b.a] != colors[b.b], "\(b.a)–\(b.b)") }
        #expect(Set(colors.values).count <= MapBuilder.palette.count)
    }
}
