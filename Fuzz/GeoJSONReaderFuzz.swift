// libFuzzer target for the GeoJSON reader, built by scripts/fuzz.sh with
// `swiftc -sanitize=fuzzer,address` together with the Geo sources.
// Whatever the bytes: no crash, no hang; and whatever parses must survive a
// trip through GEOS and a write and re-read.

@_cdecl("LLVMFuzzerTestOneInput")
public func geoJSONFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    guard let collection = try? GeoJSONReader().read(bytes: bytes, source: "fuzz") else { return 0 }
    for f in collection.features {
        guard let g = f.geometry else { continue }
        _ = try? g.validity()
        _ = g.areaSquareMeters
        _ = g.lengthMeters
    }
    let written = GeoJSONWriter().string(features: collection.features)
    do {
        let again = try GeoJSONReader().read(string: written, source: "fuzz-rewritten")
        precondition(again.features.count == collection.features.count, "feature count changed on re-read")
    } catch {
        preconditionFailure("output of the writer does not read back: \(error)\n\(written)")
    }
    return 0
}
