import Testing

@testable import Geo

/// Corridors on world layers the project did not make (issue 28).
///
/// The Siliguri corridor on World Borders 0.3 (a 1:10m-class layer whose
/// neighbours do not align, so its borders are read with a 100 m tolerance):
/// a 1 km corridor from Nepal to Bangladesh across India's "chicken's neck".
/// Every figure here is from scripts/crosscheck_siliguri.py (shapely 2.2.0 and
/// pyproj 3.7.2 on the same layer; its method is in the script): India's main
/// body 2,871,616.45 km², the piece cut off 273,093.33 km²; along Bhutan and
/// Burma India's outline lies within 100 m of the cut-off piece only (567.43
/// and 1,211.41 km), along China of both (1,056.57 km main body, 1,103.05 km
/// cut off), along Nepal (1,235.93 / 162.28 km) and Bangladesh (777.01 /
/// 1,442.12 km) of both; Nepal and Bangladesh lie 22.2 km apart and the
/// corridor reaches both. Tolerance-mode lengths are the mean of the two
/// outlines' matched stretches, shapely's are one outline's within 100 m:
/// they agree to 0.3 % (Nepal's 162.28 km: 161.92 here).
@Suite struct CorridorWorldLayerTests {
    static let siliguri = CorridorSpec(
        id: "siliguri", name: "Siliguri", route: LineString([Coordinate(longitude: 88.0, latitude: 26.6), Coordinate(longitude: 88.6, latitude: 26.3)]),
        widthMeters: 1000)

    @Test func theSiliguriCorridorSplitsIndiaOnWorldBorders() throws {
        let r = try CorridorAnalysis.analyze(Self.siliguri, atlas: WorldBorders.load(), options: .init(toleranceMeters: 100))
        let keys = Set(r.verdicts.map(\.key)), level = r.levels[0].level
        for k in ["split|IND|", "cut_off|IND|BTN", "cut_off|IND|MMR", "partly_cut_off|IND|CHN", "partly_cut_off|IND|NPL", "partly_cut_off|IND|BGD", "linked|BGD|NPL"] {
            #expect(keys.contains("\(level)|\(k)"), "\(k) in \(keys.sorted())")
        }
        let india = try #require(r.levels[0].territories.first { $0.id == "IND" })
        let main = try #require(india.pieces.first { $0.role == .mainBody })
        let cut = india.pieces.filter { $0.role == .cutOff }
        #expect(abs(main.areaKm2 - 2_871_616.45) < 0.5, "\(main.areaKm2) km²; shapely/pyproj 2,871,616.45")
        #expect(cut.count == 1 && abs(cut[0].areaKm2 - 273_093.33) < 0.5, "\(cut.map(\.areaKm2)) km²; shapely/pyproj 273,093.33")
        for (n, onMain, onCut) in [("BTN", 0.0, 567.43), ("MMR", 0, 1_211.41), ("CHN", 1_056.57, 1_103.05), ("NPL", 1_235.93, 162.28), ("BGD", 777.01, 1_442.12)] {
            let b = try #require(r.levels[0].borders.first { Set([$0.a, $0.b]) == ["IND", n] })
            let (m, c) = b.a == "IND" ? (b.aMainBodyKm, b.aCutOffKm) : (b.bMainBodyKm, b.bCutOffKm)
            #expect(abs(m - onMain) <= max(0.002, onMain * 3e-3), "IND–\(n) on the main body: \(m) km; shapely \(onMain)")
            #expect(abs(c - onCut) <= onCut * 3e-3, "IND–\(n) on the cut-off piece: \(c) km; shapely \(onCut)")
        }
        let link = try #require(r.verdicts.first { $0.kind == .linked })
        #expect(link.sentence.hasPrefix("Bangladesh and Nepal, which did not border each other, are linked through the corridor"), "\(link.sentence)")
    }

    /// Without a tolerance the layer is refused, saying why and what to do.
    @Test func exactModeOnWorldBordersSaysToUseATolerance() throws {
        let atlas = try WorldBorders.load()
        do throws(GeoError) {
            _ = try CorridorAnalysis.analyze(Self.siliguri, atlas: atlas)
            Issue.record("exact mode read a layer whose neighbours overlap")
        } catch {
            #expect(error.message.contains("overlap by 0.000000 km²; exact mode needs polygons that share edges without overlapping: use --tolerance"), "\(error.message)")
        }
    }

    /// On Natural Earth 110m the same corridor drawn to 88.45,26.4 stops inside
    /// India: nothing is split or linked, and the report says where the route
    /// stops. The distance: pyproj 3.7.2, the nearest point of Bangladesh's
    /// outline (densified every 0.0001°) in an azimuthal equidistant projection
    /// centred on the end, 8,025.09 m, the same as `Geod.inv` to that point.
    @Test func aRouteThatStopsInsideIndiaSaysHowFarShortOfBangladesh() throws {
        let spec = CorridorSpec(
            id: "short", name: "short", route: LineString([Coordinate(longitude: 88.0, latitude: 26.6), Coordinate(longitude: 88.45, latitude: 26.4)]),
            widthMeters: 1000)
        let r = try CorridorAnalysis.analyze(spec, atlas: WorldLayer.load())
        #expect(!r.verdicts.contains { $0.kind == .split || $0.kind == .linked }, "\(r.verdicts.map(\.key))")
        #expect(r.routeEnds.count == 2)
        #expect(r.routeEnds[0].inside == "NPL" && r.routeEnds[0].nearestUnreached != nil)
        #expect(r.routeEnds[1].inside == "IND" && r.routeEnds[1].nearestUnreached == "BGD")
        let km = try #require(r.routeEnds[1].nearestUnreachedKm)
        #expect(abs(km - 8.025) <= 0.001, "\(km) km; pyproj 8.025")
        #expect(r.routeSentence == "The route starts inside Nepal and ends inside India, 8.03 km short of Bangladesh, the nearest territory it does not reach.", "\(r.routeSentence ?? "nil")")
    }

    /// A corridor given as a polygon has no route ends.
    @Test func aPolygonCorridorHasNoRouteEnds() throws {
        let box = Polygon(rings: [[(88.2, 26.4), (88.4, 26.4), (88.4, 26.6), (88.2, 26.6), (88.2, 26.4)].map { Coordinate(longitude: $0.0, latitude: $0.1) }])
        let r = try CorridorAnalysis.analyze(CorridorSpec(id: "p", name: "p", route: nil, widthMeters: 0, polygon: .polygon(box)), atlas: WorldLayer.load())
        #expect(r.routeEnds.isEmpty && r.routeSentence == nil)
    }
}

/// Corridors across the antimeridian (issue 28), on Natural Earth 110m, where
/// Russia's main outline ends at 180° and its part east of it (Chukotka's
/// tip) starts at −180°. A 1 km corridor from the Arctic Ocean at 178.0,70.2
/// to the Bering Sea at −177.5,63.5 cuts the tip off: one piece of
/// 113,587.81 km² that lies on both sides of 180° (scripts/crosscheck_antimeridian.py:
/// shapely 2.2.0 and pyproj 3.7.2, longitudes west of Greenwich read +360°).
@Suite struct CorridorAcross180Tests {
    static let chukotka = CorridorSpec(
        id: "chukotka", name: "Chukotka",
        route: LineString([Coordinate(longitude: 178.0, latitude: 70.2), Coordinate(longitude: -177.5, latitude: 63.5)]), widthMeters: 1000)

    @Test func aCorridorAcross180CutsChukotkasTipOffAsOnePiece() throws {
        let r = try CorridorAnalysis.analyze(Self.chukotka, atlas: WorldLayer.load())
        #expect(r.verdicts.map(\.key) == ["\(r.levels[0].level)|split|RUS|"], "\(r.verdicts.map(\.key))")
        let russia = try #require(r.levels[0].territories.first { $0.id == "RUS" })
        let cut = russia.pieces.filter { $0.role == .cutOff }
        #expect(cut.count == 1 && abs(cut[0].areaKm2 - 113_587.81) < 0.5, "\(cut.map(\.areaKm2)) km²; shapely/pyproj 113,587.81")
        #expect(abs(russia.areaInsideKm2 - 391.24) < 0.05, "\(russia.areaInsideKm2) km²; shapely/pyproj 391.24")
        // Back in RFC 7946's form: the corridor and the piece are split at 180°, every longitude in range.
        for g in [r.corridor] + (r.levels[0].pieceGeometries["RUS"] ?? []) {
            g.forEachSequence { cs in #expect(cs.allSatisfy { abs($0.longitude) <= 180 }) }
        }
        #expect(r.corridor.polygons.count == 2, "the corridor in two parts that meet at 180°")
        #expect(r.routeEnds.map(\.coordinate) == [[178.0, 70.2], [-177.5, 63.5]])
    }

    /// The route as RFC 7946 writes it: cut at 180°, where (by hand) the
    /// straight line from 178° to 182.5° (−177.5°) reaches 180° at
    /// 70.2 − 6.7 × 2/4.5 = 67.2222…° N.
    @Test func aRouteAcross180IsCutThereForGeoJSON() throws {
        guard case .multiLineString(let parts) = Self.chukotka.route!.splitAtAntimeridian else {
            Issue.record("not cut")
            return
        }
        #expect(parts.count == 2)
        #expect(parts[0].coordinates.last!.longitude == 180 && parts[1].coordinates.first!.longitude == -180)
        #expect(abs(parts[0].coordinates.last!.latitude - (70.2 - 6.7 * 2 / 4.5)) < 1e-12)
        #expect(parts[1].coordinates.last == Coordinate(longitude: -177.5, latitude: 63.5))
        // A route that does not cross is itself.
        let plain = LineString([Coordinate(longitude: 10, latitude: 0), Coordinate(longitude: 11, latitude: 1)])
        #expect(plain.splitAtAntimeridian == .lineString(plain))
    }
}
