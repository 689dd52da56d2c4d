import Foundation

/// Loading an `Atlas` from the shipped layers or from the user's files.
extension Atlas {
    /// The folder holding the shipped layers: `$MAPCLI_GEODATA`, `./geodata`,
    /// or `geodata` beside the source tree the binary was built in.
    public static func shippedDirectory() throws(GeoError) -> String {
        let fm = FileManager.default
        var candidates: [String] = []
        if let env = ProcessInfo.processInfo.environment["MAPCLI_GEODATA"], !env.isEmpty { candidates.append(env) }
        candidates.append(fm.currentDirectoryPath + "/geodata")
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        for up in ["../../..", "../..", "..", "../share/mapcli"] {
            candidates.append(exe.appendingPathComponent(up).appendingPathComponent("geodata").standardized.path)
        }
        for c in candidates where fm.fileExists(atPath: c + "/countries.geojson") { return c }
        throw GeoError(
            .io,
            "cannot find the shipped geodata/ (looked in \(candidates.joined(separator: ", "))); set MAPCLI_GEODATA or use --data")
    }

    /// Loads countries, provinces, places and corridors from the shipped data.
    /// The shipped layers are read-only data: a second call in the same process
    /// with the same folder and reader options, while the files keep their sizes
    /// and modification times, returns the atlas already loaded.
    public static func shipped(directory: String? = nil, reader: GeoJSONReader = GeoJSONReader()) throws(GeoError) -> Atlas {
        let dir: String
        if let directory { dir = directory } else { dir = try shippedDirectory() }
        let key = ShippedAtlasCache.Key(directory: dir, options: reader.options)
        if let atlas = ShippedAtlasCache.shared.atlas(for: key) { return atlas }
        let atlas = try loadShipped(dir, reader: reader)
        ShippedAtlasCache.shared.keep(atlas, for: key)
        return atlas
    }

    private static func loadShipped(_ dir: String, reader: GeoJSONReader) throws(GeoError) -> Atlas {
        var territories: [Territory] = []
        for layer in ["countries", "provinces"] {
            let path = "\(dir)/\(layer).geojson"
            let fc = try reader.read(path: path)
            for (i, f) in fc.features.enumerated() {
                do throws(GeoError) {
                    territories.append(try shippedTerritory(f))
                } catch {
                    throw error.inFeature(index: i, id: f.id?.description).inFile(path)
                }
            }
        }
        // Countries made of parts (Azerbaijan = mainland + Nakhchivan) also
        // exist whole, dissolved from their parts.
        territories += wholeCountries(from: territories)
        var places: [Place] = []
        let placesPath = "\(dir)/places.geojson"
        let pfc = try reader.read(path: placesPath)
        for (i, f) in pfc.features.enumerated() {
            guard case .point(let c)? = f.geometry, let id = f.id?.description else {
                throw GeoError(.schema, "a place must be a Point with an id", file: placesPath, featureIndex: i)
            }
            places.append(
                Place(
                    id: id, name: f.string("name") ?? id, localName: f.string("name_local"),
                    aliases: f.strings("aliases"),
                    kind: f.string("kind") ?? "place", countryCode: f.string("country"), coordinate: c,
                    note: f.string("note"), properties: f.properties))
        }
        var corridors: [Corridor] = []
        let corridorsPath = "\(dir)/corridors.geojson"
        let cfc = try reader.read(path: corridorsPath)
        for (i, f) in cfc.features.enumerated() {
            guard case .lineString(let l)? = f.geometry, let id = f.id?.description else {
                throw GeoError(.schema, "a corridor must be a LineString with an id", file: corridorsPath, featureIndex: i)
            }
            corridors.append(
                Corridor(
                    id: id, name: f.string("name") ?? id, summary: f.string("description"),
                    aliases: f.strings("aliases"), route: l,
                    widthMeters: f.properties["width_m"]?.numberValue ?? 500, properties: f.properties))
        }
        var atlas = Atlas(
            territories: territories, places: places, corridors: corridors,
            sources: ["countries", "provinces", "places", "corridors"].map { "\(dir)/\($0).geojson" })
        let riversPath = "\(dir)/rivers.geojson"
        if FileManager.default.fileExists(atPath: riversPath) {
            let rfc = try reader.read(path: riversPath)
            for (i, f) in rfc.features.enumerated() {
                guard let g = f.geometry, g.dimension == 1, let id = f.id?.description else {
                    throw GeoError(.schema, "a river must be a LineString or MultiLineString with an id", file: riversPath, featureIndex: i)
                }
                atlas.rivers.append(River(id: id, name: f.string("name"), major: f.properties["major"]?.boolValue ?? false, geometry: g))
            }
        }
        let publishedPath = "\(dir)/published.csv"
        if FileManager.default.fileExists(atPath: publishedPath) {
            atlas.published = try PublishedFigures.read(path: publishedPath)
            for f in atlas.published.all {
                for id in [f.id] + (f.otherID.map { [$0] } ?? []) where atlas.territory(id: id) == nil {
                    throw GeoError(.schema, "a published \(f.kind.rawValue) names \"\(id)\", which is no territory of the data", file: publishedPath)
                }
            }
        }
        return atlas
    }

    private static func shippedTerritory(_ f: Feature) throws(GeoError) -> Territory {
        guard let id = f.id?.description else { throw GeoError(.schema, "a territory needs an id") }
        guard let g = f.geometry, g.dimension == 2 else {
            throw GeoError(.schema, "a territory must be a Polygon or MultiPolygon")
        }
        let level = TerritoryLevel(rawValue: f.string("level") ?? "") ?? .province
        return Territory(
            id: id, name: f.string("name") ?? id, localName: f.string("name_local"),
            aliases: f.strings("aliases"), level: level,
            kind: f.string("kind") ?? level.rawValue, countryCode: f.string("country"), parentID: f.string("parent"),
            isExclave: f.properties["exclave"]?.boolValue ?? (f.string("kind") == "exclave"),
            isClipped: f.properties["clipped"]?.boolValue ?? false, note: f.string("note"), geometry: g,
            properties: f.properties)
    }

    /// A whole country for every parent id named by country-level parts but
    /// not itself present.
    private static func wholeCountries(from territories: [Territory]) -> [Territory] {
        let ids = Set(territories.map(\.id))
        var parts: [String: [Territory]] = [:]
        for t in territories where t.level == .country {
            if let p = t.parentID, !ids.contains(p) { parts[p, default: []].append(t) }
        }
        return parts.keys.sorted().map { parent in
            let members = parts[parent]!.sorted { $0.id < $1.id }
            let mainland = members.first { $0.kind == "mainland" }
            let names: [String: String] = ["AZ": "Azerbaijan"]
            return Territory(
                id: parent, name: names[parent] ?? parent, localName: mainland?.localName, aliases: [], level: .country,
                kind: "country", countryCode: members[0].countryCode, parentID: nil,
                note: "whole country: " + members.map { "\($0.name) (\($0.id))" }.joined(separator: " + "),
                geometry: .multiPolygon(members.flatMap(\.geometry.polygons)),
                properties: ["synthesized": true, "parts": .array(members.map { .string($0.id) })])
        }
    }

    /// What a user's layer holds, named from its fields, for the words of the
    /// answers ("India (IND, country)"): "province" when a field names a
    /// first-level subdivision (ISO 3166-2 codes, GADM's GID_1/NAME_1,
    /// Natural Earth's adm1_code), else "country" when one names a country
    /// code (ISO 3166-1, GADM's GID_0, Natural Earth's ADM0_A3 or SOVEREIGNT),
    /// else "territory". A feature's own `kind` or `level` property wins.
    static func layerKind(_ features: [Feature]) -> String {
        let keys = Set(features.prefix(100).flatMap { $0.properties.keys.map { $0.lowercased() } })
        let province: Set<String> = ["iso_3166_2", "adm1_code", "gid_1", "name_1", "adm1", "adm1_pcode"]
        let country: Set<String> = ["iso_a3", "iso_a2", "adm0_a3", "sovereignt", "iso3", "iso_3166_1", "gid_0", "iso_alpha3", "adm0_pcode"]
        if !keys.isDisjoint(with: province) { return "province" }
        if !keys.isDisjoint(with: country) { return "country" }
        return "territory"
    }

    /// Which properties name the user's features.
    public struct FieldNames: Sendable {
        /// Property holding the id; nil: the feature's `id`, else `id`, else the index.
        public var id: String?
        /// Property holding the name; nil: `name`, else the id.
        public var name: String?
        public init(id: String? = nil, name: String? = nil) {
            self.id = id
            self.name = name
        }
    }

    /// Loads the user's polygons as territories (one level, all of them).
    /// Every feature must be a valid Polygon or MultiPolygon with a unique id;
    /// with `repair`, invalid ones are fixed with GEOS make-valid and a
    /// warning says so.
    public static func user(
        files: [String], fields: FieldNames = FieldNames(), repair: Bool = false, source: VectorSource = VectorSource()
    ) throws(GeoError) -> Atlas {
        var territories: [Territory] = []
        var warnings: [String] = []
        var firstSeen: [String: (String, Int, String)] = [:]
        var credits: [String] = []
        let ctx = try GEOSContext()
        for name in files {
            let fc = try source.read(name)
            let path = fc.source
            credits += fc.credits
            if fc.features.isEmpty {
                throw GeoError(.schema, "holds no features; there is nothing to analyse", file: path).inLayer(fc.layer)
            }
            if let field = fields.name, !fc.features.isEmpty, !fc.features.contains(where: { $0.properties[field] != nil }) {
                let known = Set(fc.features.prefix(100).flatMap { $0.properties.keys }).sorted()
                throw GeoError(
                    .schema,
                    "no feature has the property \"\(field)\" (given with --name-field); "
                        + (known.isEmpty ? "the features have no properties" : "their properties: " + known.joined(separator: ", ")),
                    file: path)
            }
            let layerKind = Self.layerKind(fc.features)
            let validity = validityReports(fc.features)
            warnings += fc.warnings.map { "\(path): \($0)" }
            for (i, f) in fc.features.enumerated() {
                let id = try userID(f, index: i, field: fields.id, path: path)
                func fail(_ message: String) -> GeoError {
                    GeoError(.schema, message, file: path, featureIndex: i, featureID: id).inLayer(fc.layer)
                }
                guard var g = f.geometry else { throw fail("the feature has no geometry; territories must be polygons") }
                guard g.dimension == 2 else {
                    throw fail("the geometry is a \(g.typeName); territories must be Polygon or MultiPolygon")
                }
                guard !g.polygons.isEmpty, g.polygons.allSatisfy({ !$0.exterior.isEmpty }) else {
                    throw fail("the \(g.typeName) is empty (no coordinates); a territory needs at least one ring")
                }
                if let (a, b) = g.antimeridianJump {
                    throw fail(
                        "a ring crosses the antimeridian from \(NumberFormatting.json(a.longitude)),\(NumberFormatting.json(a.latitude)) to \(NumberFormatting.json(b.longitude)),\(NumberFormatting.json(b.latitude)): split it at 180° (RFC 7946 §3.1.9, e.g. ogr2ogr -wrapdateline); mapcli joins the parts of a territory split there, and its borders across 180°")
                }
                if case .geometryCollection = g { throw fail("a GeometryCollection is not a territory; use a MultiPolygon") }
                if let (otherPath, otherIndex, otherID) = firstSeen[id] {
                    // Swift compares strings by canonical equivalence, as every table of ids here does:
                    // ids that differ only in Unicode normalisation (NFC, NFD) are one id.
                    let form = Array(otherID.utf8) == Array(id.utf8) ? "" : " (the same text in another Unicode normalisation, NFC vs NFD: normalise the ids)"
                    throw fail("duplicate id \"\(id)\": feature \(otherIndex) of \(otherPath) has it too\(form); ids must be unique (choose another with --id-field)")
                }
                firstSeen[id] = (path, i, id)
                do throws(GeoError) {
                    let report: ValidityReport
                    if let known = validity[i] { report = known } else { report = try ctx.make(g).validity() }
                    if !report.isValid {
                        let at = report.location.map { " at \(NumberFormatting.fixed($0.longitude, 6)),\(NumberFormatting.fixed($0.latitude, 6))" } ?? ""
                        guard repair else {
                            throw GeoError(.invalidGeometry, "invalid geometry: \(report.reason)\(at); use --repair to fix it with GEOS make-valid")
                        }
                        let before = Geodesic.areaSquareMeters(g)
                        let fixed = try ctx.value(of: ctx.make(g).makeValid())
                        let polys = fixed.polygons
                        g = .polygonal(polys)
                        warnings.append(
                            "\(path), feature \(i) (id \"\(id)\"): repaired \(report.reason)\(at); area \(NumberFormatting.fixed(before / 1e6, 3)) km² before, \(NumberFormatting.fixed(Geodesic.areaSquareMeters(g) / 1e6, 3)) km² after")
                    }
                } catch {
                    throw error.inFeature(index: i, id: id).inLayer(fc.layer).inFile(path)
                }
                let name = (fields.name.flatMap { f.properties[$0]?.displayText }) ?? f.string("name") ?? id
                let level = TerritoryLevel(rawValue: f.string("level") ?? "") ?? .province
                territories.append(
                    Territory(
                        id: id, name: name, localName: f.string("name_local"),
                        aliases: f.strings("aliases"), level: level,
                        kind: f.string("kind") ?? (f.string("level") ?? layerKind), countryCode: f.string("country"),
                        parentID: f.string("parent"), isExclave: f.properties["exclave"]?.boolValue ?? false,
                        geometry: g, properties: f.properties))
            }
        }
        var atlas = Atlas(territories: territories, sources: files)
        atlas.warnings = warnings
        atlas.credits = credits
        return atlas
    }

    /// OGC validity of every polygonal feature, checked on every core (one
    /// GEOS context each) for large files; nil where the loop decides itself
    /// (other geometries, or a feature GEOS could not convert: the loop then
    /// meets the error in order).
    private static func validityReports(_ features: [Feature]) -> [ValidityReport?] {
        guard features.count >= 4096, Parallel.width > 1 else { return [ValidityReport?](repeating: nil, count: features.count) }
        let chunks = Parallel.ranges(features.count, parts: Parallel.width * 4)
        let parts = Parallel.map(chunks.count) { c -> [ValidityReport?] in
            guard let ctx = try? GEOSContext() else { return [ValidityReport?](repeating: nil, count: chunks[c].count) }
            return chunks[c].map { i -> ValidityReport? in
                guard let g = features[i].geometry, g.dimension == 2 else { return nil }
                if case .geometryCollection = g { return nil }
                return try? ctx.make(g).validity()
            }
        }
        return parts.flatMap { $0 }
    }

    private static func userID(_ f: Feature, index: Int, field: String?, path: String) throws(GeoError) -> String {
        if let field {
            guard let v = f.properties[field], v != .null else {
                throw GeoError(.schema, "has no property \"\(field)\" (given with --id-field)", file: path, featureIndex: index)
            }
            return v.displayText
        }
        if let id = f.id { return id.description }
        if let v = f.properties["id"], v != .null { return v.displayText }
        return "#\(index)"
    }
}

/// The shipped atlas loaded last in this process from each folder (see
/// `Atlas.shipped`), with the key it was loaded under: reader options and each
/// shipped file's size and modification time. One per folder, so that a
/// program asking with other options does not keep every atlas it ever loaded.
/// (`@unchecked Sendable`: `atlases` is read and written under `lock` only.)
private final class ShippedAtlasCache: @unchecked Sendable {
    static let shared = ShippedAtlasCache()
    static let files = ["countries.geojson", "provinces.geojson", "places.geojson", "corridors.geojson", "rivers.geojson", "published.csv"]

    struct Key: Hashable {
        var directory: String
        var options: GeoJSONReader.Options
        var stamps: [String]

        init(directory: String, options: GeoJSONReader.Options) {
            self.directory = directory
            self.options = options
            stamps = ShippedAtlasCache.files.map { name in
                guard let a = try? FileManager.default.attributesOfItem(atPath: directory + "/" + name) else { return "-" }
                let date = (a[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0
                return "\(a[.size] ?? 0) \(date) \(a[.systemFileNumber] ?? 0)"
            }
        }
    }

    private let lock = NSLock()
    private var atlases: [String: (key: Key, atlas: Atlas)] = [:]

    func atlas(for key: Key) -> Atlas? {
        lock.withLock { atlases[key.directory].flatMap { $0.key == key ? $0.atlas : nil } }
    }
    func keep(_ atlas: Atlas, for key: Key) { lock.withLock { atlases[key.directory] = (key, atlas) } }
}
