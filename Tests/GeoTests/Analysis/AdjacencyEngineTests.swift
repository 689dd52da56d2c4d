import Testing

@testable import Geo

/// Synthetic layers whose answer is known by construction.
@Suite struct AdjacencyEngineTests {
    /// An n×n grid of `size`-degree cells starting at (x0, y0); ids "r{row}c{col}".
    func grid(_ n: Int, size: Double = 0.1, x0: Double = 44, y0: Double = 39) -> [Territory] {
        var ts: [Territory] = []
        // Each grid line computed once, so neighbours share exactly the same vertices.
        let xs = (0...n).map { x0 + Double($0) * size }, ys = (0...n).map { y0 + Double($0) * size }
        for r in 0..<n {
            for c in 0..<n {
                let ring: [Coordinate] = [
                    .init(longitude: xs[c], latitude: ys[r]), .init(longitude: xs[c + 1], latitude: ys[r]),
                    .init(longitude: xs[c + 1], latitude: ys[r + 1]), .init(longitude: xs[c], latitude: ys[r + 1]),
                    .init(longitude: xs[c], latitude: ys[r]),
                ]
                ts.append(Territory(id: "r\(r)c\(c)", name: "cell \(r),\(c)", level: .province, kind: "cell", geometry: .polygon(Polygon(exterior: ring))))
            }
        }
        return ts
    }

    @Test func gridRookAndQueenPairsAreCountedExactly() throws {
        let n = 5
        let rook = try AdjacencyEngine(options: .init(mode: .rook)).graph(of: grid(n))
        // n rows × (n−1) horizontal neighbours, twice (rows and columns).
        #expect(rook.borders.count == 2 * n * (n - 1))
        #expect(rook.borders.allSatisfy { $0.contact == .edge })
        let queen = try AdjacencyEngine(options: .init(mode: .queen)).graph(of: grid(n))
        // Plus 2 diagonal corner contacts per inner grid vertex: 2(n−1)².
        #expect(queen.borders.count == 2 * n * (n - 1) + 2 * (n - 1) * (n - 1))
        #expect(queen.borders.filter { $0.contact == .point }.count == 2 * (n - 1) * (n - 1))
        #expect(queen.neighbors(of: "r2c2").count == 8)
        #expect(queen.neighbors(of: "r0c0").count == 3)
    }

    @Test func sharedEdgeLengthIsTheGeodesicLengthOfThatEdge() throws {
        let g = try AdjacencyEngine().graph(of: grid(3))
        // r0c0 and r0c1 share the meridian segment at 44.1°E from 39.0°N to 39.1°N.
        let b = try #require(g.border("r0c0", "r0c1"))
        let expected = Geodesic.distanceMeters(.init(longitude: 44.1, latitude: 39.0), .init(longitude: 44.1, latitude: 39.1))
        #expect(abs(b.lengthMeters - expected) < 1e-6)
        #expect(b.lines.count == 1)
        // Independently: 0.1° of meridian from 39.0°N to 39.1°N on WGS84 is 11,101.6435 m
        // (GeographicLib's algorithm as pyproj 3.7.2 runs it: Geod(ellps="WGS84").inv(44.1, 39, 44.1, 39.1)).
        #expect(abs(b.lengthMeters - 11_101.6435) < 0.001)
        // The centre cell's corner is a tripoint of four cells.
        #expect(b.tripoints.contains { $0.coordinate == Coordinate(longitude: 44.1, latitude: 39.1) && $0.territories.count == 4 })
    }

    /// The engine refuses an empty territory itself, whoever calls the library (issue 16: an
    /// empty Polygon crashed in the R-tree), in exact mode, through GEOS and in tolerance mode.
    @Test(arguments: [AdjacencyEngine.Options(), .init(exactMethod: .geos), .init(toleranceMeters: 10)])
    func anEmptyTerritoryIsRefusedNotCrashedOn(_ options: AdjacencyEngine.Options) {
        let ts = grid(2) + [Territory(id: "e", name: "e", level: .province, kind: "test", geometry: .polygon(Polygon(rings: [])))]
        do {
            _ = try AdjacencyEngine(options: options).graph(of: ts)
            Issue.record("an empty territory was accepted")
        } catch {
            #expect(error.message == "territory \"e\" has an empty Polygon; a territory needs at least one ring")
        }
    }

    @Test func adjacencyIsSymmetric() throws {
        let g = try AdjacencyEngine().graph(of: grid(4))
        for t in g.territories {
            for n in g.neighbors(of: t.id) {
                #expect(g.neighbors(of: n).contains(t.id))
                #expect(g.border(t.id, n) == g.border(n, t.id))
            }
        }
    }

    /// A Voronoi tessellation of 60 points from a fixed seed: two cells share an
    /// edge exactly when their sites are joined in the Delaunay triangulation
    /// (the duality of the two diagrams), computed here by GEOS independently.
    @Test func voronoiNeighboursAreDelaunayEdges() throws {
        var rng = SplitMix64(seed: 20_261_124)
        var sites: [Coordinate] = []
        for _ in 0..<60 { sites.append(.init(longitude: 44 + rng.unit() * 2, latitude: 39 + rng.unit() * 2)) }
        let ctx = try GEOSContext()
        let multipoint = try ctx.make(.multiPoint(sites))
        let frame = try ctx.make(.polygon(Polygon(exterior: [
            .init(longitude: 40, latitude: 35), .init(longitude: 50, latitude: 35), .init(longitude: 50, latitude: 45),
            .init(longitude: 40, latitude: 45), .init(longitude: 40, latitude: 35),
        ])))
        let cells = try ctx.value(of: multipoint.voronoiDiagram(envelope: frame))
        let polygons = cells.polygons
        #expect(polygons.count == 60)
        let sitePoints = try sites.map { try ctx.makePoint($0) }
        var territories: [Territory] = []
        for p in polygons {
            let poly = try ctx.make(.polygon(p))
            let site = try sitePoints.firstIndex { try poly.contains($0) }!
            territories.append(Territory(id: String(format3(site)), name: "site \(site)", level: .province, kind: "cell", geometry: .polygon(p)))
        }
        let graph = try AdjacencyEngine(options: .init(mode: .rook)).graph(of: territories)
        var delaunay = Set<[String]>()
        for edge in try ctx.value(of: multipoint.delaunayEdges()).lineStrings {
            let ends = edge.coordinates.map { c in format3(sites.firstIndex(of: c)!) }.sorted()
            delaunay.insert(ends)
        }
        let found = Set(graph.borders.map { [$0.a, $0.b] })
        #expect(found == delaunay)
    }

    func format3(_ i: Int) -> String {
        let s = String(i)
        return String(repeating: "0", count: 3 - s.count) + s
    }

    /// Two 1 km squares side by side in a local metric frame near Kapan.
    func squares(gapMeters: Double) throws -> [Territory] {
        let projection = try LocalProjection(center: .init(longitude: 46.4, latitude: 39.2))
        func square(_ x: Double) throws -> Geometry {
            let ring = try projection.inverse([
                .init(longitude: x, latitude: 0), .init(longitude: x + 1000, latitude: 0),
                .init(longitude: x + 1000, latitude: 1000), .init(longitude: x, latitude: 1000), .init(longitude: x, latitude: 0),
            ])
            return .polygon(Polygon(exterior: ring))
        }
        return [
            Territory(id: "A", name: "A", level: .province, kind: "square", geometry: try square(0)),
            Territory(id: "B", name: "B", level: .province, kind: "square", geometry: try square(1000 + gapMeters)),
        ]
    }

    @Test func aTenMetreGapIsBridgedByAFiftyMetreTolerance() throws {
        let ts = try squares(gapMeters: 10)
        #expect(try AdjacencyEngine().graph(of: ts).borders.isEmpty, "exact mode sees no contact")
        let g = try AdjacencyEngine(options: .init(toleranceMeters: 50)).graph(of: ts)
        let b = try #require(g.border("A", "B"))
        #expect(b.contact == .edge)
        // The facing sides are 1000 m long by construction.
        #expect(abs(b.lengthMeters - 1000) < 0.5)
        #expect(abs(b.maxGapMeters - 10) < 0.01)
        #expect(b.overlapAreaSquareMeters == 0)
    }

    @Test func aOneKilometreGapIsNotBridgedByFiftyMetres() throws {
        let g = try AdjacencyEngine(options: .init(toleranceMeters: 50)).graph(of: try squares(gapMeters: 1000))
        #expect(g.borders.isEmpty)
    }

    @Test func anOverlapIsBridgedAndMeasuredInToleranceModeAndRefusedInExactMode() throws {
        let ts = try squares(gapMeters: -20)  // B starts 20 m inside A
        #expect(throws: GeoError.self) { try AdjacencyEngine().graph(of: ts) }
        do {
            _ = try AdjacencyEngine().graph(of: ts)
        } catch {
            #expect(error.message.contains("overlap by 0.02"))
            #expect(error.message.contains("--tolerance"))
        }
        let g = try AdjacencyEngine(options: .init(toleranceMeters: 50)).graph(of: ts)
        let b = try #require(g.border("A", "B"))
        #expect(b.contact == .edge)
        // 20 m × 1000 m of overlap.
        #expect(abs(b.overlapAreaSquareMeters - 20_000) < 1)
        #expect(abs(b.lengthMeters - 1000) < 0.5)
    }

    @Test func tripointsOfBordersWithManyLines() {
        // A–B and B–C each made of 600 separate unit lines meeting at (k, 1): 1,200
        // border ends per border, past the place table's first size, so it must grow.
        let c = { (x: Double, y: Double) in Coordinate(longitude: x, latitude: y) }
        let ab = (0..<600).map { k in LineString([c(Double(k) * 0.001, 0), c(Double(k) * 0.001, 0.001)]) }
        let bc = (0..<600).map { k in LineString([c(Double(k) * 0.001, 0.001), c(Double(k) * 0.001, 0.002)]) }
        var borders = [
            Border(a: "A", b: "B", contact: .edge, lengthMeters: 1, lines: ab, points: []),
            Border(a: "B", b: "C", contact: .edge, lengthMeters: 1, lines: bc, points: []),
        ]
        AdjacencyEngine.addTripoints(&borders)
        let expected = (0..<600).map { k in Tripoint(coordinate: c(Double(k) * 0.001, 0.001), territories: ["A", "B", "C"]) }
        #expect(borders[0].tripoints == expected)
        #expect(borders[1].tripoints == expected)
    }

    @Test func duplicateIdsAreRefused() {
        var ts = grid(2)
        ts[1].id = ts[0].id
        #expect(throws: GeoError.self) { try AdjacencyEngine().graph(of: ts) }
    }

    @Test func pathsAndComponents() throws {
        // Two separate 2×2 grids far apart.
        let left = grid(2)
        let right = grid(2, x0: 50).map { t -> Territory in
            var t = t
            t.id = "x" + t.id
            return t
        }
        let g = try AdjacencyEngine(options: .init(mode: .rook)).graph(of: left + right)
        #expect(g.components().count == 2)
        #expect(g.shortestPaths(from: "r0c0", to: "r1c1") == [["r0c0", "r0c1", "r1c1"], ["r0c0", "r1c0", "r1c1"]])
        #expect(g.shortestPaths(from: "r0c0", to: "r1c1", avoiding: ["r0c1"]) == [["r0c0", "r1c0", "r1c1"]])
        #expect(g.shortestPaths(from: "r0c0", to: "r1c1", avoiding: ["r0c1", "r1c0"]).isEmpty)
        #expect(g.shortestPaths(from: "r0c0", to: "xr0c0").isEmpty)
    }
}

/// A small deterministic generator (SplitMix64), so synthetic layers are the same on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

