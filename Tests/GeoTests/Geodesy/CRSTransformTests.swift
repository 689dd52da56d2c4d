import Foundation
import Testing

@testable import Geo

/// Reprojection to WGS84 through PROJ, against the spherical Web Mercator
/// formulas by hand (EPSG:3857: x = R·λ, y = R·ln tan(π/4 + φ/2), R = 6,378,137 m).
@Suite struct CRSTransformTests {
    static func webMercator(_ lon: Double, _ lat: Double) -> (Double, Double) {
        let r = 6_378_137.0
        return (r * lon * .pi / 180, r * log(tan(.pi / 4 + lat * .pi / 360)))
    }

    @Test func webMercatorBackToDegrees() throws {
        let t = try CRSTransform(source: "EPSG:3857")
        let (x, y) = Self.webMercator(46.4068, 39.2076)  // Kapan
        let c = try t.toWGS84([Coordinate(longitude: x, latitude: y)])[0]
        #expect(abs(c.longitude - 46.4068) < 1e-9)
        #expect(abs(c.latitude - 39.2076) < 1e-9)
    }

    @Test func theReaderReprojectsAGeoJSONInEPSG3857() throws {
        let ring = [(10.0, 50.0), (10.1, 50.0), (10.1, 50.1), (10.0, 50.1), (10.0, 50.0)].map { Self.webMercator($0.0, $0.1) }
        let coords = ring.map { "[\($0.0),\($0.1)]" }.joined(separator: ",")
        let text = #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::3857"}},"features":[{"type":"Feature","id":"a","properties":{},"geometry":{"type":"Polygon","coordinates":[["# + coords + "]]}}]}"
        var options = GeoJSONReader.Options()
        options.sourceCRS = "EPSG:3857"
        let fc = try GeoJSONReader(options: options).read(bytes: Array(text.utf8), source: "m.geojson")
        let box = try #require(fc.features[0].geometry?.boundingBox)
        #expect(abs(box.west - 10) < 1e-9 && abs(box.east - 10.1) < 1e-9 && abs(box.south - 50) < 1e-9 && abs(box.north - 50.1) < 1e-9)
        #expect(fc.warnings.contains("reprojected from EPSG:3857 to WGS84 (EPSG:4326) through PROJ"))
        // Without --source-crs the legacy crs member is honoured: the same figures, said once.
        let legacy = try GeoJSONReader().read(bytes: Array(text.utf8), source: "m.geojson")
        #expect(legacy.features[0].geometry == fc.features[0].geometry)
        #expect(legacy.warnings == ["reprojected from urn:ogc:def:crs:EPSG::3857, the CRS its legacy \"crs\" member names, to WGS84 (EPSG:4326) through PROJ"])
        // After the features it comes too late: the metres are refused, and the message says what to do.
        let late = #"{"type":"FeatureCollection","features":[{"type":"Feature","id":"a","properties":{},"geometry":{"type":"Polygon","coordinates":[["# + coords + #"]]}}],"crs":{"type":"name","properties":{"name":"EPSG:3857"}}}"#
        do {
            var sequential = GeoJSONReader.Options()
            sequential.parallel = false
            _ = try GeoJSONReader(options: sequential).read(bytes: Array(late.utf8), source: "m.geojson")
            Issue.record("accepted metres as degrees")
        } catch {
            #expect(error.message.contains("--source-crs"), "\(error.message)")
        }
    }

    @Test func anUnknownCRSIsOneClearError() {
        do {
            _ = try CRSTransform(source: "EPSG:99999")
            Issue.record("accepted")
        } catch {
            #expect(error.kind == .proj)
            #expect(error.message.contains("cannot transform from \"EPSG:99999\" to WGS84"))
        }
    }
}
