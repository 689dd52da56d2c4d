import ArgumentParser
import Geo

/// Limits on input size, shared by every command that reads GeoJSON.
struct InputLimits: ParsableArguments {
    @Option(help: "Refuse input files larger than this many megabytes.")
    var maxInputMb: Int = 2048

    @Option(help: "Refuse inputs with more than this many positions.")
    var maxVertices: Int = 50_000_000

    func validate() throws {
        if maxInputMb <= 0 { throw ValidationError("--max-input-mb must be positive") }
        if maxVertices <= 0 { throw ValidationError("--max-vertices must be positive") }
    }

    var readerOptions: GeoJSONReader.Options {
        var o = GeoJSONReader.Options()
        o.maxInputBytes = maxInputMb << 20
        o.maxVertices = maxVertices
        return o
    }
}
