import Foundation
import Testing

@testable import Geo

/// Writing GeoPackage, FlatGeobuf and Shapefile through GDAL: one geometry
/// type per layer, everything or nothing on disk.
@Suite struct GISFileWriterTests {
    static let features: [Feature] = [
        Feature(
            geometry: .polygon(Polygon(exterior: [.init(longitude: 0, latitude: 0), .init(longitude: 1, latitude: 0), .init(longitude: 1, latitude: 1), .init(longitude: 0, latitude: 0)])),
            properties: ["id": "a", "area_km2": 6_000.5]),
        Feature(geometry: .lineString(LineString([.init(longitude: 0, latitude: 0), .init(longitude: 1, latitude: 1)])), properties: ["id": "l"]),
        Feature(geometry: .point(.init(longitude: 0.5, latitude: 0.2)), properties: ["id": "p", "name": "Kapan"]),
    ]

    @Test func aShapefileHoldsOneFamilyPerFileWithItsCompanions() throws {
        let dir = try GDALReaderTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (written, _) = try GISFileWriter.write(Self.features, as: .shp, to: "\(dir)/m.shp")
        #expect(written.map(\.path) == ["\(dir)/m.shp", "\(dir)/m_lines.shp", "\(dir)/m_points.shp"])
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).sorted()
        #expect(files.filter { $0.hasPrefix("m.") } == ["m.cpg", "m.dbf", "m.prj", "m.shp", "m.shx"])
        #expect(!files.contains { $0.hasPrefix(".") }, "staging left behind: \(files)")
        let points = try VectorSource().read("\(dir)/m_points.shp")
        #expect(points.features.map { $0.string("name") } == ["Kapan"])
        #expect(points.features[0].geometry == .point(.init(longitude: 0.5, latitude: 0.2)))
    }

    @Test func aFailureLeavesNothingBehindAndTheOldFileAsItWas() throws {
        let dir = try GDALReaderTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/keep.gpkg"
        _ = try GISFileWriter.write(Array(Self.features.prefix(1)), as: .gpkg, to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let collection = Feature(geometry: .geometryCollection([]), properties: [:])
        #expect(throws: GeoError.self) { try GISFileWriter.write(Self.features + [collection], as: .gpkg, to: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["keep.gpkg"])
        do {
            _ = try GISFileWriter.write(Self.features, as: .fgb, to: "\(dir)/no/such/folder/x.fgb")
            Issue.record("wrote into a missing folder")
        } catch {
            #expect(error.message.contains("does not exist"))
        }
    }
}
