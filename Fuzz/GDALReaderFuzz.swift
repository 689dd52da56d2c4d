// libFuzzer target for the inputs mapcli reads through GDAL (issue 29), built
// by scripts/fuzz.sh with `swiftc -sanitize=fuzzer,address` together with the
// Geo sources: the first byte picks a format (VRT, KML, GML, CSV, a zip of
// GeoJSON, GeoJSON through GDAL), the rest is the file, written to a real
// temporary file (so that the VRT guard reads it as mapcli does) and read by
// `GDALReader`, then through the user-layer loader with `repair`.
//
// What must hold, whatever the bytes: nothing crashes or hangs (libFuzzer's
// -timeout stops a run that waits: a VRT on standard input or a pipe); no
// network is reached (the bridge refuses it: a run that waited on a URL would
// time out); a file is either read into features in WGS84's ranges or refused
// with a GeoError.

import Foundation

private let folder: String = {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mapcli-fuzz-gdal-\(getpid())").path
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func gdalReaderFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let formats = ["vrt", "kml", "gml", "csv", "zip", "geojson"]
    let ext = formats[Int(data[0]) % formats.count]
    let path = "\(folder)/input.\(ext)"
    let body = Data(UnsafeBufferPointer(start: data + 1, count: size - 1))
    guard FileManager.default.createFile(atPath: path, contents: body) else { return 0 }
    defer { unlink(path) }
    var options = GDALReader.Options()
    options.attributeFilter = ext == "geojson" ? "1 = 1" : nil  // GeoJSON through GDAL, not mapcli's own reader
    options.maxInputBytes = 1 << 20
    options.maxVertices = 100_000
    let dataset = ext == "zip" ? "/vsizip/" + path : path
    if let collection = try? GDALReader(options: options).read(source: dataset) {
        for f in collection.features {
            f.geometry?.forEachSequence { cs in
                for c in cs { precondition(c.longitude.isFinite && c.latitude.isFinite, "a position that is not a number") }
            }
        }
    }
    _ = try? Atlas.user(files: [path], repair: true)
    return 0
}
