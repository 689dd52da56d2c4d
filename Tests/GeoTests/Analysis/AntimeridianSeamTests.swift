import Testing

@testable import Geo

/// Territories split at 180° (RFC 7946 §3.1.9) meet across the seam, in
/// every mode (issue 16, finding 5).
@Suite struct AntimeridianSeamTests {
    func box(_ id: String, _ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> Territory {
        let ring: [Coordinate] = [
            .init(longitude: x0, latitude: y0), .init(longitude: x1, latitude: y0), .init(longitude: x1, latitude: y1),
            .init(longitude: x0, latitude: y1), .init(longitude: x0, latitude: y0),
        ]
        return Territory(id: id, name: id, level: .province, kind: "test", geometry: .polygon(Polygon(exterior: ring)))
    }

    /// w1, w2 west of the seam (ending at 180), e1 east of it (starting at -180):
    /// w1–e1 share 10°–11° N of the meridian, w2 touches e1 at 11° N only.
    var layer: [Territory] {
        [box("w1", 179, 10, 180, 11), box("w2", 179, 11, 180, 12), box("e1", -180, 10, -179, 11)]
    }

    @Test(arguments: [AdjacencyEngine.ExactMethod.automatic, .geos])
    func cellsSplitAt180ShareTheMeridianStretch(method: AdjacencyEngine.ExactMethod) throws {
        let g = try AdjacencyEngine(options: .init(exactMethod: method)).graph(of: layer)
        let across = try #require(g.border("w1", "e1"))
        #expect(across.contact == .edge)
        // The meridian arc from 10° to 11° N on WGS84, by Simpson's rule on
        // a(1−e²)/(1−e² sin²φ)^1.5 (200,000 steps, by hand in Python): 110,611.187 m.
        #expect(abs(across.lengthMeters - 110_611.187) < 0.01, "\(across.lengthMeters)")
        #expect(across.lines == [LineString([.init(longitude: 180, latitude: 10), .init(longitude: 180, latitude: 11)])])
        let corner = try #require(g.border("e1", "w2"))
        #expect(corner.contact == .point)
        #expect(corner.points == [.init(longitude: 180, latitude: 11)])
        // The three meet at 180° E, 11° N: a tripoint on both sides of the seam.
        #expect(across.tripoints.map(\.territories) == [["e1", "w1", "w2"]])
        // Rook mode drops the corner only.
        let rook = try AdjacencyEngine(options: .init(mode: .rook, exactMethod: method)).graph(of: layer)
        #expect(rook.borders.map { "\($0.a)–\($0.b)" } == ["e1–w1", "w1–w2"])
    }

    @Test func aPathCrossesTheSeam() throws {
        let g = try AdjacencyEngine().graph(of: layer + [box("e2", -179, 10, -178, 11)])
        // w2 touches e1 at the corner 180° E, 11° N (queen): the one shortest path goes through it.
        #expect(g.shortestPaths(from: "w2", to: "e2") == [["w2", "e1", "e2"]])
        // Without the corner (rook) it goes round through w1.
        let rook = try AdjacencyEngine(options: .init(mode: .rook)).graph(of: layer + [box("e2", -179, 10, -178, 11)])
        #expect(rook.shortestPaths(from: "w2", to: "e2") == [["w2", "w1", "e1", "e2"]])
        #expect(g.components().count == 1)
    }

    @Test func toleranceModeJoinsMisalignedSeamCells() throws {
        // The east cell starts 0.5 m short of the seam (0.5 m at 10° N is about 4.6e-6° of longitude).
        let ts = [box("w1", 179, 10, 180, 11), box("e1", -179.999995, 10, -179, 11)]
        let exact = try AdjacencyEngine().graph(of: ts)
        #expect(exact.borders.isEmpty)
        let g = try AdjacencyEngine(options: .init(toleranceMeters: 2)).graph(of: ts)
        let b = try #require(g.border("w1", "e1"))
        #expect(b.contact == .edge)
        #expect(abs(b.lengthMeters - 110_611.187) < 0.01, "\(b.lengthMeters)")
    }

    @Test func aMultiPolygonOnBothSidesDoesNotBorderItself() throws {
        let both = Territory(
            id: "chukotka", name: "c", level: .province, kind: "test",
            geometry: .multiPolygon([box("x", 179, 60, 180, 61).geometry.polygons[0], box("y", -180, 60, -179, 61).geometry.polygons[0]]))
        let g = try AdjacencyEngine().graph(of: [both, box("n", 179, 61, 180, 62)])
        #expect(g.borders.map { "\($0.a)–\($0.b)" } == ["chukotka–n"])
        // n touches the east part only at 180° E, 61° N, across the seam; its edge with the west part is 1° long.
        #expect(g.borders[0].contact == .edge)
    }

    /// The adjacency fuzz target's first finding (Fuzz/findings, issue 16), cut down: a
    /// territory in parts on both sides of 180°, whose bounds are therefore 356° wide. Tolerance
    /// mode projected it around its bounds' centre (near 2° E), where both of its parts wrap
    /// round beside each other and beside its neighbours across the seam: the seam border came
    /// out twice (1,113.685 km for 556.843) and the fuzzed layer gained a 10,220 km border
    /// between cells that touch at a point. Now each pair is worked on near its common bounds,
    /// and shapes are cut to a band of plain longitude, so only the seam pass crosses 180°.
    /// Lengths: pyproj 3.7.2, Geod(ellps="WGS84").inv(180, -60, 180, -55) = 556,842.506 m and
    /// inv(-176, -50, -176, -45) = 555,902.664 m.
    @Test(arguments: [0.0, 50])
    func aTerritoryOnBothSidesIsWorkedOnNearEachNeighbour(_ toleranceMeters: Double) throws {
        let both = Territory(
            id: "A", name: "A", level: .province, kind: "test",
            geometry: .multiPolygon([box("x", 175, -60, 180, -55).geometry.polygons[0], box("y", -176, -50, -170, -45).geometry.polygons[0]]))
        let ts = [both, box("B", -180, -60, -175, -55), box("C", -180, -50, -176, -45)]
        let g = try AdjacencyEngine(options: .init(toleranceMeters: toleranceMeters)).graph(of: ts)
        #expect(g.borders.map { "\($0.a)–\($0.b) \($0.contact)" } == ["A–B edge", "A–C edge"])
        let ab = try #require(g.border("A", "B")), ac = try #require(g.border("A", "C"))
        #expect(abs(ab.lengthMeters - 556_842.506) < 0.01 + toleranceMeters / 10, "\(ab.lengthMeters) m")
        #expect(ab.lines.count == 1)
        #expect(abs(ac.lengthMeters - 555_902.664) < 0.01 + toleranceMeters / 10, "\(ac.lengthMeters) m")
    }

    /// A Voronoi layer around the meridian 0, and the same layer moved by
    /// 180° of longitude and split there: every pair and every length must
    /// be the same (a shift in longitude changes no geodesic length; each
    /// cell crossing the seam is cut in two at points both neighbours share).
    @Test(arguments: [0.0, 45, 70])
    func aVoronoiLayerSplitAt180HasTheBordersOfTheUnsplitLayer(latitude: Double) throws {
        var rng = SplitMix64(seed: 1816 + UInt64(latitude))
        let sites = (0..<400).map { _ in Coordinate(longitude: -2 + rng.unit() * 4, latitude: latitude - 1 + rng.unit() * 2) }
        let ctx = try GEOSContext()
        let frame = try ctx.make(.polygon(Polygon(exterior: [
            .init(longitude: -3, latitude: latitude - 2), .init(longitude: 3, latitude: latitude - 2),
            .init(longitude: 3, latitude: latitude + 2), .init(longitude: -3, latitude: latitude + 2), .init(longitude: -3, latitude: latitude - 2),
        ])))
        let cells = try ctx.value(of: ctx.make(.multiPoint(sites)).voronoiDiagram(envelope: frame)).polygons
        // The truth: the layer moved east by 180° (longitudes up to 183°, which GEOS and the
        // geodesics take as they are), each edge crossing 180° given a vertex there.
        let plain = cells.enumerated().map { cell in
            Territory(
                id: "c\(cell.offset)", name: "c", level: .province, kind: "cell",
                geometry: .polygon(Polygon(exterior: Self.withCrossings(Self.shifted(cell.element, by: 180).exterior))))
        }
        let split = try plain.map { t in
            var t = t
            t.geometry = try Self.splitAt180(t.geometry.polygons[0])
            return t
        }
        #expect(split.contains { $0.geometry.polygons.count == 2 }, "no cell crosses the seam")
        let truth = try AdjacencyEngine().graph(of: plain)
        for method in AdjacencyEngine.ExactMethod.allCases {
            let g = try AdjacencyEngine(options: .init(exactMethod: method)).graph(of: split)
            #expect(g.borders.map { "\($0.a)–\($0.b) \($0.contact)" } == truth.borders.map { "\($0.a)–\($0.b) \($0.contact)" }, "\(method)")
            for (x, y) in zip(g.borders, truth.borders) where abs(x.lengthMeters - y.lengthMeters) > 1e-3 {
                Issue.record("\(method) \(x.a)–\(x.b): \(x.lengthMeters) m split vs \(y.lengthMeters) m")
            }
            #expect(g.borders.map(\.tripoints.count) == truth.borders.map(\.tripoints.count), "\(method)")
        }
    }

    static func shifted(_ p: Polygon, by degrees: Double) -> Polygon {
        Polygon(rings: p.rings.map { $0.map { Coordinate(longitude: $0.longitude + degrees, latitude: $0.latitude) } })
    }

    /// The ring with a vertex where an edge crosses 180°, computed from the
    /// edge's ends in a fixed order so both cells sharing it get it alike.
    static func withCrossings(_ ring: [Coordinate]) -> [Coordinate] {
        var out: [Coordinate] = []
        for (a, b) in zip(ring, ring.dropFirst()) {
            out.append(a)
            if (a.longitude < 180 && b.longitude > 180) || (a.longitude > 180 && b.longitude < 180) {
                let (p, q) = (a.longitude, a.latitude) < (b.longitude, b.latitude) ? (a, b) : (b, a)
                let t = (180 - p.longitude) / (q.longitude - p.longitude)
                out.append(Coordinate(longitude: 180, latitude: p.latitude + t * (q.latitude - p.latitude)))
            }
        }
        return out + [ring[0]]
    }

    /// A convex ring with longitudes in (177, 183) and a vertex wherever it
    /// crosses 180, cut there: the part beyond moved to [-180, -177].
    static func splitAt180(_ p: Polygon) throws -> Geometry {
        var west: [Coordinate] = [], east: [Coordinate] = []
        for a in p.exterior.dropLast() {
            if a.longitude <= 180 { west.append(a) }
            if a.longitude >= 180 { east.append(a) }
        }
        func closed(_ r: [Coordinate]) -> [Coordinate] { r + [r[0]] }
        let eastMoved = east.map { Coordinate(longitude: $0.longitude - 360, latitude: $0.latitude) }
        switch (west.count >= 3, east.count >= 3) {
        case (true, true): return .multiPolygon([Polygon(exterior: closed(west)), Polygon(exterior: closed(eastMoved))])
        case (true, false): return .polygon(Polygon(exterior: closed(west)))
        default: return .polygon(Polygon(exterior: closed(eastMoved)))
        }
    }
}
