// libFuzzer target for the command-line parsers of routes and lengths.

@_cdecl("LLVMFuzzerTestOneInput")
public func routeFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    if let route = try? CorridorSpec.parseRoute(text) {
        precondition(route.coordinates.count >= 2 && route.coordinates.allSatisfy(\.isInWGS84Range))
    }
    if let m = try? MeasureParser.meters(text) {
        precondition(!m.isNaN)
    }
    return 0
}
