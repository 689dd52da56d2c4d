import Foundation

/// Reads GeoJSON (RFC 7946): a bare geometry, a Feature or a
/// FeatureCollection. Every error names the file, the feature (index and id)
/// and the JSON path, e.g. `$.features[3].geometry.coordinates[0][2]`.
///
/// What it checks: the JSON grammar (strictly), the GeoJSON structure (types,
/// members, nesting depth of coordinates), positions (2 or 3 finite numbers,
/// longitude in [-180, 180], latitude in [-90, 90]), rings (closed, at least
/// 4 positions), lines (at least 2 positions), ids (string or number), and a
/// legacy `crs` member (GeoJSON 2008): one naming WGS84 is ignored with a
/// warning; one naming another CRS on the root object, before the features
/// (where GDAL writes it), is honoured: positions are read as they are and
/// reprojected to WGS84 through PROJ, and a warning says so.
/// OGC validity (self-intersection…) is not its concern: see `GeometryValidator`.
public struct GeoJSONReader: Sendable {
    public struct Options: Sendable, Hashable {
        /// Deepest JSON nesting accepted (objects and arrays).
        public var maxNestingDepth = 256
        /// Largest input accepted, in bytes.
        public var maxInputBytes = 2 << 30
        /// Most positions accepted in one input.
        public var maxVertices = 50_000_000
        /// Large FeatureCollections may be parsed on several cores (tests turn it off to compare).
        var parallel = true
        /// The CRS the positions are in (`EPSG:3857`, a PROJ string…), when
        /// they are not WGS84 degrees: they are then read as they are (no
        /// range check; a legacy `crs` member is taken as given) and
        /// reprojected to WGS84 through PROJ after reading.
        public var sourceCRS: String?
        public init() {}
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// Reads a file, or standard input for `-`.
    public func read(path: String) throws(GeoError) -> FeatureCollection {
        try reprojected(parse(terminated: InputFile.readAll(path: path, maxBytes: options.maxInputBytes), source: path))
    }

    /// The collection in WGS84 when its positions are in `options.sourceCRS`.
    private func reprojected(_ collection: FeatureCollection) throws(GeoError) -> FeatureCollection {
        guard let crs = options.sourceCRS ?? collection.declaredCRS else { return collection }
        let transform: CRSTransform
        do { transform = try CRSTransform(source: crs) } catch { throw error.inFile(collection.source) }
        var out = collection
        for i in out.features.indices {
            guard let g = out.features[i].geometry else { continue }
            do throws(GeoError) {
                out.features[i].geometry = try transform.toWGS84(g)
            } catch {
                throw error.inFeature(index: i, id: out.features[i].id?.description).inFile(collection.source)
            }
        }
        if let moved = transform.noise.warning { out.warnings.append(moved) }
        out.warnings.append(
            options.sourceCRS != nil
                ? "reprojected from \(crs) to WGS84 (EPSG:4326) through PROJ"
                : "reprojected from \(crs), the CRS its legacy \"crs\" member names, to WGS84 (EPSG:4326) through PROJ")
        return out
    }

    /// The format a file that is not JSON looks like, by its first bytes
    /// (the "magic numbers" of the formats GIS users most often have).
    static func otherFormat(_ b: [UInt8]) -> String? {
        func starts(_ magic: [UInt8]) -> Bool { b.count >= magic.count && Array(b.prefix(magic.count)) == magic }
        if starts(Array("SQLite format 3".utf8)) { return "a GeoPackage or another SQLite database" }
        if starts([0x00, 0x00, 0x27, 0x0A]) { return "an ESRI Shapefile (.shp)" }
        if starts([0x66, 0x67, 0x62, 0x03]) { return "a FlatGeobuf file" }
        if starts([0x50, 0x4B, 0x03, 0x04]) { return "a ZIP archive (a zipped Shapefile or a KMZ?)" }
        let head = String(decoding: b.prefix(512), as: UTF8.self).lowercased()
        let text = head.drop { $0 == "\u{FEFF}" || $0.isWhitespace }
        if text.hasPrefix("<") {
            if head.contains("<kml") { return "KML" }
            if head.contains("gml") { return "GML" }
            return "XML"
        }
        if text.lowercased().hasPrefix("wkt") || text.hasPrefix("id,") || (text.first.map { $0.isLetter } ?? false && head.contains(",")) {
            return "CSV or other text"
        }
        return nil
    }

    /// Parses bytes; `source` names them in errors.
    public func read(bytes: [UInt8], source: String) throws(GeoError) -> FeatureCollection {
        var buffer = bytes
        buffer.append(0)
        return try reprojected(parse(terminated: buffer, source: source))
    }

    /// Parses bytes that end with the scanner's NUL sentinel.
    private func parse(terminated buffer: [UInt8], source: String) throws(GeoError) -> FeatureCollection {
        if let format = Self.otherFormat(buffer) {
            throw GeoError(
                .syntax,
                "this is not GeoJSON: it looks like \(format); mapcli reads GeoJSON (other formats through GDAL are not built yet): convert it with ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson \(source == "-" ? "FILE" : source)",
                file: source)
        }
        do throws(GeoError) {
            return try buffer.withUnsafeBufferPointer { (b: UnsafeBufferPointer<UInt8>) throws(GeoError) in
                // Large collections are parsed on every core when the quick pass
                // plans it; any failure there is left to the sequential parser,
                // so that answers and error messages are always its own.
                if options.parallel, b.count > Self.parallelFromBytes, Parallel.width > 1,
                    let split = FeatureArraySplit.plan(b, end: b.count - 1), split.starts.count >= 1024
                {
                    var parser = GeoJSONParser(scanner: JSONScanner(bytes: b, maxDepth: options.maxNestingDepth), options: options)
                    parser.deferred = split
                    if let collection = try? parser.parseDocument(source: source) { return collection }
                }
                var parser = GeoJSONParser(scanner: JSONScanner(bytes: b, maxDepth: options.maxNestingDepth), options: options)
                return try parser.parseDocument(source: source)
            }
        } catch {
            throw error.inFile(source)
        }
    }

    /// Files from this size up may be parsed on several cores.
    static let parallelFromBytes = 4 << 20

    public func read(string: String, source: String = "<string>") throws(GeoError) -> FeatureCollection {
        try read(bytes: Array(string.utf8), source: source)
    }
}

/// Reading whole files with clear errors.
enum InputFile {
    /// The whole file (or standard input), followed by one NUL byte (the scanner's sentinel).
    /// A stream read in chunks, refused as soon as it passes `maxBytes` (a
    /// stream without end, such as /dev/zero, stops at the limit, not at the
    /// end of memory); the result ends with the parser's NUL sentinel.
    static func readStream(_ fd: Int32, path: String, maxBytes: Int) throws(GeoError) -> [UInt8] {
        var bytes: [UInt8] = []
        let chunk = 1 << 20
        var buffer = [UInt8](repeating: 0, count: chunk)
        while true {
            let n = buffer.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, chunk) }
            if n < 0 && errno == EINTR { continue }
            if n < 0 { throw GeoError(.io, "cannot be read: \(String(cString: strerror(errno)))", file: path) }
            if n == 0 { break }
            guard bytes.count + n <= maxBytes else {
                throw GeoError(
                    .limit, "input is larger than the limit of \(maxBytes >> 20) MB (raise it with --max-input-mb); stopped reading at the limit",
                    file: path)
            }
            bytes.append(contentsOf: buffer[0..<n])
        }
        bytes.append(0)
        return bytes
    }

    /// How long a named pipe may wait for a writer before it is given up (s).
    nonisolated(unsafe) static var fifoWriterWaitSeconds: Int32 = 30

    static func readAll(path: String, maxBytes: Int) throws(GeoError) -> [UInt8] {
        if path == "-" { return try readStream(STDIN_FILENO, path: path, maxBytes: maxBytes) }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw GeoError(.io, "no such file", file: path)
        }
        if isDirectory.boolValue { throw GeoError(.io, "is a directory, not a GeoJSON file", file: path) }
        // A named pipe: opened without waiting, then given a bounded time for a writer
        // (opening one blocks until a writer comes, for ever if none does).
        var before = stat()
        let fifo = stat(path, &before) == 0 && (before.st_mode & S_IFMT) == S_IFIFO
        // Read straight into the parser's buffer, with room for its NUL sentinel.
        let fd = open(path, fifo ? O_RDONLY | O_NONBLOCK : O_RDONLY)
        guard fd >= 0 else {
            throw GeoError(.io, "cannot be opened for reading (permission denied?)", file: path)
        }
        defer { close(fd) }
        if fifo {
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            var ready: Int32
            repeat { ready = poll(&p, 1, fifoWriterWaitSeconds * 1000) } while ready < 0 && errno == EINTR
            guard ready > 0 else {
                throw GeoError(.io, "is a named pipe and nothing wrote to it within \(fifoWriterWaitSeconds) s", file: path)
            }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            throw GeoError(.io, "cannot be read: \(String(cString: strerror(errno)))", file: path)
        }
        if (info.st_mode & S_IFMT) != S_IFREG {
            // A pipe or device (/dev/stdin, <(…), /dev/zero): no size to plan for.
            return try readStream(fd, path: path, maxBytes: maxBytes)
        }
        let size = Int(info.st_size)
        guard size <= maxBytes else {
            throw GeoError(
                .limit, "file is \(size) bytes, larger than the limit of \(maxBytes) bytes (raise it with --max-input-mb)",
                file: path)
        }
        // A large file is looked at before it is read whole: GeoJSON starts with `{` (after a
        // BOM and white space); a 2 GiB file of NULs (sparse, or a device image) is refused at
        // its first byte, not after 2 GiB are read.
        if size > 1 << 20 {
            var head = [UInt8](repeating: 0, count: 65_536)
            let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, 65_536, 0) }
            if n > 0 {
                var i = n >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF ? 3 : 0
                while i < n, [0x20, 0x09, 0x0A, 0x0D].contains(head[i]) { i += 1 }
                if i < n, head[i] != UInt8(ascii: "{") {
                    throw GeoError(
                        .schema, "is not GeoJSON: it starts with byte 0x\(String(head[i], radix: 16, uppercase: true)) at offset \(i), where a JSON object's '{' was expected",
                        file: path)
                }
            }
        }
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: size + 1) { buffer, count in
            var done = 0
            while done < size {
                let n = Foundation.read(fd, buffer.baseAddress! + done, size - done)
                if n < 0 && errno == EINTR { continue }
                if n < 0 {
                    failure = String(cString: strerror(errno))
                    break
                }
                if n == 0 { break }  // the file shrank while being read
                done += n
            }
            buffer[done] = 0
            count = done + 1
        }
        if let failure { throw GeoError(.io, "cannot be read: \(failure)", file: path) }
        return bytes
    }
}

/// One GeoJSON object as parsed, before its type is interpreted (members can
/// come in any order, so `type` may follow `coordinates`).
private struct RawObject {
    var type: String?
    var coordinates: CoordinateTree?
    var geometries: [RawObject]?
    var features: [RawObject]?
    /// nil for `null` or absent; `hasGeometryMember` tells which.
    var geometry: Box<RawObject>?
    var hasGeometryMember = false
    var properties: JSONValue?
    var id: JSONValue?
    var crs: JSONValue?
    /// Top-level credit members (attribution, license…), as "key: text".
    var credits: [String] = []
    /// The features were skipped, to be parsed in parallel.
    var featuresDeferred = false
    var path: String
    var offset: Int
}

/// The bytes being parsed, shared read-only by the parsers of every chunk.
private struct SharedBytes: @unchecked Sendable {
    let buffer: UnsafeBufferPointer<UInt8>
}

private final class Box<T> {
    var value: T
    init(_ value: T) { self.value = value }
}

/// Coordinates as parsed: positions in one flat array, plus the element
/// counts of each nesting level above positions.
struct CoordinateTree {
    /// Number of array levels, positions included: 1 for a Point, 2 for a
    /// LineString, 3 for a Polygon, 4 for a MultiPolygon; 0 for `[]`.
    var depth = 0
    var positions: [Coordinate] = []
    /// counts[k]: the element counts of the arrays at level k (0 outermost),
    /// for levels 0..<depth-1, in order.
    var counts: [[Int]] = []
}

private struct GeoJSONParser {
    var scanner: JSONScanner
    var options: GeoJSONReader.Options
    /// The CRS a legacy root `crs` member named (not WGS84), honoured.
    var legacyCRS: String?
    var vertexCount = 0
    /// Positions put back on ±180/±90 (float noise), said once in the warnings.
    var noise = RangeNoise()
    /// The root's features, planned for parsing in parallel: the root's
    /// parse skips over them.
    var deferred: FeatureArraySplit?

    init(scanner: JSONScanner, options: GeoJSONReader.Options) {
        self.scanner = scanner
        self.options = options
    }

    mutating func parseDocument(source: String) throws(GeoError) -> FeatureCollection {
        if scanner.end >= 3, scanner.bytes[0] == 0xEF, scanner.bytes[1] == 0xBB, scanner.bytes[2] == 0xBF {
            scanner.position = 3
        }
        if scanner.peek() == 0 && scanner.position >= scanner.end {
            throw GeoError(.syntax, "the file is empty; expected a GeoJSON object")
        }
        guard scanner.peek() == UInt8(ascii: "{") else {
            _ = try scanner.value(depth: 0)
            throw GeoError(.schema, "the top level must be a GeoJSON object", jsonPath: "$")
        }
        let root = try object(path: "$", depth: 0)
        if scanner.peek() != 0 || scanner.position < scanner.end {
            throw scanner.syntaxError("unexpected data after the GeoJSON object")
        }
        var warnings: [String] = []
        try checkCRS(root, warnings: &warnings)
        guard let type = root.type else {
            throw GeoError(.schema, "missing \"type\" member", jsonPath: "$")
        }
        if root.featuresDeferred && type != "FeatureCollection" {
            // Skipped members of other objects are the sequential parser's to check.
            throw GeoError(.schema, "features planned outside a FeatureCollection")
        }
        var features: [Feature] = []
        switch type {
        case "FeatureCollection":
            guard let raw = root.features else {
                throw GeoError(.schema, "a FeatureCollection needs a \"features\" array", jsonPath: "$")
            }
            if root.featuresDeferred, let split = deferred {
                let (parsed, more, moved) = try parallelFeatures(split)
                features = parsed
                warnings += more
                noise.merge(moved)
            } else {
                features.reserveCapacity(raw.count)
                for (i, f) in raw.enumerated() {
                    features.append(try feature(f, index: i, warnings: &warnings))
                }
            }
        case "Feature":
            features.append(try feature(root, index: 0, warnings: &warnings))
        case "Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon", "GeometryCollection":
            features.append(Feature(geometry: try geometry(root)))
        default:
            throw GeoError(.schema, unknownType(type), jsonPath: "$.type")
        }
        var collection = FeatureCollection(features: features, source: source)
        collection.warnings = warnings + (noise.warning.map { [$0] } ?? [])
        collection.declaredCRS = legacyCRS
        collection.credits = root.credits
        return collection
    }

    /// The planned features, parsed in chunks on every core, each chunk by
    /// its own parser over the same bytes. Throws on any problem (the caller
    /// then reads the file sequentially for the real message).
    private func parallelFeatures(_ split: FeatureArraySplit) throws(GeoError) -> ([Feature], [String], RangeNoise) {
        let bytes = SharedBytes(buffer: scanner.bytes)
        let options = self.options, maxDepth = scanner.maxDepth
        let count = split.starts.count
        let chunks = Parallel.ranges(count, parts: min(64, Parallel.width * 8))
        let results = Parallel.map(chunks.count) { c -> Result<([Feature], [String], Int, RangeNoise), GeoError> in
            var parser = GeoJSONParser(scanner: JSONScanner(bytes: bytes.buffer, maxDepth: maxDepth), options: options)
            var features: [Feature] = []
            var warnings: [String] = []
            features.reserveCapacity(chunks[c].count)
            do throws(GeoError) {
                for k in chunks[c] {
                    parser.scanner.position = split.starts[k]
                    // Depth as in the sequential parse: the root (0), the features array (1), a feature (2).
                    let raw = try parser.object(path: "$.features[\(k)]", depth: 2)
                    // The element must end where the plan says the next one begins.
                    let next = parser.scanner.peek(), at = parser.scanner.position
                    let fits = k == count - 1 ? next == UInt8(ascii: "]") && at == split.close : next == UInt8(ascii: ",") && at < split.starts[k + 1]
                    guard fits else { throw parser.scanner.syntaxError("unexpected data between features") }
                    features.append(try parser.feature(raw, index: k, warnings: &warnings))
                }
                return .success((features, warnings, parser.vertexCount, parser.noise))
            } catch {
                return .failure(error)
            }
        }
        var features: [Feature] = []
        features.reserveCapacity(count)
        var warnings: [String] = []
        var vertices = 0
        var noise = RangeNoise()
        for r in results {
            switch r {
            case .success(let (f, w, v, n)):
                features += f
                warnings += w
                vertices += v
                noise.merge(n)
            case .failure(let e): throw e
            }
        }
        // With any positions the root itself holds (a foreign "coordinates" member).
        guard vertices + vertexCount <= options.maxVertices else { throw GeoError(.limit, "too many positions") }
        return (features, warnings, noise)
    }

    private func unknownType(_ type: String) -> String {
        "unknown GeoJSON type \"\(type)\"; expected FeatureCollection, Feature, Point, MultiPoint, LineString, "
            + "MultiLineString, Polygon, MultiPolygon or GeometryCollection"
    }

    static let wgs84Names: Set<String> = [
        "urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "EPSG:4326", "urn:ogc:def:crs:EPSG::4326",
        "OGC:CRS84",
    ]

    /// The name of a GeoJSON 2008 `crs` member of type "name"; nil otherwise.
    static func crsName(_ crs: JSONValue?) -> String? {
        guard let o = crs?.objectValue, o["type"]?.stringValue == "name" || o["type"] == nil else { return nil }
        guard let name = o["properties"]?.objectValue?["name"]?.stringValue, !name.isEmpty else { return nil }
        return name
    }

    private func checkCRS(_ o: RawObject, warnings: inout [String]) throws(GeoError) {
        guard let crs = o.crs else { return }
        let name = Self.crsName(crs)
        if let legacyCRS, o.path == "$", name == legacyCRS { return }
        if options.sourceCRS != nil && legacyCRS == nil { return }
        if crs == .null || name.map(Self.wgs84Names.contains) == true {
            warnings.append("\(o.path).crs: RFC 7946 removed the \"crs\" member; \(name ?? "null") is WGS84, so it was ignored")
            return
        }
        let given = name ?? "CRS"
        let why = o.path == "$"
            ? "a \"crs\" member\(name.map { " (\($0))" } ?? " without a name") must come before the features to be honoured"
            : "a \"crs\" member on a feature or geometry (\(name ?? "unnamed")) is not allowed; RFC 7946 GeoJSON is WGS84 longitude/latitude"
        throw GeoError(
            .schema,
            "\(why); give the CRS with --source-crs \(given) to reproject on reading, or reproject the file to EPSG:4326 (e.g. ogr2ogr -t_srs EPSG:4326)",
            jsonPath: o.path + ".crs")
    }

    private func feature(_ o: RawObject, index: Int, warnings: inout [String]) throws(GeoError) -> Feature {
        var id: FeatureID?
        var idText: String?
        if let raw = o.id {
            switch raw {
            case .string(let s): id = .string(s)
            case .number(let n): id = .number(n)
            default:
                throw GeoError(.schema, "a feature id must be a string or a number", featureIndex: index, jsonPath: o.path + ".id")
            }
            idText = id?.description
        }
        do throws(GeoError) {
            try checkCRS(o, warnings: &warnings)
            guard o.type == "Feature" else {
                if let t = o.type {
                    throw GeoError(.schema, "expected a Feature, found type \"\(t)\"", jsonPath: o.path + ".type")
                }
                throw GeoError(.schema, "missing \"type\": \"Feature\"", jsonPath: o.path)
            }
            guard o.hasGeometryMember else {
                throw GeoError(.schema, "a Feature needs a \"geometry\" member (it may be null)", jsonPath: o.path)
            }
            var g: Geometry?
            if let raw = o.geometry?.value { g = try geometry(raw) }
            var properties: [String: JSONValue] = [:]
            switch o.properties {
            case .none, .null?: break
            case .object(let p)?: properties = p
            default:
                throw GeoError(.schema, "\"properties\" must be an object or null", jsonPath: o.path + ".properties")
            }
            return Feature(id: id, geometry: g, properties: properties)
        } catch {
            throw error.inFeature(index: index, id: idText)
        }
    }

    private func geometry(_ o: RawObject) throws(GeoError) -> Geometry {
        guard let type = o.type else { throw GeoError(.schema, "a geometry needs a \"type\" member", jsonPath: o.path) }
        if type == "GeometryCollection" {
            guard let members = o.geometries else {
                throw GeoError(.schema, "a GeometryCollection needs a \"geometries\" array", jsonPath: o.path)
            }
            var gs: [Geometry] = []
            for m in members { gs.append(try geometry(m)) }
            return .geometryCollection(gs)
        }
        let needed: Int
        switch type {
        case "Point": needed = 1
        case "MultiPoint", "LineString": needed = 2
        case "MultiLineString", "Polygon": needed = 3
        case "MultiPolygon": needed = 4
        case "Feature", "FeatureCollection":
            throw GeoError(.schema, "expected a geometry, found a \(type)", jsonPath: o.path + ".type")
        default:
            throw GeoError(.schema, unknownType(type), jsonPath: o.path + ".type")
        }
        guard let tree = o.coordinates else {
            throw GeoError(.schema, "a \(type) needs a \"coordinates\" array", jsonPath: o.path)
        }
        let cpath = o.path + ".coordinates"
        if tree.depth == 0 {
            // `[]`: an empty geometry. A Point cannot be empty in GeoJSON.
            if type == "Point" { throw GeoError(.schema, "a Point needs a position [longitude, latitude]", jsonPath: cpath) }
            switch type {
            case "MultiPoint": return .multiPoint([])
            case "LineString": return .lineString(LineString([]))
            case "MultiLineString": return .multiLineString([])
            case "Polygon": return .polygon(Polygon(rings: []))
            default: return .multiPolygon([])
            }
        }
        guard tree.depth == needed else {
            let shape = ["", "a position", "an array of positions", "an array of arrays of positions", "an array of polygons (arrays of rings of positions)"]
            throw GeoError(
                .schema,
                "a \(type) needs coordinates nested \(needed) deep (\(shape[needed])); found \(tree.depth) deep",
                jsonPath: cpath)
        }
        var next = 0
        func take(_ n: Int) -> [Coordinate] {
            defer { next += n }
            return Array(tree.positions[next..<next + n])
        }
        switch needed {
        case 1:
            return .point(tree.positions[0])
        case 2:
            let cs = take(tree.counts[0][0])
            if type == "LineString" && cs.count < 2 {
                throw GeoError(.schema, "a LineString needs at least 2 positions, found \(cs.count)", jsonPath: cpath)
            }
            return type == "LineString" ? .lineString(LineString(cs)) : .multiPoint(cs)
        case 3:
            var seqs: [[Coordinate]] = []
            for (i, n) in tree.counts[1].enumerated() {
                let cs = take(n)
                if type == "Polygon" {
                    try checkRing(cs, path: "\(cpath)[\(i)]")
                } else if cs.count < 2 {
                    throw GeoError(.schema, "a line needs at least 2 positions, found \(cs.count)", jsonPath: "\(cpath)[\(i)]")
                }
                seqs.append(cs)
            }
            return type == "Polygon" ? .polygon(Polygon(rings: seqs)) : .multiLineString(seqs.map(LineString.init))
        default:
            var polygons: [Polygon] = []
            var ringIndex = 0
            for (p, ringCount) in tree.counts[1].enumerated() {
                var rings: [[Coordinate]] = []
                for r in 0..<ringCount {
                    let cs = take(tree.counts[2][ringIndex])
                    ringIndex += 1
                    try checkRing(cs, path: "\(cpath)[\(p)][\(r)]")
                    rings.append(cs)
                }
                polygons.append(Polygon(rings: rings))
            }
            return .multiPolygon(polygons)
        }
    }

    private func checkRing(_ ring: [Coordinate], path: String) throws(GeoError) {
        if let problem = GeoJSONReader.ringProblem(ring) { throw GeoError(.schema, problem, jsonPath: path) }
    }

    // MARK: Parsing objects

    /// `depth`: the 0-based nesting level of this object in the document (the
    /// root is 0, a feature in the features array 2), so that the scanner's
    /// limit counts every level: 256 levels are read, 257 refused.
    private mutating func object(path: String, depth: Int) throws(GeoError) -> RawObject {
        if depth > options.maxNestingDepth / 2 {
            throw scanner.syntaxError("GeoJSON objects nested deeper than \(options.maxNestingDepth / 2) levels")
        }
        var o = RawObject(path: path, offset: scanner.position)
        try scanner.expect(UInt8(ascii: "{"), "'{'")
        if scanner.consumeIfEmpty(UInt8(ascii: "}")) { return o }
        // GeoJSON objects have a handful of members: a list beats a set, up to a point.
        var seen: [String] = []
        var many = Set<String>()
        repeat {
            try scanner.rejectTrailingComma()
            let key = try scanner.string()
            if seen.count < 32 ? seen.contains(key) : !many.insert(key).inserted {
                throw GeoError(.syntax, "duplicate key \"\(key)\"", jsonPath: path)
            }
            if seen.count < 32 {
                seen.append(key)
                if seen.count == 32 { many = Set(seen) }
            }
            try scanner.expect(UInt8(ascii: ":"), "':' after object key")
            switch key {
            case "type":
                guard scanner.peek() == UInt8(ascii: "\"") else {
                    _ = try scanner.value(depth: depth + 1)
                    throw GeoError(.schema, "\"type\" must be a string", jsonPath: path + ".type")
                }
                o.type = try scanner.string()
            case "coordinates":
                o.coordinates = try coordinates(path: path + ".coordinates")
            case "geometries":
                o.geometries = try objectArray(path: path + ".geometries", depth: depth)
            case "features":
                if depth == 0, let split = deferred, scanner.peek() == UInt8(ascii: "["), scanner.position == split.open {
                    o.features = []
                    o.featuresDeferred = true
                    scanner.position = split.close + 1
                } else {
                    o.features = try objectArray(path: path + ".features", depth: depth)
                }
            case "geometry":
                o.hasGeometryMember = true
                if scanner.peek() == UInt8(ascii: "n") {
                    try scanner.literal("null")
                    o.geometry = nil
                } else if scanner.peek() == UInt8(ascii: "{") {
                    o.geometry = Box(try object(path: path + ".geometry", depth: depth + 1))
                } else {
                    _ = try scanner.value(depth: depth + 1)
                    throw GeoError(.schema, "\"geometry\" must be an object or null", jsonPath: path + ".geometry")
                }
            case "properties":
                o.properties = try scanner.value(depth: depth + 1)
            case "id":
                o.id = try scanner.value(depth: depth + 1)
            case "crs":
                o.crs = try scanner.value(depth: depth + 1)
                if depth == 0, options.sourceCRS == nil, let name = Self.crsName(o.crs), !Self.wgs84Names.contains(name) {
                    // Read the positions that follow as they are; reprojected after reading.
                    legacyCRS = name
                    options.sourceCRS = name
                }
            case "attribution", "license", "licence", "copyright":
                // Foreign members a map credits the data with (the root's only).
                if case .string(let text) = try scanner.value(depth: depth + 1), !text.isEmpty, depth == 0 { o.credits.append(text) }
            default:
                // bbox and foreign members: checked for grammar, then dropped.
                _ = try scanner.value(depth: depth + 1)
            }
        } while try scanner.commaOrClose(UInt8(ascii: "}"))
        return o
    }

    private mutating func objectArray(path: String, depth: Int) throws(GeoError) -> [RawObject] {
        guard scanner.peek() == UInt8(ascii: "[") else {
            _ = try scanner.value(depth: depth + 1)
            throw GeoError(.schema, "expected an array of objects", jsonPath: path)
        }
        scanner.position += 1
        var result: [RawObject] = []
        if scanner.consumeIfEmpty(UInt8(ascii: "]")) { return result }
        var i = 0
        repeat {
            try scanner.rejectTrailingComma()
            let p = "\(path)[\(i)]"
            guard scanner.peek() == UInt8(ascii: "{") else {
                _ = try scanner.value(depth: depth + 2)
                throw GeoError(.schema, "expected a GeoJSON object", jsonPath: p)
            }
            if path == "$.features" {
                // Errors inside a feature name it by index (its id may not be read yet).
                do throws(GeoError) {
                    result.append(try object(path: p, depth: depth + 2))
                } catch {
                    throw error.inFeature(index: i, id: nil)
                }
            } else {
                result.append(try object(path: p, depth: depth + 2))
            }
            i += 1
        } while try scanner.commaOrClose(UInt8(ascii: "]"))
        return result
    }

    // MARK: Parsing coordinates

    /// Parses a coordinates array of any depth up to 4 into a flat tree.
    private mutating func coordinates(path: String) throws(GeoError) -> CoordinateTree {
        guard scanner.peek() == UInt8(ascii: "[") else {
            _ = try scanner.value(depth: 1)
            throw GeoError(.schema, "\"coordinates\" must be an array", jsonPath: path)
        }
        // The depth is the run of '[' before the first non-'['.
        let save = scanner.position
        var depth = 0
        while scanner.peek() == UInt8(ascii: "[") {
            depth += 1
            scanner.position += 1
            if depth > 4 { break }
        }
        let first = scanner.peek()
        scanner.position = save
        if depth > 4 {
            throw GeoError(.schema, "coordinates nested more than 4 deep", jsonPath: path)
        }
        var tree = CoordinateTree()
        if depth == 1 && first == UInt8(ascii: "]") {
            scanner.position += 1
            _ = scanner.peek()
            scanner.position += 1
            return tree  // []
        }
        tree.depth = depth
        tree.counts = Array(repeating: [], count: max(depth - 1, 0))
        var indices = [Int](repeating: 0, count: depth)
        try level(0, depth: depth, tree: &tree, indices: &indices, path: path)
        return tree
    }

    private static func pathOf(_ base: String, _ indices: [Int], upTo level: Int) -> String {
        var p = base
        for i in 0..<level { p += "[\(indices[i])]" }
        return p
    }

    private mutating func level(
        _ k: Int, depth: Int, tree: inout CoordinateTree, indices: inout [Int], path: String
    ) throws(GeoError) {
        guard scanner.peek() == UInt8(ascii: "[") else {
            let p = Self.pathOf(path, indices, upTo: k)
            if scanner.peek() == 0 && scanner.position >= scanner.end { throw scanner.syntaxError("unexpected end of input") }
            _ = try scanner.value(depth: 1)
            throw GeoError(.schema, k == depth - 1 ? "expected a position [longitude, latitude]" : "expected an array", jsonPath: p)
        }
        if k == depth - 1 {
            tree.positions.append(try position(path: Self.pathOf(path, indices, upTo: k)))
            vertexCount += 1
            if vertexCount > options.maxVertices {
                throw GeoError(
                    .limit, "more than \(options.maxVertices) positions (raise the limit with --max-vertices)",
                    jsonPath: Self.pathOf(path, indices, upTo: k))
            }
            return
        }
        scanner.position += 1
        var n = 0
        if !scanner.consumeIfEmpty(UInt8(ascii: "]")) {
            repeat {
                try scanner.rejectTrailingComma()
                indices[k] = n
                try level(k + 1, depth: depth, tree: &tree, indices: &indices, path: path)
                n += 1
            } while try scanner.commaOrClose(UInt8(ascii: "]"))
        }
        tree.counts[k].append(n)
    }

    /// `path` is only built when there is an error to report.
    private mutating func position(path: @autoclosure () -> String) throws(GeoError) -> Coordinate {
        scanner.position += 1  // '['
        var values: (Double, Double) = (0, 0)
        var n = 0
        if !scanner.consumeIfEmpty(UInt8(ascii: "]")) {
            repeat {
                try scanner.rejectTrailingComma()
                let b = scanner.peek()
                guard b == UInt8(ascii: "-") || (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) else {
                    if b == 0 && scanner.position >= scanner.end { throw scanner.syntaxError("unexpected end of input") }
                    _ = try scanner.value(depth: 1)
                    throw GeoError(.schema, "a position holds numbers only", jsonPath: "\(path())[\(n)]")
                }
                let v = try scanner.number()
                if n == 0 { values.0 = v } else if n == 1 { values.1 = v }
                n += 1
            } while try scanner.commaOrClose(UInt8(ascii: "]"))
        }
        guard n >= 2 else {
            throw GeoError(.schema, "a position needs at least 2 numbers [longitude, latitude], found \(n)", jsonPath: path())
        }
        let c = Coordinate(longitude: values.0, latitude: values.1)
        guard c.longitude.isFinite, c.latitude.isFinite else {
            throw GeoError(.schema, "coordinate is not a finite number (overflow?)", jsonPath: path())
        }
        if options.sourceCRS != nil { return c }
        if let clamped = noise.clamp(c) { return clamped }
        if let problem = GeoJSONReader.rangeProblem(
            c, projectedHint: "give their CRS with --source-crs (e.g. --source-crs EPSG:3857), or reproject the file with ogr2ogr -t_srs EPSG:4326 out.geojson IN")
        {
            throw GeoError(.schema, problem, jsonPath: path())
        }
        return c
    }
}

extension GeoJSONReader {
    /// What is wrong with a position read as WGS84 degrees, nil if nothing;
    /// metres (a projected CRS) get a hint naming the likely CRS and `projectedHint`.
    static func rangeProblem(_ c: Coordinate, projectedHint: String) -> String? {
        guard (-90...90).contains(c.latitude) else {
            var hint = (-90...90).contains(c.longitude) ? " (are longitude and latitude swapped?)" : ""
            if abs(c.longitude) > 180 || abs(c.latitude) > 1000 {
                // Metres, not degrees: a projected CRS.
                let likely = abs(c.longitude) <= 20_037_509 && abs(c.latitude) <= 20_048_967
                    ? (abs(c.longitude) <= 1_000_000 && (0...10_000_000).contains(c.latitude) ? "a UTM zone or EPSG:3857 Web Mercator" : "EPSG:3857 Web Mercator")
                    : "a projected CRS"
                hint = ": the coordinates look projected, in metres (\(likely)?), not WGS84 degrees; \(projectedHint)"
            }
            return "latitude \(c.latitude) is outside [-90, 90]\(hint)"
        }
        guard (-180...180).contains(c.longitude) else {
            return "longitude \(c.longitude) is outside [-180, 180]"
        }
        return nil
    }

    /// What is wrong with a linear ring (fewer than 4 positions, not closed), nil if nothing.
    static func ringProblem(_ ring: [Coordinate]) -> String? {
        guard ring.count >= 4 else { return "a linear ring needs at least 4 positions, found \(ring.count)" }
        guard ring.first == ring.last else { return "the linear ring is not closed (its last position differs from its first)" }
        return nil
    }
}
