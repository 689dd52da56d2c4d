import CGDAL
import Foundation

/// The GIS file formats written through GDAL.
public enum GISFileFormat: String, CaseIterable, Sendable {
    /// GeoPackage: one file, one layer per geometry family.
    case gpkg
    /// FlatGeobuf: one file per geometry family.
    case fgb
    /// ESRI Shapefile: one .shp (with .shx, .dbf, .prj, .cpg) per geometry family.
    case shp

    var driver: String {
        switch self {
        case .gpkg: "GPKG"
        case .fgb: "FlatGeobuf"
        case .shp: "ESRI Shapefile"
        }
    }

    var holdsSeveralLayers: Bool { self == .gpkg }

    var layerCreationOptions: [String] {
        switch self {
        case .shp: ["-lco", "ENCODING=UTF-8"]
        case .gpkg, .fgb: []
        }
    }
}

/// Writes features as a GeoPackage, FlatGeobuf or Shapefile through GDAL
/// (the library behind ogr2ogr: `GDALVectorTranslate` from the GeoJSON that
/// `GeoJSONWriter` makes, held in GDAL's in-memory file system).
///
/// Invariants:
/// - One geometry type per layer: the features are split by family
///   (polygons, lines, points; single parts promoted to multi for polygons
///   and lines); the first family present takes the file's own name, the
///   others `NAME_lines` / `NAME_points` (layers of the GeoPackage, or files
///   beside the first for single-layer formats).
/// - Atomic: everything is written into a fresh hidden folder beside the
///   target and moved into place only when GDAL has closed every dataset
///   without an error; a failure leaves no file behind and old files as
///   they were.
/// - The coordinates are the GeoJSON writer's (its precision), in WGS84
///   (EPSG:4326, longitude first).
public enum GISFileWriter {
    public enum Family: String, CaseIterable, Sendable {
        case polygons, lines, points
    }

    /// What was written: a file (and its layer) per family.
    public struct Written: Sendable, Equatable {
        public var path: String
        public var layer: String
        public var family: Family
        public var featureCount: Int
    }

    public static func family(of g: Geometry?) -> Family? {
        switch g {
        case .polygon?, .multiPolygon?: .polygons
        case .lineString?, .multiLineString?: .lines
        case .point?, .multiPoint?: .points
        default: nil
        }
    }

    /// Writes `features` to `path` in `format`; returns what was written and
    /// GDAL's warnings (e.g. Shapefile's 10-character field names).
    public static func write(
        _ features: [Feature], as format: GISFileFormat, to path: String, writer: GeoJSONWriter = GeoJSONWriter()
    ) throws(GeoError) -> (written: [Written], warnings: [String]) {
        var groups: [Family: [Feature]] = [:]
        for (i, f) in features.enumerated() {
            guard let family = family(of: f.geometry) else {
                throw GeoError(
                    .invalidArgument,
                    "cannot write a \(f.geometry?.typeName ?? "feature without geometry") to a \(format.driver) file (one geometry type per layer)",
                    file: path, featureIndex: i, featureID: f.id?.description)
            }
            groups[family, default: []].append(f)
        }
        if groups.isEmpty { groups[.lines] = [] }  // an empty answer: one empty layer
        let families = Family.allCases.filter { groups[$0] != nil }

        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent().path
        // Paths reported as the user wrote them (relative stays relative).
        let givenDirectory = path.contains("/") ? String(path[..<path.lastIndex(of: "/")!]) : "."
        let ext = url.pathExtension
        let base = url.deletingPathExtension().lastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GeoError(.io, "cannot write: the folder \(directory) does not exist", file: path)
        }
        let staging = "\(directory)/.\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        // What a stop by a signal must remove: every file the drivers may make here
        // (a Shapefile's parts, a GeoPackage's journal, write-ahead log and shared memory).
        var candidates: [String] = []
        for (k, family) in families.enumerated() {
            let layer = k == 0 ? base : "\(base)_\(family.rawValue)"
            let stem = format.holdsSeveralLayers ? base : layer
            let sidecars = format.holdsSeveralLayers ? ["\(ext)-journal", "\(ext)-wal", "\(ext)-shm"] : ["shx", "dbf", "prj", "cpg", "qix", "sbn", "sbx"]
            for e in [ext] + sidecars {
                candidates.append("\(stem).\(e)")
            }
        }
        // Tracked before it exists: a stop between mkdir and tracking would leave the folder behind
        // (a signal sent as soon as the folder appears found that window).
        let tracked = TemporaryFiles.track(folder: staging, files: Array(Set(candidates)).sorted())
        defer {
            try? FileManager.default.removeItem(atPath: staging)
            TemporaryFiles.untrack(folder: tracked)
        }
        guard mkdir(staging, 0o755) == 0 else {
            throw GeoError(.io, "cannot write in \(directory): \(String(cString: strerror(errno)))", file: path)
        }

        var written: [Written] = []
        let warnings: [String] = try GDALBridge.capturing { messages throws(GeoError) in
            var container: GDALDataset?
            for (k, family) in families.enumerated() {
                let layer = k == 0 ? base : "\(base)_\(family.rawValue)"
                let members = groups[family] ?? []
                let target = format.holdsSeveralLayers ? "\(staging)/\(base).\(ext)" : "\(staging)/\(layer).\(ext)"
                let promote = family != .points || members.contains { if case .multiPoint = $0.geometry { true } else { false } }
                var arguments = ["-nln", layer] + (promote ? ["-nlt", "PROMOTE_TO_MULTI"] : []) + format.layerCreationOptions
                let appending = format.holdsSeveralLayers && container != nil
                if !appending { arguments = ["-f", format.driver] + arguments }
                let result = try translate(
                    writer.string(features: members), into: appending ? nil : target, appendingTo: appending ? container : nil,
                    arguments: arguments, messages: messages, path: path, what: family.rawValue)
                if format.holdsSeveralLayers {
                    if container == nil { container = result }
                } else {
                    var finished: GDALDataset? = result
                    try GDALDataset.close(&finished, messages: messages, path: path)
                }
                let final = format.holdsSeveralLayers ? path : (givenDirectory == "." && !path.hasPrefix("./") ? "" : givenDirectory + "/") + "\(layer).\(ext)"
                written.append(Written(path: final, layer: layer, family: family, featureCount: members.count))
            }
            try GDALDataset.close(&container, messages: messages, path: path)
            return Array(Set(messages.warnings)).sorted().map { "GDAL: " + GDALMessages.oneLine($0) }
        }
        // Everything GDAL made (a Shapefile's .shp, .shx, .dbf, .prj, .cpg) moves into place.
        let made: [String]
        do { made = try FileManager.default.contentsOfDirectory(atPath: staging).sorted() } catch {
            throw GeoError(.io, "cannot list what GDAL wrote in \(staging)", file: path)
        }
        for name in made where rename("\(staging)/\(name)", "\(directory)/\(name)") != 0 {
            throw GeoError(.io, "cannot move \(name) into \(directory): \(String(cString: strerror(errno)))", file: path)
        }
        return (written, warnings)
    }

    /// One `GDALVectorTranslate` from GeoJSON text held in /vsimem/; returns
    /// the dataset written (the one appended to, when given, not owned twice).
    private static func translate(
        _ geoJSON: String, into target: String?, appendingTo container: GDALDataset?, arguments: [String],
        messages: GDALMessages, path: String, what: String
    ) throws(GeoError) -> GDALDataset? {
        var bytes = Array(geoJSON.utf8)
        let memoryPath = "/vsimem/mapcli-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).geojson"
        return try bytes.withUnsafeMutableBufferPointer { (buffer) throws(GeoError) -> GDALDataset? in
            guard let file = VSIFileFromMemBuffer(memoryPath, buffer.baseAddress, vsi_l_offset(buffer.count), 0) else {
                throw GeoError(.gdal, "GDAL could not hold the features in memory", file: path, operation: "VSIFileFromMemBuffer")
            }
            VSIFCloseL(file)
            defer { VSIUnlink(memoryPath) }
            let source = try GDALDataset(openingVector: memoryPath, drivers: ["GeoJSON"], messages: messages)
            let options: OpaquePointer? = try GDALBridge.withStringList(arguments) { list throws(GeoError) in GDALVectorTranslateOptionsNew(list, nil) }
            guard let options else {
                throw GeoError(.gdal, "GDAL refused the options \(arguments.joined(separator: " ")): \(messages.lastError(or: ""))", file: path, operation: "GDALVectorTranslateOptionsNew")
            }
            defer { GDALVectorTranslateOptionsFree(options) }
            var sources: [GDALDatasetH?] = [source.handle]
            var usageError: Int32 = 0
            let errorsBefore = messages.errors.count
            let out = sources.withUnsafeMutableBufferPointer { s in
                GDALVectorTranslate(target, container?.handle, 1, s.baseAddress, options, &usageError)
            }
            guard let out, messages.errors.count == errorsBefore else {
                if let out, container == nil { GDALClose(out) }
                throw GeoError(
                    .gdal, "GDAL could not write the \(what): \(messages.lastError(or: "GDALVectorTranslate failed"))", file: path,
                    operation: "GDALVectorTranslate")
            }
            if let container { return container }
            return GDALDataset(owning: out, name: target ?? path)
        }
    }
}
