import ArgumentParser
import Foundation
import Geo

/// Limits on input size, shared by every command that reads GeoJSON.
struct InputLimits: ParsableArguments {
    @Option(help: "Refuse input files larger than this many megabytes.")
    var maxInputMb: Int = 2048

    @Option(help: "Refuse inputs with more than this many positions.")
    var maxVertices: Int = 50_000_000

    @Option(help: ArgumentHelp("The CRS of the input's coordinates when they are not WGS84 degrees (EPSG:3857, EPSG:32638, a PROJ string): reprojected to WGS84 through PROJ on reading.", valueName: "crs"))
    var sourceCrs: String?

    func validate() throws {
        if maxInputMb <= 0 { throw ValidationError("--max-input-mb must be positive") }
        // In bytes the limit must still be a number (2^63 − 1 bytes is 8 EiB): never wrapped.
        if maxInputMb > Int.max >> 20 { throw ValidationError("--max-input-mb must be at most \(Int.max >> 20) (8 EiB)") }
        if maxVertices <= 0 { throw ValidationError("--max-vertices must be positive") }
    }

    var readerOptions: GeoJSONReader.Options {
        var o = GeoJSONReader.Options()
        o.maxInputBytes = maxInputMb << 20
        o.maxVertices = maxVertices
        o.sourceCRS = sourceCrs
        return o
    }
}

/// Which part of a multi-layer source to read (GeoPackage, PostGIS…).
struct SourceSelection: ParsableArguments {
    @Option(help: ArgumentHelp("The layer (or PostGIS table, schema.table) to read from a multi-layer source.", valueName: "name"))
    var layer: String?

    @Option(
        name: .customLong("where"),
        help: ArgumentHelp("Keep only the features this condition selects, e.g. \"iso = 'AM'\" (read through GDAL): OGR SQL for files; for a PostgreSQL source, PostgreSQL's SQL, run in a read-only transaction that stops after 5 minutes.", valueName: "condition"))
    var attributeFilter: String?

    var isGiven: Bool { layer != nil || attributeFilter != nil }

    func check(_ names: [String]) throws {
        if names.contains("-") && isGiven {
            throw ValidationError("--layer and --where read through GDAL, which does not read standard input here; give a file")
        }
    }

    /// The source abstraction with these choices and the input limits.
    func source(_ limits: InputLimits) -> VectorSource {
        var options = VectorSource.Options()
        options.geoJSON = limits.readerOptions
        options.layer = layer
        options.attributeFilter = attributeFilter
        return VectorSource(options: options)
    }
}

/// Where territories come from: the shipped geodata/ or the user's files.
struct DataOptions: ParsableArguments {
    /// `--exclaves` with a layer of one level (territories, adjacency): refused, never ignored.
    static let exclavesNeedTheShippedData = GeoError(
        .invalidArgument,
        "--exclaves lists the shipped countries' parts apart (mainland Azerbaijan, Nakhchivan); a layer of your own has one level, its features: to list a feature's parts apart, make them features of their own (ogr2ogr -explodecollections)")

    @Option(
        name: .customLong("data"),
        help: ArgumentHelp(
            "Use these polygons instead of the shipped geodata/: a GeoJSON file ('-' for standard input), any vector file GDAL reads (Shapefile, GeoPackage, FlatGeobuf, KML, GML, CSV with a WKT column, a .zip of them) or a PostGIS database ('PG:dbname=… host=…' or postgresql://…, with --layer TABLE; give its password with PGPASSWORD, ~/.pgpass or a service file, not here, where other users can read it); repeat the flag for several. mapcli reads local files only: a dataset that points at a URL is refused.",
            valueName: "source"),
        completion: .file(extensions: ["geojson", "json", "gpkg", "shp", "fgb", "kml", "gml", "csv", "zip"]))
    var files: [String] = []

    @OptionGroup var reading: FeatureReading

    var idField: String? { reading.idField }

    func validate() throws {
        if files.isEmpty && reading.isGiven {
            throw ValidationError("--id-field, --name-field, --repair, --source-crs, --layer and --where go with --data")
        }
        try reading.check(files)
    }

    func atlas() throws -> Atlas {
        if files.isEmpty { return try Atlas.shipped(reader: GeoJSONReader(options: reading.limits.readerOptions)) }
        return try reading.atlas(files)
    }
}

/// How the user's features are read: which properties name them, repair, the
/// source's layer and filter, limits (for --data, and mapcli load's files).
struct FeatureReading: ParsableArguments {
    @Option(help: "With --data: the property holding each feature's id (default: the feature id, else 'id').")
    var idField: String?

    @Option(help: "With --data: the property holding each feature's name (default: 'name').")
    var nameField: String?

    @Flag(help: "With --data: repair invalid polygons with GEOS make-valid instead of stopping.")
    var repair = false

    @OptionGroup var limits: InputLimits
    @OptionGroup var selection: SourceSelection

    var isGiven: Bool { idField != nil || nameField != nil || repair || limits.sourceCrs != nil || selection.isGiven }

    func check(_ files: [String]) throws {
        try selection.check(files)
        if files.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input ('-') can be read once only") }
    }

    func atlas(_ files: [String]) throws -> Atlas {
        let atlas = try Atlas.user(
            files: files, fields: .init(id: idField, name: nameField), repair: repair, source: selection.source(limits))
        for w in atlas.warnings { Console.error("mapcli: warning: \(w)") }
        return atlas
    }
}

/// Where adjacency runs: mapcli's own engine (in memory), or PostGIS on a table.
struct EngineOptions: ParsableArguments {
    enum Engine: String, ExpressibleByArgument, CaseIterable {
        case memory, postgis
    }

    @Option(help: "memory: mapcli's own engine on the polygons it reads; postgis: the pairwise work runs as SQL in the database given by --db, on --table (docs/postgis.md).")
    var engine: Engine = .memory

    @Option(help: ArgumentHelp("With --engine postgis: the database, as a postgresql:// URI, PG:… or libpq keywords ('host=… dbname=…'); its password with PGPASSWORD, ~/.pgpass or a service file, not here, where other users can read it.", valueName: "connection"))
    var db: String?

    @Option(help: ArgumentHelp("With --engine postgis: the table (or view), table or schema.table.", valueName: "table"))
    var table: String?

    @Option(help: ArgumentHelp("With --engine postgis: the column of feature ids (default: id).", valueName: "column"))
    var idColumn: String?

    @Option(help: ArgumentHelp("With --engine postgis: the geometry column (default: the table's only one).", valueName: "column"))
    var geomColumn: String?

    @Option(help: ArgumentHelp("With --engine postgis: the column of names (default: name, else the id).", valueName: "column"))
    var nameColumn: String?

    @Option(help: ArgumentHelp("With --engine postgis on a table mapcli load did not write: features per cell of the partition grid (default 32).", valueName: "n"))
    var featuresPerCell: Int?

    var isDatabase: Bool { engine == .postgis }

    func validate(data: DataOptions) throws {
        if let featuresPerCell, featuresPerCell < 1 { throw ValidationError("--features-per-cell must be at least 1") }
        if engine == .postgis {
            guard db != nil, table != nil else { throw ValidationError("--engine postgis needs --db and --table") }
            if !data.files.isEmpty || data.reading.isGiven {
                throw ValidationError("--engine postgis reads --table in the database; --data and its options go with the memory engine")
            }
        } else if db != nil || table != nil || idColumn != nil || geomColumn != nil || nameColumn != nil || featuresPerCell != nil {
            throw ValidationError("--db, --table and the --…-column options go with --engine postgis (to read a table into mapcli's own engine: --data 'PG:…' --layer TABLE)")
        }
    }

    /// The features named and the borders of the first, computed in the database; notes (a
    /// reprojection) go to standard error.
    func graph(aroundNamed names: [String], table: PostGISTable, options: AdjacencyEngine.Options) throws -> ([Territory], AdjacencyGraph) {
        let (found, graph, notes) = try backend(table, options).run(aroundNamed: names)
        for n in notes { Console.error("mapcli: \(n)") }
        return (found, graph)
    }

    /// The PostGIS engine on a table, with the partition grid asked for.
    func backend(_ table: PostGISTable, _ options: AdjacencyEngine.Options) -> PostGISAdjacency {
        var backend = PostGISAdjacency(table: table, options: options)
        if let featuresPerCell { backend.featuresPerCell = featuresPerCell }
        return backend
    }

    /// The table the PostGIS engine works on.
    var postgisTable: PostGISTable? {
        guard engine == .postgis, let db, let table else { return nil }
        return PostGISTable(connection: PostgresConnectionString(db), table: table, idColumn: idColumn, geometryColumn: geomColumn, nameColumn: nameColumn)
    }
}

/// How far apart two boundaries may lie and still count as one border: for
/// data that do not align (adjacency, neighbors, border, path, corridor, where).
struct ToleranceOption: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("Bridge gaps and overlaps up to this length, e.g. 50m or 1km (default: exact).", valueName: "length"))
    var tolerance: String?

    func validate() throws {
        if let tolerance {
            let m: Double
            do { m = try MeasureParser.meters(tolerance) } catch { throw ValidationError("--tolerance: \(error.message)") }
            if m <= 0 { throw ValidationError("--tolerance must be a positive length such as 50m") }
            if m > 100_000 { throw ValidationError("--tolerance \(tolerance) is over 100 km; that is not a tolerance") }
        }
    }

    /// The tolerance in metres (0: exact).
    var meters: Double {
        get throws { try tolerance.map(MeasureParser.meters) ?? 0 }
    }
}

/// Adjacency settings shared by neighbors, border, adjacency and path.
struct AdjacencyOptions: ParsableArguments {
    @Option(help: "rook: shared edges only; queen: single points count too.")
    var mode: AdjacencyMode = .queen

    @OptionGroup var tolerance: ToleranceOption

    @Option(
        help: ArgumentHelp(
            "Exact mode: automatic (hash shared vertices and edges when the layer is provably a clean coverage, else GEOS) or geos (always GEOS predicates; the same answers, slower on large layers).",
            valueName: "method"))
    var exactMethod: AdjacencyEngine.ExactMethod = .automatic

    /// The tolerance in metres (0: exact).
    var toleranceMeters: Double {
        get throws { try tolerance.meters }
    }

    var engine: AdjacencyEngine {
        get throws {
            AdjacencyEngine(options: .init(mode: mode, toleranceMeters: try tolerance.meters, exactMethod: exactMethod, progress: Progress.handler()))
        }
    }
}

extension AdjacencyMode: ExpressibleByArgument {}
extension AdjacencyEngine.ExactMethod: ExpressibleByArgument {}
extension TerritoryLevel: ExpressibleByArgument {}

/// Formats for table-like answers.
enum TableFormat: String, OutputFormat {
    case text, json, csv
}

/// Formats for text answers.
enum TextFormat: String, OutputFormat {
    case text, json
}

enum Formatting {
    static func km(_ v: Double) -> String { NumberFormatting.fixed(v, 2) }
    static func point(_ c: [Double]) -> String {
        "\(NumberFormatting.fixed(c[0], 6)),\(NumberFormatting.fixed(c[1], 6))"
    }
}

/// Where a command's answer goes: standard output, or a file written atomically.
struct OutputDestination: ParsableArguments {
    @Option(
        name: .shortAndLong,
        help: "Write to this file instead of standard output (written atomically; '-' is standard output); its extension picks the format.")
    var output: String?

    @Option(help: "Decimals kept in written coordinates (GeoJSON; 6 ≈ 10 cm, 7 ≈ 1 cm).")
    var precision: Int = 6

    @Flag(help: "Replace an existing GeoPackage given as -o, with every layer and view it holds (without it, mapcli refuses to).")
    var overwrite = false

    func validate() throws {
        if !(0...15).contains(precision) { throw ValidationError("--precision must be between 0 and 15") }
        // A GeoPackage is a database: writing one replaces the file whole, its other layers too.
        if let output, output.lowercased().hasSuffix(".gpkg"), !overwrite, FileManager.default.fileExists(atPath: output) {
            throw ValidationError(
                "-o \(output) exists: a GeoPackage may hold other layers and views, and writing replaces the whole file; give --overwrite to replace it, or another name")
        }
    }

    /// A GeoJSON writer at the chosen precision.
    var geoJSONWriter: GeoJSONWriter {
        var options = GeoJSONWriter.Options()
        options.precision = precision
        return GeoJSONWriter(options: options)
    }

    /// The format to write: the one the file's extension asks for, which
    /// `--format` (if given) must agree with; on standard output `--format`,
    /// else the command's default. An extension the command cannot write,
    /// or a file name without one and no `--format`, is a usage error.
    func resolve<F: OutputFormat>(_ explicit: F?, default fallback: F) throws -> F {
        guard let output, output != "-" else { return explicit ?? fallback }
        let name = output.split(separator: "/").last.map(String.init) ?? output
        let ext = name.contains(".") ? String(name.split(separator: ".").last ?? "").lowercased() : ""
        let writes = F.allCases.map { "\($0.rawValue) (.\($0.extensions.joined(separator: ", .")))" }.joined(separator: ", ")
        if ext.isEmpty {
            if let explicit { return explicit }
            throw ValidationError("-o \(output) has no extension to say its format: name it after one, or give --format; this command writes \(writes)")
        }
        guard let byExtension = F.allCases.first(where: { $0.extensions.contains(ext) }) else {
            throw ValidationError("-o \(output): this command cannot write .\(ext) files; it writes \(writes)")
        }
        if let explicit, explicit != byExtension {
            throw ValidationError("--format \(explicit.rawValue) and -o \(output) disagree: a .\(ext) file is \(byExtension.rawValue)")
        }
        return byExtension
    }
}

/// A command's output formats; each is asked for by its file extensions.
protocol OutputFormat: RawRepresentable, CaseIterable, ExpressibleByArgument, Equatable where RawValue == String, AllCases == [Self] {}

extension OutputFormat {
    /// "txt" for text, "dot" and "gv" for Graphviz, else the format's name.
    var extensions: [String] {
        switch rawValue {
        case "text": ["txt"]
        case "dot": ["dot", "gv"]
        default: [rawValue]
        }
    }
}

/// A corridor width from the command line: a length in m or km, positive, at most 50 km.
enum CorridorWidth {
    static func meters(_ text: String) throws -> Double {
        let m: Double
        do { m = try MeasureParser.meters(text) } catch { throw ValidationError("width: \(error.message)") }
        guard m > 0 else { throw ValidationError("the width must be positive, not \(text)") }
        guard m <= CorridorSpec.maxWidthMeters else { throw ValidationError("a corridor \(text) wide is not a corridor (at most 50 km)") }
        return m
    }
}
