import ArgumentParser
import Geo

/// Features written in the GIS format a command was asked for: GeoJSON to
/// standard output or a file, GeoPackage, FlatGeobuf or Shapefile (through
/// GDAL) to a file only.
extension OutputDestination {
    /// Usage error when a binary GIS format would go to standard output.
    func requireFile<F: OutputFormat>(for format: F) throws {
        if format.gisFile != nil && (output == nil || output == "-") {
            throw ValidationError("--format \(format.rawValue) is a file format: give -o FILE.\(format.extensions[0])")
        }
    }

    func emit<F: OutputFormat>(features: [Feature], as format: F, foreignMembers: [String: JSONValue] = [:]) throws {
        guard let file = format.gisFile, let output, output != "-" else {
            try ResultWriter.emit(geoJSONWriter.string(features: features, foreignMembers: foreignMembers), to: output)
            return
        }
        let (written, warnings) = try GISFileWriter.write(features, as: file, to: output, writer: geoJSONWriter)
        for w in warnings { Console.error("mapcli: note: \(w)") }
        let list = written.map { w in
            (file == .gpkg ? "layer \(w.layer)" : w.path) + " (\(w.featureCount) \(w.featureCount == 1 ? String(w.family.rawValue.dropLast()) : w.family.rawValue))"
        }
        Console.error("mapcli: wrote \(file == .gpkg ? output + ": " : "")\(list.joined(separator: ", "))")
    }
}

extension OutputFormat {
    /// The GDAL-written file format this output format is, if it is one.
    var gisFile: GISFileFormat? { GISFileFormat(rawValue: rawValue) }
}
