import Testing

@testable import Geo

/// Hand-computable planar cases (unit squares), checked through the bridge.
@Suite struct GEOSBridgeTests {
    func square(_ x: Double, _ y: Double, _ size: Double = 1) -> Geometry {
        .polygon(
            Polygon(exterior: [
                .init(longitude: x, latitude: y), .init(longitude: x + size, latitude: y),
                .init(longitude: x + size, latitude: y + size), .init(longitude: x, latitude: y + size),
                .init(longitude: x, latitude: y),
            ]))
    }

    @Test func roundTripThroughGEOSKeepsCoordinates() throws {
        let ctx = try GEOSContext()
        let g = Geometry.multiPolygon([square(0, 0).polygons[0], square(5, 5, 2).polygons[0]])
        #expect(try ctx.value(of: ctx.make(g)) == g)
        let line = Geometry.lineString(LineString([.init(longitude: 1.25, latitude: 2.5), .init(longitude: 3, latitude: 4)]))
        #expect(try ctx.value(of: ctx.make(line)) == line)
        let pt = Geometry.point(.init(longitude: 46.40678, latitude: 39.20762))
        #expect(try ctx.value(of: ctx.make(pt)) == pt)
    }

    @Test func overlayOperations() throws {
        let ctx = try GEOSContext()
        let a = try ctx.make(square(0, 0, 2))
        let b = try ctx.make(square(1, 1, 2))
        #expect(try a.intersection(b).planarArea() == 1)
        #expect(try a.difference(b).planarArea() == 3)
        #expect(try a.union(b).planarArea() == 7)
        let both = try ctx.make(.multiPolygon([square(0, 0).polygons[0], square(1, 0).polygons[0]]))
        let merged = try both.unaryUnion()
        #expect(try merged.planarArea() == 2)
        #expect(merged.typeID == 3)  // one Polygon
        #expect(try both.coverageUnion().planarArea() == 2)
    }

    @Test func sharedEdgeIsALineOfLengthOne() throws {
        let ctx = try GEOSContext()
        let a = try ctx.make(square(0, 0))
        let b = try ctx.make(square(1, 0))
        #expect(try a.touches(b))
        #expect(try a.relatePattern(b, "F***1****"))
        #expect(try a.relate(b) == "FF2F11212")
        let shared = try a.boundary().intersection(b.boundary()).lineMerge()
        #expect(try shared.planarLength() == 1)
        // Corner contact only: touches, but the boundaries meet in a point.
        let c = try ctx.make(square(1, 1))
        #expect(try a.touches(c))
        #expect(try !a.relatePattern(c, "F***1****"))
        #expect(try a.relatePattern(c, "F***0****"))
    }

    @Test func bufferWithFlatEnds() throws {
        let ctx = try GEOSContext()
        let line = try ctx.make(.lineString(LineString([.init(longitude: 0, latitude: 0), .init(longitude: 10, latitude: 0)])))
        // A 10-long segment buffered by 1 with flat ends is a 10 × 2 rectangle.
        #expect(abs(try line.buffer(1, capStyle: .flat).planarArea() - 20) < 1e-9)
        // Round ends add a circle of radius 1 (approximated by 32 segments).
        let round = try line.buffer(1, capStyle: .round).planarArea()
        #expect(round > 23.0 && round < 20 + Double.pi)
    }

    @Test func distanceAndNearestPoints() throws {
        let ctx = try GEOSContext()
        let a = try ctx.make(square(0, 0))
        let b = try ctx.make(square(3, 0))
        #expect(try a.distance(b) == 2)
        let (p, q) = try a.nearestPoints(b)
        #expect(p.longitude == 1 && q.longitude == 3)
    }

    @Test func validityReportsGEOSReasonAndLocation() throws {
        let bowtie = Geometry.polygon(
            Polygon(exterior: [
                .init(longitude: 0, latitude: 0), .init(longitude: 1, latitude: 1), .init(longitude: 1, latitude: 0),
                .init(longitude: 0, latitude: 1), .init(longitude: 0, latitude: 0),
            ]))
        let report = try bowtie.validity()
        #expect(!report.isValid)
        #expect(report.reason == "Self-intersection")
        #expect(report.location == Coordinate(longitude: 0.5, latitude: 0.5))
        let fixed = try bowtie.madeValid()
        #expect(try fixed.validity().isValid)
        #expect(fixed.polygons.count == 2)
        #expect(try square(0, 0).validity().isValid)
    }

    @Test func preparedPredicatesAgreeWithPlainOnes() throws {
        let ctx = try GEOSContext()
        let big = try GEOSPrepared(ctx.make(square(0, 0, 10)))
        let inside = try ctx.make(square(2, 2))
        let across = try ctx.make(square(9.5, 2))
        let outside = try ctx.make(square(20, 20))
        #expect(try big.contains(inside) && big.intersects(inside))
        #expect(try !big.contains(across) && big.intersects(across))
        #expect(try !big.intersects(outside))
        #expect(try big.distanceWithin(outside, 15) && !big.distanceWithin(outside, 14))
    }

    @Test func strtreeReturnsIntegerIndices() throws {
        let ctx = try GEOSContext()
        let tree = try GEOSSTRtree(context: ctx)
        var geoms: [GEOSGeom] = []
        for i in 0..<100 {
            let g = try ctx.make(square(Double(i % 10) * 2, Double(i / 10) * 2))
            geoms.append(g)
            try tree.insert(g, index: i)
        }
        // A box over the cells at columns 0–1, rows 0–1: indices 0, 1, 10, 11.
        let probe = try ctx.make(square(0.5, 0.5, 2))
        #expect(tree.query(probe) == [0, 1, 10, 11])
        #expect(tree.query(try ctx.make(square(100, 100))) == [])
    }

    @Test func wktRoundTrip() throws {
        let g = try Geometry(wkt: "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 2, 2 2, 2 1, 1 1))")
        #expect(g.polygons.count == 1 && g.polygons[0].rings.count == 2)
        #expect(try g.wkt() == "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 1 2, 2 2, 2 1, 1 1))")
        #expect(throws: GeoError.self) { try Geometry(wkt: "POLYGON ((0 0, 1 1") }
    }

    @Test func geosErrorsCarryTheOperationAndMessage() throws {
        do {
            _ = try Geometry(wkt: "NOT A GEOMETRY")
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .geos)
            #expect(error.operation == "GEOSWKTReader_read_r")
            #expect(error.message.contains("ParseException"))
        }
    }

    @Test func ringsAreCheckedBeforeGEOSSeesThem() throws {
        let ctx = try GEOSContext()
        let open = Geometry.polygon(
            Polygon(exterior: [.init(longitude: 0, latitude: 0), .init(longitude: 1, latitude: 0), .init(longitude: 1, latitude: 1), .init(longitude: 0, latitude: 1)]))
        #expect(throws: GeoError.self) { try ctx.make(open) }
    }

    @Test func contextsWorkOnSeveralThreadsAtOnce() async throws {
        // One context per task, never shared: every task gets the exact answer.
        let results = try await withThrowingTaskGroup(of: Double.self) { group in
            for i in 0..<8 {
                group.addTask {
                    let ctx = try GEOSContext()
                    let a = try ctx.make(self.square(0, 0, Double(i + 2)))
                    let b = try ctx.make(self.square(1, 1, Double(i + 2)))
                    return try a.intersection(b).planarArea()
                }
            }
            var all: [Double] = []
            for try await r in group { all.append(r) }
            return all.sorted()
        }
        let expected: [Double] = (1...8).map { (i: Int) -> Double in Double(i * i) }
        #expect(results == expected)
    }
}
