import Foundation
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

    /// A border along the 49th parallel from 0° to 2° E, one edge on one side and 200 vertices on
    /// the other (issue 16: 7.991 km at 50 m, 34.6 km at 200 m). Both sides follow the parallel in
    /// longitude/latitude, so the border is the parallel's arc: Δλ · N(φ) · cos φ on WGS84, by hand
    /// (a = 6,378,137 m, e² = 0.00669437999014): 146.344 km. Tolerance mode must find it whole.
    @Test(arguments: [1.0, 50, 200])
    func aLongEdgeMeetsItsDenseNeighbourAtAnyTolerance(_ toleranceMeters: Double) throws {
        let a = 6_378_137.0, e2 = 0.00669437999014, phi = 49.0 * Double.pi / 180
        let arc = 2 * Double.pi / 180 * a / (1 - e2 * sin(phi) * sin(phi)).squareRoot() * cos(phi)
        #expect(abs(arc - 146_344) < 1)
        let north = Polygon(exterior: [.init(longitude: 0, latitude: 49), .init(longitude: 2, latitude: 49), .init(longitude: 2, latitude: 49.5), .init(longitude: 0, latitude: 49.5), .init(longitude: 0, latitude: 49)])
        var southRing: [Coordinate] = [.init(longitude: 0, latitude: 48.5), .init(longitude: 2, latitude: 48.5)]
        for i in stride(from: 200, through: 0, by: -1) { southRing.append(.init(longitude: Double(i) * 0.01, latitude: 49)) }
        southRing.append(southRing[0])
        let ts = [
            Territory(id: "N", name: "N", level: .province, kind: "cell", geometry: .polygon(north)),
            Territory(id: "S", name: "S", level: .province, kind: "cell", geometry: .polygon(Polygon(exterior: southRing))),
        ]
        let graph = try AdjacencyEngine(options: .init(toleranceMeters: toleranceMeters)).graph(of: ts)
        let b = try #require(graph.border("N", "S"))
        #expect(abs(b.lengthMeters - arc) < 2 * toleranceMeters + 5, "\(b.lengthMeters) m at \(toleranceMeters) m, the arc is \(arc) m")
    }

    /// A sliver 5 mm wide and 15 km long at 80° N, where two squares overlap (issue 16: reported
    /// as 56 m² or 5,866 m²). pyproj 3.7.2's Geod(ellps="WGS84").polygon_area_perimeter of the
    /// strip, its meridian sides cut into 2,000 pieces: 75.497 m². Exact mode refuses the layer
    /// naming that overlap; tolerance mode measures it and finds the whole 15.074 km border
    /// (Geod.inv(10, 80, 10, 80.135): 15,074.2 m).
    @Test func aFiveMillimetreSliverAt80NIsMeasuredAsItIs() throws {
        let d = 0.005 / (111_412.84 * cos(80.06 * Double.pi / 180))
        func square(_ id: String, _ west: Double, _ east: Double) -> Territory {
            Territory(id: id, name: id, level: .province, kind: "cell", geometry: .polygon(Polygon(exterior: [
                .init(longitude: west, latitude: 80), .init(longitude: east, latitude: 80), .init(longitude: east, latitude: 80.135),
                .init(longitude: west, latitude: 80.135), .init(longitude: west, latitude: 80),
            ])))
        }
        let ts = [square("a", 9.5, 10), square("b", 10 - d, 10.5)]
        let refused = #expect(throws: GeoError.self) { try AdjacencyEngine().graph(of: ts) }
        #expect(refused?.message.contains("overlap by 0.000075 km²") == true, "\(String(describing: refused))")
        let b = try #require(try AdjacencyEngine(options: .init(toleranceMeters: 1)).graph(of: ts).border("a", "b"))
        #expect(abs(b.overlapAreaSquareMeters - 75.497) < 0.5, "\(b.overlapAreaSquareMeters) m²")
        #expect(abs(b.lengthMeters - 15_074.2) < 2, "\(b.lengthMeters) m")
    }

    @Test func theAnswerDoesNotDependOnHowTheWorkIsSplit() throws {
        // 144 cells: one chunk below 64 territories, several above. A border's ends depend on the
        // third territories beside it, so only pairs of rows 0–3 are compared: all their
        // neighbours are in the first 60 cells (rows 0–4) too.
        let ts = try jitteredGrid(jitter: 3, seed: 12)
        let whole = try ToleranceAdjacency.borders(ts, toleranceMeters: 10, progress: nil)
        let few = try ToleranceAdjacency.borders(Array(ts.prefix(60)), toleranceMeters: 10, progress: nil)
        func inner(_ b: Border) -> Bool { ts.prefix(48).contains { $0.id == b.a } && ts.prefix(48).contains { $0.id == b.b } }
        expectSame(few.filter(inner), whole.filter(inner))
    }
}
