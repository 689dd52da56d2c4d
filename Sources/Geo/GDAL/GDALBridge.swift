import CGDAL
import Foundation

// The one internal bridge to GDAL/OGR's C API. Every GDAL call of the library
// goes through the types of this folder, and every C return convention (a
// NULL handle, an OGRErr, a CPLErr, messages sent to the error handler)
// becomes a `GeoError` here.
//
// Ownership, written down once:
// - `GDALDataset` owns a GDALDatasetH and closes it exactly once (deinit).
//   Layers (OGRLayerH), their definitions and spatial references belong to
//   the dataset and are never freed by us.
// - A feature from OGR_L_GetNextFeature is ours: destroyed after use.
//   Geometries got from a feature (OGR_F_GetGeometryRef) are the feature's;
//   one made by OGR_G_GetLinearGeometry is ours and destroyed.
// - Strings GDAL allocates for us (OSRExportToWkt…) are freed with VSIFree
//   (CPLFree is a macro for it).
// - Messages: GDAL reports through a thread-local handler stack; `capturing`
//   pushes a handler that collects them (nothing is printed) and pops it.
//   GDAL is used from one thread at a time in this library.

/// GDALAllRegister, once per process (a global's lazy initialiser runs once),
/// with GDAL kept off the network and from writing beside its inputs:
/// - /vsicurl/ and the file systems built on it (/vsis3/, /vsigs/, /vsiaz/…)
///   open only names with an extension no URL has, so a VRT or any dataset
///   pointing at them fails before a request is made;
/// - every CPLHTTPFetch (drivers that open a URL themselves) is answered by
///   `mapcli_refuse_http` with a failure, no request made;
/// - PROJ's network (grids from a CDN) stays off whatever PROJ_NETWORK says;
/// - no .aux.xml side files (GDAL_PAM_ENABLED=NO); GML's .gfs is asked for
///   per dataset (GDALReader's open options).
private let driversRegistered: Bool = {
    CPLSetConfigOption("CPL_VSIL_CURL_ALLOWED_EXTENSIONS", ".mapcli-reaches-no-network")
    CPLSetConfigOption("GDAL_PAM_ENABLED", "NO")
    CPLHTTPSetFetchCallback(mapcli_refuse_http, nil)
    OSRSetPROJEnableNetwork(0)
    GDALAllRegister()
    return true
}()

/// GDAL's messages during one operation.
final class GDALMessages {
    var errors: [String] = []
    var warnings: [String] = []

    /// The last error GDAL reported, or `fallback`.
    func lastError(or fallback: String) -> String {
        errors.last.map(Self.oneLine) ?? fallback
    }

    /// GDAL passes on libpq's and others' multi-line messages: one line here.
    static func oneLine(_ message: String) -> String {
        message.split(whereSeparator: { $0 == "\n" || $0 == "\r" }).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: " ")
    }
}

enum GDALBridge {
    static func registerDrivers() { precondition(driversRegistered) }

    /// Runs `body` with GDAL's error and warning messages collected into the
    /// sink it receives instead of printed.
    static func capturing<T>(_ body: (GDALMessages) throws(GeoError) -> T) throws(GeoError) -> T {
        registerDrivers()
        let sink = GDALMessages()
        CPLPushErrorHandlerEx(
            { errorClass, _, message in
                guard let message, let userData = CPLGetErrorHandlerUserData() else { return }
                let sink = Unmanaged<GDALMessages>.fromOpaque(userData).takeUnretainedValue()
                let text = String(cString: message)
                if errorClass.rawValue >= CE_Failure.rawValue {
                    sink.errors.append(text)
                } else if errorClass == CE_Warning {
                    sink.warnings.append(text)
                }
            }, Unmanaged.passUnretained(sink).toOpaque())
        defer { CPLPopErrorHandler() }
        return try withExtendedLifetime(sink) { () throws(GeoError) -> T in try body(sink) }
    }

    /// A NULL-terminated C string list for GDAL's `char **` options, valid
    /// during `body`.
    static func withStringList<T>(_ strings: [String], _ body: (UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) throws(GeoError) -> T) throws(GeoError) -> T {
        var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
        pointers.append(nil)
        defer { for p in pointers { free(p) } }
        return try pointers.withUnsafeMutableBufferPointer { (b) throws(GeoError) -> T in try body(b.baseAddress!) }
    }

    /// The same list as GDAL's `const char *const *`.
    static func withConstStringList<T>(_ strings: [String], _ body: (UnsafePointer<UnsafePointer<CChar>?>) throws(GeoError) -> T) throws(GeoError) -> T {
        try withStringList(strings) { (list) throws(GeoError) -> T in
            try body(UnsafeRawPointer(list).assumingMemoryBound(to: UnsafePointer<CChar>?.self))
        }
    }

    /// The bytes a /vsizip/ archive holds once decompressed: the sum of its
    /// members' sizes as its central directory gives them (VSIStatL on each,
    /// recursively), read without decompressing anything. Saturates at Int.max.
    static func uncompressedBytes(_ archive: String) -> Int {
        registerDrivers()
        var total = 0
        var pending = [archive], visited = 0
        while let dir = pending.popLast(), visited < 100_000 {
            visited += 1
            guard let list = VSIReadDir(dir) else { continue }
            defer { CSLDestroy(list) }
            var i = 0
            while let entry = list[i] {
                i += 1
                let path = dir + "/" + String(cString: entry)
                // VSIStatBufL is glibc's struct stat64, which Swift sees as opaque in GDAL's header;
                // on 64-bit Linux it is struct stat, field for field.
                var st = stat()
                guard withUnsafeMutablePointer(to: &st, { VSIStatL(path, OpaquePointer($0)) }) == 0 else { continue }
                if (st.st_mode & S_IFMT) == S_IFDIR {
                    pending.append(path)
                } else {
                    let (sum, overflow) = total.addingReportingOverflow(Int(clamping: st.st_size))
                    total = overflow ? Int.max : sum
                }
            }
        }
        return total
    }

    /// A string GDAL allocated, copied and freed.
    static func takeString(_ p: UnsafeMutablePointer<CChar>?) -> String? {
        guard let p else { return nil }
        defer { VSIFree(p) }
        return String(cString: p)
    }
}

/// The single owner of an open GDAL dataset.
final class GDALDataset {
    /// How long one statement may run on a PostgreSQL source read through GDAL.
    static let statementTimeoutSeconds = 300

    let handle: GDALDatasetH
    /// The name it was opened by (a path or a `PG:` connection string).
    let name: String

    /// Opens a vector dataset read-only; `drivers` restricts which drivers may open it.
    init(openingVector name: String, drivers: [String] = [], messages: GDALMessages) throws(GeoError) {
        if name.hasPrefix("PG:") { Secrets.register(name) }
        // Reading never writes beside the input: GML's driver would leave a .gfs schema file.
        // A database is read in read-only transactions with a statement timeout: --where
        // reaches PostgreSQL as SQL, and must neither write (nextval) nor run for ever.
        let lower = name.lowercased()
        var options: [String] = []
        if [".gml", ".gml.gz", ".xml"].contains(where: { lower.hasSuffix($0) }) { options.append("WRITE_GFS=NO") }
        if name.hasPrefix("PG:") {
            // For the session, not one transaction: GDAL commits its own transactions as it reads.
            options.append("PRELUDE_STATEMENTS=SET default_transaction_read_only = on; SET statement_timeout = '\(Self.statementTimeoutSeconds)s'")
        }
        let handle: GDALDatasetH? = try GDALBridge.withConstStringList(drivers) { list throws(GeoError) in
            try GDALBridge.withConstStringList(options) { o throws(GeoError) in
                GDALOpenEx(name, UInt32(GDAL_OF_VECTOR | GDAL_OF_READONLY | GDAL_OF_VERBOSE_ERROR), drivers.isEmpty ? nil : list, options.isEmpty ? nil : o, nil)
            }
        }
        guard let handle else {
            // GDAL passes on libpq's text, which may repeat the connection string whole.
            let why = Secrets.scrub(messages.lastError(or: "no GDAL driver recognises it"), connection: name)
            throw GeoError(.gdal, "GDAL cannot open it as vector data: \(why)", file: GDALDataset.display(name), operation: "GDALOpenEx")
        }
        self.handle = handle
        self.name = name
    }

    /// Takes ownership of a handle GDAL returned (e.g. from GDALVectorTranslate).
    init(owning handle: GDALDatasetH, name: String) {
        self.handle = handle
        self.name = name
    }

    deinit { GDALClose(handle) }

    /// Closes the dataset now, flushing it; a failure to flush is an error.
    /// (GDAL 3.6's GDALClose returns nothing: failures arrive as messages.)
    static func close(_ dataset: inout GDALDataset?, messages: GDALMessages, path: String) throws(GeoError) {
        let before = messages.errors.count
        dataset = nil
        if messages.errors.count > before {
            throw GeoError(.gdal, "GDAL could not finish writing: \(messages.lastError(or: ""))", file: path, operation: "GDALClose")
        }
    }

    var driverName: String {
        guard let driver = GDALGetDatasetDriver(handle), let n = GDALGetDriverShortName(driver) else { return "" }
        return String(cString: n)
    }

    var layerNames: [String] {
        (0..<GDALDatasetGetLayerCount(handle)).compactMap { i in
            GDALDatasetGetLayer(handle, i).flatMap { OGR_L_GetName($0) }.map { String(cString: $0) }
        }
    }

    /// The layer by name, or the only layer; several layers and no name is
    /// an error listing them.
    func layer(named wanted: String?) throws(GeoError) -> OGRLayerH {
        let names = layerNames
        func listed() -> String {
            names.isEmpty ? "none" : names.prefix(20).joined(separator: ", ") + (names.count > 20 ? ", … (\(names.count) in all)" : "")
        }
        if let wanted {
            guard let l = GDALDatasetGetLayerByName(handle, wanted) else {
                throw GeoError(.lookup, "has no layer \"\(wanted)\"; its layers: \(listed())", file: Self.display(name))
            }
            return l
        }
        guard !names.isEmpty, let first = GDALDatasetGetLayer(handle, 0) else {
            throw GeoError(.schema, "holds no vector layer", file: Self.display(name))
        }
        guard names.count == 1 else {
            throw GeoError(.invalidArgument, "has \(names.count) layers (\(listed())); choose one with --layer", file: Self.display(name))
        }
        return first
    }

    /// A connection string without its password, for messages.
    static func display(_ name: String) -> String {
        guard name.hasPrefix("PG:") else { return name }
        return Secrets.scrub(name, connection: name)
    }
}

/// An owned OGR spatial reference (OSRNewSpatialReference), released once.
final class GDALSpatialReference {
    let handle: OGRSpatialReferenceH

    init(wgs84 _: Void = ()) throws(GeoError) {
        guard let h = OSRNewSpatialReference(nil) else {
            throw GeoError(.gdal, "could not create a spatial reference", operation: "OSRNewSpatialReference")
        }
        guard OSRImportFromEPSG(h, 4326) == OGRERR_NONE else {
            OSRRelease(h)
            throw GeoError(.gdal, "GDAL does not know EPSG:4326 (is proj-data installed?)", operation: "OSRImportFromEPSG")
        }
        OSRSetAxisMappingStrategy(h, OAMS_TRADITIONAL_GIS_ORDER)
        handle = h
    }

    deinit { OSRRelease(handle) }

    /// How PROJ can be told a layer's CRS: `AUTHORITY:CODE` when it has one, else its WKT.
    static func projDefinition(_ srs: OGRSpatialReferenceH) -> String? {
        if let a = OSRGetAuthorityName(srs, nil), let c = OSRGetAuthorityCode(srs, nil) {
            return "\(String(cString: a)):\(String(cString: c))"
        }
        var wkt: UnsafeMutablePointer<CChar>?
        guard OSRExportToWkt(srs, &wkt) == OGRERR_NONE else {
            VSIFree(wkt)
            return nil
        }
        return GDALBridge.takeString(wkt)
    }

    /// A readable name for messages ("WGS 84 / Pseudo-Mercator").
    static func displayName(_ srs: OGRSpatialReferenceH) -> String {
        OSRGetName(srs).map { String(cString: $0) } ?? "unnamed CRS"
    }
}
