import CGDAL
import Foundation

/// Reads one layer of any vector dataset GDAL/OGR opens (Shapefile,
/// GeoPackage, FlatGeobuf, KML, GML, CSV with a WKT column, a PostGIS table
/// through a `PG:` connection string…) into features in WGS84 degrees.
///
/// - The layer: `Options.layer`, or the only one; several and none chosen
///   is an error listing them.
/// - `Options.attributeFilter`: an OGR SQL WHERE clause (`"iso = 'AM'"`).
/// - CRS: the layer's own spatial reference, reprojected to WGS84 through
///   PROJ (said in a warning); `Options.sourceCRS` overrides it; a layer
///   without one must be in degrees (checked as the GeoJSON reader does).
/// - Feature ids: the FID when the format has a real FID column (GeoPackage,
///   PostGIS) or is GeoJSON, unless the layer has an `id` field, which then
///   names the features (as the GeoJSON reader's property fallback does).
/// - Curves are linearised by GDAL; rings are checked as in GeoJSON.
/// - Errors name the source, the layer and the feature (index and id).
public struct GDALReader: Sendable {
    public struct Options: Sendable {
        public var layer: String?
        public var attributeFilter: String?
        public var sourceCRS: String?
        public var maxVertices = 50_000_000
        public var maxInputBytes = 2 << 30
        public init() {}
    }

    public var options: Options
    public init(options: Options = Options()) { self.options = options }

    /// The names of the layers of a source.
    public static func layerNames(of source: String) throws(GeoError) -> [String] {
        try GDALBridge.capturing { messages throws(GeoError) in try GDALDataset(openingVector: source, messages: messages).layerNames }
    }

    public func read(source: String) throws(GeoError) -> FeatureCollection {
        let display = GDALDataset.display(source)
        var info = stat()
        if stat(source, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, Int(info.st_size) > options.maxInputBytes {
            throw GeoError(.limit, "is \(Int(info.st_size) >> 20) MB, over the --max-input-mb limit of \(options.maxInputBytes >> 20) MB", file: display)
        }
        if source.lowercased().hasSuffix(".vrt") { try Self.checkVRTSources(source, depth: 0) }
        // A zip counts by what it holds once decompressed (a 4 MB zip can hold 4 GiB), measured
        // from its directory before anything is decompressed.
        if source.hasPrefix("/vsizip/") {
            let unzipped = GDALBridge.uncompressedBytes(source)
            if unzipped > options.maxInputBytes {
                throw GeoError(
                    .limit, "holds \(unzipped >> 20) MB once decompressed, over the --max-input-mb limit of \(options.maxInputBytes >> 20) MB",
                    file: display)
            }
        }
        return try GDALBridge.capturing { messages throws(GeoError) in
            let dataset = try GDALDataset(openingVector: source, messages: messages)
            let layer = try dataset.layer(named: options.layer)
            let layerName = String(cString: OGR_L_GetName(layer))
            do throws(GeoError) {
                return try read(layer, of: dataset, messages: messages)
            } catch {
                throw error.inLayer(layerName).inFile(display)
            }
        }
    }

    private func read(_ layer: OGRLayerH, of dataset: GDALDataset, messages: GDALMessages) throws(GeoError) -> FeatureCollection {
        var warnings: [String] = []
        if let filter = options.attributeFilter {
            guard OGR_L_SetAttributeFilter(layer, filter) == OGRERR_NONE else {
                throw GeoError(.invalidArgument, "the attribute filter \"\(filter)\" is not valid here: \(messages.lastError(or: "OGR SQL error"))", operation: "OGR_L_SetAttributeFilter")
            }
        }
        // The CRS: the option, else the layer's, else degrees.
        var transform: CRSTransform?
        if let crs = options.sourceCRS {
            transform = try CRSTransform(source: crs)
            warnings.append("reprojected from \(crs) (given with --source-crs) to WGS84 (EPSG:4326) through PROJ")
        } else if let srs = OGR_L_GetSpatialRef(layer) {
            let wgs84 = try GDALSpatialReference()
            let same = try GDALBridge.withConstStringList(["CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS", "IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES"]) { list throws(GeoError) in
                OSRIsSameEx(srs, wgs84.handle, list) != 0
            }
            if !same {
                guard let definition = GDALSpatialReference.projDefinition(srs) else {
                    throw GeoError(.gdal, "its CRS (\(GDALSpatialReference.displayName(srs))) cannot be exported for PROJ; give it with --source-crs")
                }
                transform = try CRSTransform(source: definition)
                let label = definition.hasPrefix("PROJCRS") || definition.hasPrefix("PROJCS") || definition.hasPrefix("GEOG") ? "its WKT" : definition
                warnings.append("reprojected from the layer's CRS, \(GDALSpatialReference.displayName(srs)) (\(label)), to WGS84 (EPSG:4326) through PROJ")
            }
        }

        let definition = OGR_L_GetLayerDefn(layer)
        let fieldCount = Int(OGR_FD_GetFieldCount(definition))
        var fieldNames: [String] = []
        var fieldKinds: [(OGRFieldType, OGRFieldSubType)] = []
        for i in 0..<fieldCount {
            let f = OGR_FD_GetFieldDefn(definition, Int32(i))
            fieldNames.append(String(cString: OGR_Fld_GetNameRef(f)))
            fieldKinds.append((OGR_Fld_GetType(f), OGR_Fld_GetSubType(f)))
        }
        let fidColumn = OGR_L_GetFIDColumn(layer).map { String(cString: $0) } ?? ""
        let hasIDField = fieldNames.contains { $0.lowercased() == "id" }
        let useFID = !hasIDField && (!fidColumn.isEmpty || ["GeoJSON", "GeoJSONSeq"].contains(dataset.driverName))

        var features: [Feature] = []
        var vertexCount = 0
        var noise = RangeNoise()
        var index = 0
        OGR_L_ResetReading(layer)
        while let handle = OGR_L_GetNextFeature(layer) {
            defer {
                OGR_F_Destroy(handle)
                index += 1
            }
            let fid = OGR_F_GetFID(handle)
            let id: FeatureID? = useFID && fid != Int64(OGRNullFID) ? .number(Double(fid)) : nil
            do throws(GeoError) {
                var properties: [String: JSONValue] = [:]
                for i in 0..<fieldCount {
                    let i32 = Int32(i)
                    if OGR_F_IsFieldNull(handle, i32) != 0 {
                        properties[fieldNames[i]] = .null
                        continue
                    }
                    guard OGR_F_IsFieldSet(handle, i32) != 0 else { continue }
                    let (type, subtype) = fieldKinds[i]
                    switch type {
                    case OFTInteger where subtype == OFSTBoolean:
                        properties[fieldNames[i]] = .bool(OGR_F_GetFieldAsInteger(handle, i32) != 0)
                    case OFTInteger:
                        properties[fieldNames[i]] = .number(Double(OGR_F_GetFieldAsInteger(handle, i32)))
                    case OFTInteger64:
                        properties[fieldNames[i]] = .number(Double(OGR_F_GetFieldAsInteger64(handle, i32)))
                    case OFTReal:
                        properties[fieldNames[i]] = .number(OGR_F_GetFieldAsDouble(handle, i32))
                    default:
                        properties[fieldNames[i]] = .string(String(cString: OGR_F_GetFieldAsString(handle, i32)))
                    }
                }
                var geometry: Geometry?
                if let g = OGR_F_GetGeometryRef(handle) {
                    var value = try Self.geometry(g)
                    var problem: String?
                    var outside = false
                    value.forEachSequence { cs in
                        vertexCount += cs.count
                        guard transform == nil, !outside else { return }
                        outside = !cs.allSatisfy(\.isInWGS84Range)
                    }
                    if outside {
                        // Float noise at ±180/±90 is put on the range's end; anything else is an error.
                        value = value.mapCoordinates { c in
                            if let inRange = noise.clamp(c) { return inRange }
                            if problem == nil {
                                problem = GeoJSONReader.rangeProblem(
                                    c, projectedHint: "the layer names no CRS: give it with --source-crs (e.g. --source-crs EPSG:3857)")
                            }
                            return c
                        }
                    }
                    if vertexCount > options.maxVertices {
                        throw GeoError(.limit, "more than \(options.maxVertices) positions (--max-vertices)")
                    }
                    if let problem { throw GeoError(.schema, problem) }
                    if let transform { value = try transform.toWGS84(value) }
                    geometry = value
                }
                features.append(Feature(id: id, geometry: geometry, properties: properties))
            } catch {
                throw error.inFeature(index: index, id: id?.description ?? (hasIDField ? fieldNames.firstIndex { $0.lowercased() == "id" }.map { String(cString: OGR_F_GetFieldAsString(handle, Int32($0))) } : nil))
            }
        }
        // OGR_L_GetNextFeature returns NULL at the end and on a read error alike.
        if let error = messages.errors.last {
            if index == 0, let filter = options.attributeFilter {
                throw GeoError(.invalidArgument, "the attribute filter \"\(filter)\" cannot be applied: \(GDALMessages.oneLine(error))", operation: "OGR_L_SetAttributeFilter")
            }
            throw GeoError(.gdal, "GDAL stopped reading after \(index) features: \(GDALMessages.oneLine(error))", featureIndex: index, operation: "OGR_L_GetNextFeature")
        }
        var collection = FeatureCollection(features: features, source: GDALDataset.display(dataset.name))
        if options.layer != nil || dataset.layerNames.count > 1 { collection.layer = String(cString: OGR_L_GetName(layer)) }
        collection.warnings = warnings + Array(Set(messages.warnings)).sorted().map { "GDAL: " + GDALMessages.oneLine($0) }
        if let moved = noise.warning ?? transform?.noise.warning { collection.warnings.append(moved) }
        if let dbf = Self.dbfProblem(shapefile: dataset.name, fields: Int(OGR_FD_GetFieldCount(OGR_L_GetLayerDefn(layer)))) {
            collection.warnings.append(dbf)
        }
        return collection
    }

    /// A VRT's sources are read as the user's own inputs are: local files or
    /// folders only (issue 29). GDAL would follow `/vsistdin/` (and wait on
    /// standard input), a named pipe (and wait for a writer), a device, or a
    /// virtual file system that decompresses (`/vsigzip/`: no limit applies);
    /// URLs are shut in the bridge. Nested VRTs are checked too, 8 deep.
    static func checkVRTSources(_ vrt: String, depth: Int) throws(GeoError) {
        guard depth < 8 else { throw GeoError(.limit, "VRTs nested more than 8 deep", file: vrt) }
        guard let handle = FileHandle(forReadingAtPath: vrt), let data = try? handle.read(upToCount: 10 << 20) else { return }
        try? handle.close()
        let xml = String(decoding: data, as: UTF8.self)
        let folder = URL(fileURLWithPath: vrt).deletingLastPathComponent().path
        guard let pattern = try? NSRegularExpression(pattern: #"<SrcDataSource([^>]*)>([^<]*)</SrcDataSource>"#) else { return }
        for m in pattern.matches(in: xml, range: NSRange(xml.startIndex..., in: xml)) {
            guard let attributes = Range(m.range(at: 1), in: xml), let text = Range(m.range(at: 2), in: xml) else { continue }
            var name = String(xml[text]).trimmingCharacters(in: .whitespacesAndNewlines)
            for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&")] {
                name = name.replacingOccurrences(of: entity, with: char)
            }
            if name.contains("/vsistdin") {
                throw GeoError(.invalidArgument, "its source \"/vsistdin/\" is standard input; give the data as a file", file: vrt)
            }
            // GDAL's other virtual file systems (/vsigzip/, /vsizip/, /vsitar/…) would decompress
            // past --max-input-mb, which counts what mapcli can measure first.
            if let vsi = name.range(of: #"/vsi[a-z0-9_]+/"#, options: .regularExpression) {
                throw GeoError(
                    .invalidArgument, "its source uses GDAL's virtual file system \(name[vsi]); give the data as a file (a .zip is read directly)", file: vrt)
            }
            let relative = xml[attributes].replacingOccurrences(of: " ", with: "").contains("relativeToVRT=\"1\"")
            let path = relative && !name.hasPrefix("/") ? folder + "/" + name : name
            var info = stat()
            guard stat(path, &info) == 0 else { continue }  // not a local path: GDAL says what it is
            let kind = info.st_mode & S_IFMT
            guard kind == S_IFREG || kind == S_IFDIR else {
                throw GeoError(.invalidArgument, "its source \(name) is not a regular file (a device, a pipe or a socket); mapcli reads files", file: vrt)
            }
            if kind == S_IFREG && path.lowercased().hasSuffix(".vrt") { try checkVRTSources(path, depth: depth + 1) }
        }
    }

    /// A Shapefile's `.dbf` that does not match its `.shp`, which GDAL reads
    /// without a word (a damaged header gives features with no attributes, so
    /// ids become indices; a table with fewer records than shapes makes GDAL
    /// drop the shapes past its end): the header (dBASE: record count at byte
    /// 4, header length at 8, record length at 10, 32 bytes per field after a
    /// 32-byte header) checked against the file's size and against the number
    /// of shapes the `.shx` indexes (its length, in 16-bit words at byte 24,
    /// big-endian: a 100-byte header, then 8 bytes a shape).
    static func dbfProblem(shapefile: String, fields: Int) -> String? {
        guard shapefile.lowercased().hasSuffix(".shp") else { return nil }
        let base = String(shapefile.dropLast(4))
        guard let dbf = [base + ".dbf", base + ".DBF"].first(where: { FileManager.default.fileExists(atPath: $0) }),
            let handle = FileHandle(forReadingAtPath: dbf)
        else { return nil }
        defer { try? handle.close() }
        let name = URL(fileURLWithPath: dbf).lastPathComponent
        guard let head = try? handle.read(upToCount: 32), head.count == 32, let size = try? handle.seekToEnd() else {
            return "\(name) is too short for a dBASE header: the features were read without their attributes (ids are their index)"
        }
        let bytes = Array(head)
        let records = Int(bytes[4]) | Int(bytes[5]) << 8 | Int(bytes[6]) << 16 | Int(bytes[7]) << 24
        let headerLength = Int(bytes[8]) | Int(bytes[9]) << 8, recordLength = Int(bytes[10]) | Int(bytes[11]) << 8
        if headerLength < 33 || headerLength > Int(size) || fields == 0 && headerLength >= 65 {
            return "\(name) has a damaged header (header length \(headerLength) bytes in a \(size)-byte file): the features were read without their attributes (ids are their index)"
        }
        let shx = [base + ".shx", base + ".SHX"].first { FileManager.default.fileExists(atPath: $0) }
        if let shx, let index = FileHandle(forReadingAtPath: shx), let h = try? index.read(upToCount: 28), h.count == 28 {
            try? index.close()
            let b = Array(h)
            let words = Int(b[24]) << 24 | Int(b[25]) << 16 | Int(b[26]) << 8 | Int(b[27])
            let shapes = (words * 2 - 100) / 8
            if shapes >= 0, records != shapes {
                return "\(name) holds \(records) records for \(shapes) shapes: "
                    + (records < shapes ? "the \(shapes - records) shapes past its end were not read" : "attributes may belong to other shapes")
            }
        }
        if headerLength + records * recordLength > Int(size) + 1 {
            return "\(name) is shorter than its header says (\(records) records of \(recordLength) bytes after \(headerLength)): the last attributes are missing"
        }
        return nil
    }

    /// An OGR geometry as a `Geometry` (curves linearised), in the layer's coordinates.
    static func geometry(_ source: OGRGeometryH) throws(GeoError) -> Geometry {
        var g = source
        var linear: OGRGeometryH?
        if OGR_G_HasCurveGeometry(source, 0) != 0 {
            guard let l = OGR_G_GetLinearGeometry(source, 0, nil) else {
                throw GeoError(.gdal, "GDAL could not linearise a curved geometry", operation: "OGR_G_GetLinearGeometry")
            }
            linear = l
            g = l
        }
        defer { if let linear { OGR_G_DestroyGeometry(linear) } }
        let type = OGR_GT_Flatten(OGR_G_GetGeometryType(g))
        func parts() -> [OGRGeometryH] { (0..<OGR_G_GetGeometryCount(g)).compactMap { OGR_G_GetGeometryRef(g, $0) } }
        switch type {
        case wkbPoint:
            guard OGR_G_IsEmpty(g) == 0 else { return .multiPoint([]) }
            return .point(positions(g)[0])
        case wkbLineString, wkbLinearRing:
            let cs = positions(g)
            if !cs.isEmpty && cs.count < 2 { throw GeoError(.schema, "a LineString needs at least 2 positions, found \(cs.count)") }
            return .lineString(LineString(cs))
        case wkbPolygon:
            return .polygon(try polygon(g))
        case wkbMultiPoint:
            return .multiPoint(parts().flatMap(positions))
        case wkbMultiLineString:
            return .multiLineString(parts().map { LineString(positions($0)) })
        case wkbMultiPolygon:
            var polygons: [Polygon] = []
            for p in parts() { polygons.append(try polygon(p)) }
            return .multiPolygon(polygons)
        case wkbGeometryCollection:
            var members: [Geometry] = []
            for p in parts() { members.append(try geometry(p)) }
            return .geometryCollection(members)
        default:
            let name = OGRGeometryTypeToName(type).map { String(cString: $0) } ?? "geometry of type \(type.rawValue)"
            throw GeoError(.schema, "a \(name) is not supported; territories must be Polygon or MultiPolygon")
        }
    }

    private static func polygon(_ g: OGRGeometryH) throws(GeoError) -> Polygon {
        var rings: [[Coordinate]] = []
        for i in 0..<OGR_G_GetGeometryCount(g) {
            guard let r = OGR_G_GetGeometryRef(g, i) else { continue }
            let ring = positions(r)
            if let problem = GeoJSONReader.ringProblem(ring) { throw GeoError(.schema, "ring \(i): \(problem)") }
            rings.append(ring)
        }
        return Polygon(rings: rings)
    }

    private static func positions(_ g: OGRGeometryH) -> [Coordinate] {
        let n = Int(OGR_G_GetPointCount(g))
        guard n > 0 else { return [] }
        var xs = [Double](repeating: 0, count: n)
        var ys = [Double](repeating: 0, count: n)
        xs.withUnsafeMutableBytes { x in
            ys.withUnsafeMutableBytes { y in
                _ = OGR_G_GetPoints(g, x.baseAddress, 8, y.baseAddress, 8, nil, 0)
            }
        }
        return (0..<n).map { Coordinate(longitude: xs[$0], latitude: ys[$0]) }
    }
}
