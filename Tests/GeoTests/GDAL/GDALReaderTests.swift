import Foundation
import Testing

@testable import Geo

/// Reading through GDAL/OGR. The layers are written by GDAL itself (through
/// `GISFileWriter`, the library behind ogr2ogr) from GeoJSON that
/// `GeoJSONReader` read: a double written to a GeoPackage, a Shapefile or a
/// FlatGeobuf comes back bit for bit, so the GDAL path must give exactly the
/// GeoJSON path's features. Projected data are checked against the Web
/// Mercator formulas by hand (as in CRSTransformTests).
@Suite struct GDALReaderTests {
    static let voronoi = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("mapcliTests/Golden/voronoi-300.geojson").path

    static func temporaryDirectory() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("mapcli-gdal-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test(arguments: [GISFileFormat.gpkg, .shp, .fgb])
    func everyFormatGivesBackTheGeoJSONFeatures(_ format: GISFileFormat) throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let original = try GeoJSONReader().read(path: Self.voronoi)
        var options = GeoJSONWriter.Options()
        options.precision = 15
        let path = "\(dir)/cells.\(format.rawValue)"
        let (written, _) = try GISFileWriter.write(original.features, as: format, to: path, writer: GeoJSONWriter(options: options))
        #expect(written.map(\.path) == [path])
        #expect(written.map(\.featureCount) == [300])
        let back = try VectorSource().read(path)
        #expect(back.features.count == 300)
        // FlatGeobuf's spatial index orders features along a Hilbert curve: match them by id.
        let byID = Dictionary(uniqueKeysWithValues: back.features.map { ($0.properties["id"]?.stringValue ?? "", $0) })
        for a in original.features {
            let b = try #require(byID[a.properties["id"]?.stringValue ?? "?"])
            #expect(a.properties["name"] == b.properties["name"])
            // GDAL writes polygons as MultiPolygons (one type per layer); the rings are the same
            // doubles, wound clockwise in a Shapefile (its convention for exterior rings).
            let ringsA = a.geometry?.polygons.flatMap(\.rings) ?? [], ringsB = b.geometry?.polygons.flatMap(\.rings) ?? []
            #expect(ringsA.count == ringsB.count)
            for (ra, rb) in zip(ringsA, ringsB) {
                #expect(ra == rb || (format == .shp && ra == rb.reversed()), "\(a.properties["id"] ?? .null)")
            }
        }
        // No reprojection was needed or said.
        #expect(!back.warnings.contains { $0.contains("reprojected") })
    }

    @Test func aLayerInWebMercatorIsReprojectedAndSaidSo() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A square of Web Mercator metres, in a CSV with WKT: GDAL reads it, its CRS given with --source-crs.
        let ring = [(10.0, 50.0), (10.1, 50.0), (10.1, 50.1), (10.0, 50.1), (10.0, 50.0)].map { CRSTransformTests.webMercator($0.0, $0.1) }
        let wkt = "POLYGON ((" + ring.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + "))"
        try "WKT,id\n\"\(wkt)\",a\n".write(toFile: "\(dir)/m.csv", atomically: true, encoding: .utf8)
        do {
            _ = try VectorSource().read("\(dir)/m.csv")
            Issue.record("metres read as degrees")
        } catch {
            // No CRS in a CSV: the projected-coordinates hint, naming the option.
            #expect(error.message.contains("look projected"), "\(error.message)")
            #expect(error.message.contains("--source-crs"), "\(error.message)")
            #expect(error.featureIndex == 0)
            #expect(error.file == "\(dir)/m.csv")
        }
        var options = VectorSource.Options()
        options.geoJSON.sourceCRS = "EPSG:3857"
        let fc = try VectorSource(options: options).read("\(dir)/m.csv")
        let box = try #require(fc.features[0].geometry?.boundingBox)
        #expect(abs(box.west - 10) < 1e-9 && abs(box.east - 10.1) < 1e-9 && abs(box.south - 50) < 1e-9 && abs(box.north - 50.1) < 1e-9)
        #expect(fc.warnings.contains { $0.contains("reprojected from EPSG:3857 (given with --source-crs)") })
    }

    @Test func layersFiltersAndErrorsNameTheLayer() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let square = Feature(
            geometry: .polygon(Polygon(exterior: [.init(longitude: 0, latitude: 0), .init(longitude: 1, latitude: 0), .init(longitude: 1, latitude: 1), .init(longitude: 0, latitude: 0)])),
            properties: ["id": "sq", "kind": "a"])
        let line = Feature(geometry: .lineString(LineString([.init(longitude: 0, latitude: 0), .init(longitude: 2, latitude: 2)])), properties: ["id": "ln"])
        let path = "\(dir)/two.gpkg"
        let (written, _) = try GISFileWriter.write([square, line], as: .gpkg, to: path)
        #expect(written.map(\.layer) == ["two", "two_lines"])
        // Two layers and none chosen: an error listing them.
        do {
            _ = try VectorSource().read(path)
            Issue.record("read without --layer")
        } catch {
            #expect(error.message == "has 2 layers (two, two_lines); choose one with --layer")
        }
        var options = VectorSource.Options()
        options.layer = "nope"
        #expect(throws: GeoError.self) { try VectorSource(options: options).read(path) }
        // The attribute filter keeps what it selects; a bad one is one clear error.
        options.layer = "two"
        options.attributeFilter = "kind = 'a'"
        #expect(try VectorSource(options: options).read(path).features.count == 1)
        options.attributeFilter = "kind = 'b'"
        #expect(try VectorSource(options: options).read(path).features.isEmpty)
        options.attributeFilter = "no_such_field = 1"
        do {
            _ = try VectorSource(options: options).read(path)
            Issue.record("accepted a bad filter")
        } catch {
            #expect(error.message.hasPrefix("the attribute filter \"no_such_field = 1\""), "\(error.message)")
            #expect(error.layer == "two")
        }
        // A line layer is no territory: the error names file, layer and feature.
        options.attributeFilter = nil
        options.layer = "two_lines"
        do {
            _ = try Atlas.user(files: [path], source: VectorSource(options: options))
            Issue.record("lines loaded as territories")
        } catch {
            #expect(error.description == "\(path), layer \"two_lines\", feature 0 (id \"ln\"): the geometry is a MultiLineString; territories must be Polygon or MultiPolygon")
        }
    }

    @Test func aFileGDALCannotReadIsOneClearError() throws {
        let dir = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data([0x50, 0x4B, 0x03, 0x04, 0, 0, 0]).write(to: URL(fileURLWithPath: "\(dir)/broken.gpkg"))
        do {
            _ = try VectorSource().read("\(dir)/broken.gpkg")
            Issue.record("accepted")
        } catch {
            #expect(error.kind == .gdal)
            #expect(error.file == "\(dir)/broken.gpkg")
            #expect(error.message.hasPrefix("GDAL cannot open it as vector data"), "\(error.message)")
        }
        #expect(GDALDataset.display("PG:host=x password=secret dbname=d") == "PG:host=x password=*** dbname=d")
        #expect(GDALDataset.display("PG:postgresql://u:secret@h/d") == "PG:postgresql://u:***@h/d")
    }
}
