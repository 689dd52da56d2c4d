import Foundation

/// Where the user's features come from: the one source abstraction in front
/// of the readers. A name is a file path, `-` (standard input), a folder
/// GDAL reads (a Shapefile folder), or a `PG:` / `postgresql://` connection
/// string to a PostGIS database.
///
/// Invariants:
/// - GeoJSON (a .geojson or .json file, a file whose first byte after a BOM
///   and white space is `{`, or standard input) goes to the strict, fast `GeoJSONReader`, unless a
///   layer or an attribute filter is asked for, which only GDAL knows.
/// - Everything else goes to `GDALReader`; a `.zip` is read through GDAL's
///   /vsizip/ file system, a `postgresql://` URI as `PG:` + the URI.
/// - Both give a `FeatureCollection` in WGS84 degrees whose warnings say
///   what was done on the way (reprojection, driver notes).
public struct VectorSource: Sendable {
    public struct Options: Sendable {
        /// Limits and the declared CRS, for both readers.
        public var geoJSON = GeoJSONReader.Options()
        /// The layer of a multi-layer source (GeoPackage, PostGIS…).
        public var layer: String?
        /// An OGR SQL WHERE clause applied by GDAL.
        public var attributeFilter: String?
        public init() {}
    }

    public enum Reader: Equatable, Sendable {
        case geoJSON
        /// Through GDAL, by this dataset name.
        case gdal(String)
    }

    public var options: Options
    public init(options: Options = Options()) { self.options = options }

    /// Which reader a name goes to.
    public func reader(for name: String) -> Reader {
        if name.hasPrefix("PG:") { return .gdal(name) }
        if name.hasPrefix("postgresql://") || name.hasPrefix("postgres://") { return .gdal("PG:" + name) }
        let gdalAsked = options.layer != nil || options.attributeFilter != nil
        if name == "-" { return .geoJSON }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory) else {
            // The GeoJSON reader names a missing file as such.
            return .geoJSON
        }
        let lower = name.lowercased()
        let namedJSON = lower.hasSuffix(".geojson") || lower.hasSuffix(".json")
        if isDirectory.boolValue { return namedJSON ? .geoJSON : .gdal(name) }  // a folder of Shapefiles, a FileGDB
        if lower.hasSuffix(".zip") { return .gdal("/vsizip/" + name) }
        // A pipe or device (/dev/stdin, <(…), /dev/zero): GDAL cannot read streams; the GeoJSON reader can, within limits.
        var info = stat()
        if stat(name, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG { return .geoJSON }
        if namedJSON || Self.looksLikeJSON(name) { return gdalAsked ? .gdal(name) : .geoJSON }
        return .gdal(name)
    }

    public func read(_ name: String) throws(GeoError) -> FeatureCollection {
        switch reader(for: name) {
        case .geoJSON:
            return try GeoJSONReader(options: options.geoJSON).read(path: name)
        case .gdal(let dataset):
            var o = GDALReader.Options()
            o.layer = options.layer
            o.attributeFilter = options.attributeFilter
            o.sourceCRS = options.geoJSON.sourceCRS
            o.maxVertices = options.geoJSON.maxVertices
            o.maxInputBytes = options.geoJSON.maxInputBytes
            var collection = try GDALReader(options: o).read(source: dataset)
            if dataset != name { collection.source = GDALDataset.display(name) }
            return collection
        }
    }

    /// The first significant byte of the file is `{` (after a UTF-8 BOM and white space).
    static func looksLikeJSON(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return true }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4096)) ?? Data()
        var bytes = Array(head)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        guard let first = bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return true }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }
}
