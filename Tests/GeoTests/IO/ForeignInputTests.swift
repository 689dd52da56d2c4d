import Testing

@testable import Geo

/// Files that are not GeoJSON in degrees get a message saying what they look
/// like and what to do, not a JSON syntax error at byte 0. Magic numbers:
/// SQLite ("SQLite format 3\0", the GeoPackage container), Shapefile (file
/// code 9994 = 0x0000270A, big-endian), FlatGeobuf ("fgb" 0x03), ZIP ("PK\3\4").
@Suite struct ForeignInputTests {
    @Test(arguments: [
        (Array("SQLite format 3".utf8) + [0], "GeoPackage"), ([0x00, 0x00, 0x27, 0x0A, 0, 0], "ESRI Shapefile"),
        ([0x66, 0x67, 0x62, 0x03, 0x66, 0x67, 0x62, 0x00], "FlatGeobuf"), ([0x50, 0x4B, 0x03, 0x04], "ZIP"),
        (Array("<?xml version=\"1.0\"?><kml xmlns=\"http://www.opengis.net/kml/2.2\">".utf8), "KML"),
        (Array("WKT,name\n\"POLYGON((0 0,1 0,1 1,0 0))\",a\n".utf8), "CSV"),
    ])
    func otherFormatsAreNamed(bytes: [UInt8], words: String) {
        do {
            _ = try GeoJSONReader().read(bytes: bytes, source: "in.x")
            Issue.record("accepted")
        } catch {
            #expect(error.message.contains("this is not GeoJSON"), "\(error.message)")
            #expect(error.message.contains(words), "\(error.message)")
            #expect(error.message.contains("ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson in.x"))
        }
    }

    /// Web Mercator metres (EPSG:3857 of 10.05 E, 50.05 N: x 1,118,761, y 6,454,939.5 by hand: R·λ and R·ln tan(π/4 + φ/2), R = 6,378,137 m).
    @Test func projectedCoordinatesAreSaidToBeProjected() {
        let text = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[1118761,6454939.5]}}]}"#
        do {
            _ = try GeoJSONReader().read(bytes: Array(text.utf8), source: "m.geojson")
            Issue.record("accepted")
        } catch {
            #expect(error.message.contains("look projected, in metres (EPSG:3857 Web Mercator?)"), "\(error.message)")
            #expect(error.message.contains("ogr2ogr -t_srs EPSG:4326"))
        }
    }
}
