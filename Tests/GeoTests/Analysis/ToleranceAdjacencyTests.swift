import Testing

@testable import Geo

/// Tolerance mode probes small polygons by arithmetic on their coordinates
/// and large ones through GEOS prepared geometries; both ways must give the
/// same borders. And its work split over chunks and cores must not change
/// the answer.
@Suite struct ToleranceAdjacencyTests {
    /// A 12 × 12 grid of 1 km cells near Kapan whose vertices are moved by up
    /// to `jitter` metres (each cell's own copy), so neighbours neither share
    /// vertices nor align.
    func jitteredGrid(jitter: Double, seed: UInt64) throws -> [Territory] {
        let projection = try LocalProjection(center: .init(longitude: 46.4, latitude: 39.2))
        var rng = SplitMix64(seed: seed)
        var ts: [Territory] = []
        for r in 0..<12 {
            for c in 0..<12 {
                var ring: [Coordinate] = []
                for (dx, dy) in [(0, 0), (1, 0), (1, 1), (0, 1)] {
                    let x = Double(c + dx) * 1000 + (rng.unit() - 0.5) * 2 * jitter
                    let y = Double(r + dy) * 1000 + (rng.unit() - 0.5) * 2 * jitter
                    ring.append(.init(longitude: x, latitude: y))
                }
                ring.append(ring[0])
                ts.append(Territory(id: "r\(r)c\(c)", name: "cell", level: .province, kind: "cell", geometry: .polygon(Polygon(exterior: try projection.inverse(ring)))))
            }
        }
        return ts
    }

    func expectSame(_ x: [Border], _ y: [Border], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(x.count == y.count, sourceLocation: sourceLocation)
        for (p, q) in zip(x, y) {
            #expect(p.a == q.a && p.b == q.b && p.contact == q.contact, "\(p.a)–\(p.b)", sourceLocation: sourceLocation)
            #expect(abs(p.lengthMeters - q.lengthMeters) < 1e-6, "\(p.a)–\(p.b): \(p.lengthMeters) vs \(q.lengthMeters)", sourceLocation: sourceLocation)
            #expect(abs(p.maxGapMeters - q.maxGapMeters) < 1e-6, "\(p.a)–\(p.b)", sourceLocation: sourceLocation)
            #expect(abs(p.overlapAreaSquareMeters - q.overlapAreaSquareMeters) < 1e-6, "\(p.a)–\(p.b)", sourceLocation: sourceLocation)
        }
    }

    @Test func probesByCoordinatesAndThroughGEOSAgree() throws {
        let ts = try jitteredGrid(jitter: 3, seed: 11)
        let arithmetic = try ToleranceAdjacency.borders(ts, toleranceMeters: 10, progress: nil, geosProbesAbove: .max)
        let geos = try ToleranceAdjacency.borders(ts, toleranceMeters: 10, progress: nil, geosProbesAbove: 0)
        expectSame(arithmetic, geos)
        // Every side shared in the grid (2·12·11 of them) is found, about 1 km long
        // (the jitter moves its ends by up to 3 m); corner neighbours touch for a few metres at most.
        func cell(_ id: String) -> (Int, Int) {
            let parts = id.dropFirst().split(separator: "c")
            return (Int(parts[0])!, Int(parts[1])!)
        }
        let sides = arithmetic.filter { b in
            let (p, q) = (cell(b.a), cell(b.b))
            return abs(p.0 - q.0) + abs(p.1 - q.1) == 1
        }
        #expect(sides.count == 2 * 12 * 11)
        #expect(sides.allSatisfy { $0.contact == .edge && abs($0.lengthMeters - 1000) < 15 })
        #expect(arithmetic.filter { !sides.contains($0) }.allSatisfy { $0.lengthMeters < 30 })
    }

    @Test func probesAgreeOnTheShippedProvincesOfArmenia() throws {
        // Provinces of hundreds of positions, probed both ways.
        let layer = ShippedData.atlas.territories(level: .province, country: "AM")
        let byDefault = try ToleranceAdjacency.borders(layer, toleranceMeters: 50, progress: nil, geosProbesAbove: 0)
        #expect(byDefault.count >= 20)
        let arithmetic = try ToleranceAdjacency.borders(layer, toleranceMeters: 50, progress: nil, geosProbesAbove: .max)
        expectSame(byDefault, arithmetic)
    }

    @Test func theAnswerDoesNotDependOnHowTheWorkIsSplit() throws {
        // 144 cells: one chunk below 64 territories, several above.
        let ts = try jitteredGrid(jitter: 3, seed: 12)
        let whole = try ToleranceAdjacency.borders(ts, toleranceMeters: 10, progress: nil)
        let few = try ToleranceAdjacency.borders(Array(ts.prefix(60)), toleranceMeters: 10, progress: nil)
        let expected = whole.filter { b in ts.prefix(60).contains { $0.id == b.a } && ts.prefix(60).contains { $0.id == b.b } }
        expectSame(few, expected)
    }
}
