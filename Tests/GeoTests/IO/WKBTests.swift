import Foundation
import Testing

@testable import Geo

/// WKB as PostGIS's ST_AsBinary writes it (read back from the PostGIS engine's
/// query), and the EWKB mapcli load sends by COPY.
@Suite struct WKBTests {
    /// ST_AsBinary('POINT(1 2)'), as the PostGIS manual prints it; the big-endian
    /// spelling of the same point written out by hand from the OGC layout.
    @Test func aPointInEitherByteOrder() throws {
        #expect(try WKBReader.geometry(hex: "0101000000000000000000F03F0000000000000040") == .point(.init(longitude: 1, latitude: 2)))
        #expect(try WKBReader.geometry(hex: "00000000013FF00000000000004000000000000000") == .point(.init(longitude: 1, latitude: 2)))
    }

    /// A MultiLineString of two lines, laid out by hand (type 5, count 2, two type-2 members;
    /// the same bytes as Python's struct.pack('<BII', 1, 5, 2) + … writes).
    @Test func aMultiLineStringByHand() throws {
        let hex = "010500000002000000"
            + "010200000002000000" + "0000000000000000" + "0000000000000000" + "000000000000F03F" + "000000000000F03F"
            + "01020000000200000000000000000000400000000000000000000000000000084000000000000000C0"
        let g = try WKBReader.geometry(hex: hex)
        #expect(g.lineStrings.map(\.coordinates) == [[.init(longitude: 0, latitude: 0), .init(longitude: 1, latitude: 1)], [.init(longitude: 2, latitude: 0), .init(longitude: 3, latitude: -2)]])
    }

    @Test func whatMapcliLoadWritesReadsBack() throws {
        let square = Polygon(exterior: [.init(longitude: 44.5, latitude: 39.1), .init(longitude: 46.25, latitude: 39.1), .init(longitude: 46.25, latitude: 41.3), .init(longitude: 44.5, latitude: 39.1)])
        let holed = Polygon(rings: [square.rings[0], [.init(longitude: 45, latitude: 39.5), .init(longitude: 45.5, latitude: 39.5), .init(longitude: 45, latitude: 40), .init(longitude: 45, latitude: 39.5)]])
        var out: [UInt8] = []
        WKBWriter.multiPolygonHex([square, holed], into: &out)
        // EWKB: little-endian, type 6 with the SRID flag, SRID 4326 (0x10E6).
        #expect(String(decoding: out.prefix(18), as: UTF8.self) == "0106000020E6100000")
        #expect(try WKBReader.geometry(hex: String(decoding: out, as: UTF8.self)) == .multiPolygon([square, holed]))
    }

    @Test func truncatedOrHostileInputIsAnErrorNotACrash() {
        for (hex, message) in [
            ("0101000000000000000000F03F", "truncated"),
            ("0102000000FFFFFFFF", "runs past the end"),
            ("0107000000FFFFFF7F", "runs past the end"),
            ("02", "byte order"),
            ("010F000000", "geometry type 15"),
            ("0101000000000000000000F03F000000000000004000", "bytes after the geometry"),
            ("0x01", "hexadecimal"),
            ("010", "odd number"),
        ] {
            do {
                _ = try WKBReader.geometry(hex: hex)
                Issue.record("\(hex) was read")
            } catch {
                #expect(error.message.contains(message), "\(hex): \(error.message)")
            }
        }
    }
}
