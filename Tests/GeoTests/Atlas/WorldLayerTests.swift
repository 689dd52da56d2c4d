import Foundation
import Testing

@testable import Geo

/// A world layer the project did not make (Natural Earth 110m, as geopandas
/// shipped it) reads through both readers (issue 28): the float noise at 180°
/// and Antarctica's ring along the pole need no flag; Sudan's self-crossing
/// outline (invalid for shapely too) needs `--repair`, as any invalid polygon.
@Suite struct WorldLayerTests {
    /// The three positions of Russia at longitude 180.00000000000006 and
    /// Antarctica's ring along latitude −90 were read off the files' bytes
    /// (Tests/Fixtures/naturalearth/README.md). Areas: pyproj 3.7.2
    /// `Geod(ellps="WGS84").polygon_area_perimeter` on the rings densified
    /// every 0.01° along longitude/latitude: Russia 16,990,564.9 km²,
    /// Antarctica 12,337,385.4 km², Fiji 19,287.8 km².
    @Test func naturalEarth110mReadsWithoutAFlag() throws {
        let atlas = try WorldLayer.load()
        #expect(atlas.territories.count == 177)
        #expect(atlas.warnings.contains { $0.hasSuffix("3 positions lay less than 1e-9° beyond ±180° or ±90° (float noise, e.g. longitude 180.00000000000006) and were put on the range's end") }, "\(atlas.warnings)")
        let russia = try #require(atlas.territory(id: "RUS"))
        var east = -Double.infinity
        russia.geometry.forEachSequence { cs in for c in cs { east = max(east, c.longitude) } }
        #expect(east == 180)
        for (id, km2) in [("RUS", 16_990_564.9), ("ATA", 12_337_385.4), ("FJI", 19_287.8)] {
            let t = try #require(atlas.territory(id: id))
            let area = Geodesic.areaSquareMeters(t.geometry) / 1e6
            #expect(abs(area - km2) / km2 < 1e-4, "\(id): \(area) km², pyproj \(km2)")
        }
    }

    @Test func theShapefileAsShippedReadsTheSameThroughGDAL() throws {
        let atlas = try Atlas.user(files: [WorldLayer.shapefile], fields: WorldLayer.fields, repair: true)
        #expect(atlas.territories.count == 177)
        #expect(atlas.warnings.contains { $0.hasSuffix("3 positions lay less than 1e-9° beyond ±180° or ±90° (float noise, e.g. longitude 180.00000000000006) and were put on the range's end") }, "\(atlas.warnings)")
        let fromJSON = try WorldLayer.load()
        // The same rings (GDAL hands the shapefile's rings over in another
        // orientation, and ogr2ogr's GeoJSON rounds some doubles in their 16th
        // digit): as many positions and the same box.
        for t in atlas.territories {
            let other = try #require(fromJSON.territory(id: t.id))
            var a = 0, b = 0
            t.geometry.forEachSequence { a += $0.count }
            other.geometry.forEachSequence { b += $0.count }
            #expect(a == b || t.id == "SDN", "\(t.id) (Sudan is repaired, from rings in another order)")
            let boxA = try #require(t.geometry.boundingBox), boxB = try #require(other.geometry.boundingBox)
            #expect(abs(boxA.west - boxB.west) + abs(boxA.east - boxB.east) + abs(boxA.south - boxB.south) + abs(boxA.north - boxB.north) < 1e-9, "\(t.id)")
        }
    }

    /// A 1:10m-class layer (World Borders 0.3) through GDAL: no `.prj` (read as
    /// longitude/latitude, which every position is), its four self-crossing
    /// outlines repaired with a warning each (shapely 2.2.0 `is_valid` finds the
    /// same four). Areas: pyproj 3.7.2, on shapely's `make_valid` of each outline
    /// densified every 0.001° (scripts/crosscheck_siliguri.py's method).
    @Test func worldBorders03ReadsWithItsFourSelfCrossingOutlinesRepaired() throws {
        let atlas = try WorldBorders.load()
        #expect(atlas.territories.count == 246)
        let repaired = atlas.warnings.filter { $0.contains("repaired Ring Self-intersection") }
        #expect(repaired.count == 4, "\(atlas.warnings)")
        for id in ["CAN", "CHL", "NOR", "RUS"] { #expect(repaired.contains { $0.contains("(id \"\(id)\")") }, "\(id)") }
        for (id, km2) in [("IND", 3_153_189.7), ("BGD", 138_821.0), ("RUS", 16_944_698.1), ("ATA", 12_403_224.6)] {
            let t = try #require(atlas.territory(id: id))
            let area = Geodesic.areaSquareMeters(t.geometry) / 1e6
            #expect(abs(area - km2) / km2 < 1e-5, "\(id): \(area) km², pyproj \(km2)")
        }
        #expect(atlas.territory(id: "MMR")?.name == "Burma")
    }

    /// A ring that really jumps across 180° is still refused with its hint.
    @Test func aRingAcross180IsStillRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("world-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("jump.geojson").path
        try #"{"type":"Feature","id":"X","properties":{},"geometry":{"type":"Polygon","coordinates":[[[179,-16],[-179,-16],[-179,-17],[179,-17],[179,-16]]]}}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: GeoError.self) { try Atlas.user(files: [path]) }
        do {
            _ = try Atlas.user(files: [path])
        } catch {
            #expect(error.message.hasPrefix("a ring crosses the antimeridian from 179,-16 to -179,-16: split it at 180°"), "\(error.message)")
        }
    }
}
