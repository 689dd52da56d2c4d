import ArgumentParser
import Foundation
import Geo

/// `mapcli corridor …`: one corridor (the default) or several compared.
struct CorridorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "corridor",
        abstract: "What a transit corridor would take, cut, sever and link.",
        discussion: """
            Examples:
              mapcli corridor syunik
              mapcli corridor syunik --widths 100m,500m,1km,2km,5km
              mapcli corridor compare syunik iran --width 1km
            """,
        subcommands: [CorridorShow.self, CorridorCompare.self],
        defaultSubcommand: CorridorShow.self)
}

struct CorridorShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "What one transit corridor would take, cut off, sever and link (the default).",
        discussion: """
            The corridor is a route buffered to a width in a local metric projection (flat ends): a \
            shipped corridor by name (syunik, iran), --route "lon,lat;lon,lat;…", --route-file, or a \
            --polygon. By default the buffer is kept to the countries the route itself enters, and the \
            report covers both levels of the shipped data: the provinces it crosses and the countries \
            (with Azerbaijan's two parts apart). Each territory it cuts is left in pieces; its main body \
            is the piece holding its capital (else the largest). The report opens with its verdicts: \
            which main bodies are cut off from a neighbour they touched, which borders are severed, \
            which territories are split, which are linked through the corridor, and under which \
            reading (--model). Areas are geodesic (km²), lengths geodesic (km).

            Examples:
              mapcli corridor syunik
              mapcli corridor syunik --width 1km --critical-widths
              mapcli corridor syunik --widths 100m,500m,1km,2km
              mapcli corridor syunik --model sovereign
              mapcli corridor iran --level country --format json
              mapcli corridor --route "46.14,38.85;46.53,38.87" --width 1km
              mapcli corridor syunik --format geojson -o corridor.geojson
            """)

    enum Format: String, OutputFormat {
        case text, json, geojson, gpkg, fgb, shp
    }

    @Argument(help: "A shipped corridor (syunik, iran).")
    var name: String?

    @OptionGroup var choice: CorridorChoice

    @Flag(help: "For each verdict, the smallest width (to 1 m, from 1 m up to the width asked for) from which it holds.")
    var criticalWidths = false

    @Option(name: .customLong("format"), help: "Output format: text, json or geojson.")
    var formatOption: Format?

    /// The format asked for by --format or the -o file's extension (checked in validate()).
    var format: Format { (try? destination.resolve(formatOption, default: .text)) ?? .text }

    @OptionGroup var reading: CorridorReadingOptions
    @OptionGroup var destination: OutputDestination
    @OptionGroup var data: DataOptions
    @OptionGroup var engine: EngineOptions

    func validate() throws {
        _ = try destination.resolve(formatOption, default: .text)
        try engine.validate(data: data)
        if engine.isDatabase && name != nil { throw ValidationError("with --engine postgis give the corridor as --route, --route-file or --polygon (named corridors are the shipped data's)") }
        if choice.count(name: name) != 1 { throw ValidationError("give one corridor: a name, --route, --route-file or --polygon") }
        if choice.polygon != nil && criticalWidths { throw ValidationError("--polygon is the corridor itself: it takes no width") }
        if choice.widths != nil && (format.gisFile != nil || format == .geojson) { throw ValidationError("--widths goes with --format text or json") }
        try destination.requireFile(for: format)
    }

    func run() throws {
        let atlas: Atlas, spec: CorridorSpec
        if let table = engine.postgisTable {
            // The features the corridor can reach at its widest, and their neighbours, from the
            // database; the analysis is mapcli's own on them (docs/postgis.md).
            spec = try choice.spec(name: nil, atlas: Atlas(territories: []), limits: data.reading.limits)
            let widest = max(spec.widthMeters, try choice.widthsMeters?.max() ?? 0)
            atlas = Atlas(territories: try engine.backend(table, .init()).territories(reachedBy: spec, widestMeters: widest))
        } else {
            atlas = try data.atlas()
            spec = try choice.spec(name: name, atlas: atlas, limits: data.reading.limits)
        }
        let options = try reading.options
        if let sweep = try choice.widthsMeters {
            let reports = try CorridorInput.sweep(spec, sweep, atlas, options, criticalWidths: true)
            switch format {
            case .json: try ResultWriter.emit(chunks: CorridorReport.listJSONChunks(reports, under: "sweep"), to: destination.output)
            case .geojson, .gpkg, .fgb, .shp: throw ValidationError("--widths goes with --format text or json")
            case .text: try ResultWriter.emit(VisibleText.escaped(CorridorText.sweep(reports)), to: destination.output)
            }
            return
        }
        let report = try CorridorInput.sweep(spec, [spec.widthMeters], atlas, options, criticalWidths: criticalWidths)[0]
        switch format {
        case .json:
            try ResultWriter.emit(chunks: report.jsonChunks(), to: destination.output)
            Console.finishWithoutTeardown()
        case .geojson, .gpkg, .fgb, .shp: try destination.emit(features: CorridorText.features(report, spec), as: format)
        case .text: try ResultWriter.emit(VisibleText.escaped(CorridorText.report(report)), to: destination.output)
        }
    }
}

/// How to read a corridor, shared by show and compare.
struct CorridorReadingOptions: ParsableArguments {
    @Option(help: "Report one level only: province or country (default: both, countries first; a layer of your own is one level).")
    var level: TerritoryLevel?

    @Option(
        help: ArgumentHelp(
            "extraterritorial: the corridor is taken out of the territory it crosses (default); sovereign: it stays the host's territory, nothing is severed, and the report says which borders can be reached only by crossing it.",
            valueName: "model"))
    var model: CorridorModel = .extraterritorial

    @Flag(help: "Do not keep the buffer to the countries its route enters (by default a corridor takes no land from a country its route never enters).")
    var noClip = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Pieces smaller than this are slivers: listed, not counted as a split (default 0.1km2; also ha or m2).", valueName: "area"))
    var minPiece: String = "0.1km2"

    @OptionGroup var tolerance: ToleranceOption

    func validate() throws {
        let km2: Double
        do { km2 = try MeasureParser.squareKilometres(minPiece) } catch { throw ValidationError("--min-piece: \(error.message)") }
        if km2 < 0 { throw ValidationError("--min-piece must be an area ≥ 0") }
    }

    var options: CorridorOptions {
        get throws {
            CorridorOptions(
                levels: level.map { [$0] }, model: model, clip: !noClip, minPieceKm2: try MeasureParser.squareKilometres(minPiece),
                toleranceMeters: try tolerance.meters)
        }
    }
}

extension CorridorModel: ExpressibleByArgument {}

/// The corridor to draw or analyse, other than by name: a route, a route
/// file or a polygon, with its width or widths (corridor show and map).
struct CorridorChoice: ParsableArguments {
    @Option(parsing: .unconditional, help: ArgumentHelp("The route as lon,lat;lon,lat;… instead of a named corridor.", valueName: "points"))
    var route: String?

    @Option(help: ArgumentHelp("A vector file (GeoJSON or any GDAL reads) whose first LineString is the route.", valueName: "file"), completion: .file(extensions: ["geojson", "json", "gpkg", "shp", "fgb", "kml"]))
    var routeFile: String?

    @Option(help: ArgumentHelp("A vector file whose first Polygon or MultiPolygon is the corridor itself (no width, no clip).", valueName: "file"), completion: .file(extensions: ["geojson", "json", "gpkg", "shp", "fgb", "kml"]))
    var polygon: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Corridor width, e.g. 500m or 2km (default: the corridor's own).", valueName: "length"))
    var width: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Several widths, e.g. 100m,500m,1km,2km,5km (a sweep; on an HTML map, a slider).", valueName: "lengths"))
    var widths: String?

    /// The most widths one --widths may list.
    static let maxWidths = 50

    /// How many corridors were given, counting a name.
    func count(name: String?) -> Int { [name != nil, route != nil, routeFile != nil, polygon != nil].filter { $0 }.count }

    func validate() throws {
        if polygon != nil && (width != nil || widths != nil) { throw ValidationError("--polygon is the corridor itself: it takes no width") }
        if width != nil && widths != nil { throw ValidationError("--width and --widths do not go together") }
        // Each width is a corridor analysis (and a critical-width search up to the widest):
        // the work is bounded before it is spent.
        let count = widths.map { $0.split(separator: ",", omittingEmptySubsequences: false).count } ?? 0
        if count > Self.maxWidths {
            throw ValidationError("--widths takes at most \(Self.maxWidths) widths (\(count) given): each is a corridor analysis of its own")
        }
        for w in (widths.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []) + (width.map { [$0] } ?? []) {
            _ = try CorridorWidth.meters(w)
        }
    }

    /// The widths of --widths in metres, nil without it.
    var widthsMeters: [Double]? {
        get throws { try widths.map { try $0.split(separator: ",", omittingEmptySubsequences: false).map { try CorridorWidth.meters(String($0)) } } }
    }

    /// The corridor: the named one, else the route, route file or polygon; --width applied.
    func spec(name: String?, atlas: Atlas, limits: InputLimits) throws -> CorridorSpec {
        var spec = try CorridorInput.spec(name: name, route: route, routeFile: routeFile, polygon: polygon, atlas: atlas, limits: limits)
        if let width { spec.widthMeters = try CorridorWidth.meters(width) }
        return spec
    }
}

/// Building and checking the corridor to analyse, shared by show and compare.
enum CorridorInput {
    static func spec(name: String?, route: String?, routeFile: String?, polygon: String?, atlas: Atlas, limits: InputLimits) throws -> CorridorSpec {
        if let name { return CorridorSpec(try atlas.corridor(named: name)) }
        if let route { return CorridorSpec(id: "route", name: "route", route: try CorridorSpec.parseRoute(route), widthMeters: 500) }
        var options = VectorSource.Options()
        options.geoJSON = limits.readerOptions
        let reader = VectorSource(options: options)
        if let routeFile {
            let fc = try reader.read(routeFile)
            guard let (i, line) = fc.features.enumerated().lazy.compactMap({ f in f.element.geometry?.lineStrings.first.map { (f.offset, $0) } }).first else {
                throw GeoError(.schema, "holds no LineString to use as a route", file: routeFile)
            }
            let f = fc.features[i]
            let width = f.properties["width_m"]?.numberValue ?? 500
            return CorridorSpec(id: f.id?.description ?? "route", name: f.string("name") ?? routeFile, route: line, widthMeters: width)
        }
        let path = polygon ?? "-"
        let fc = try reader.read(path)
        guard let f = fc.features.first(where: { $0.geometry?.dimension == 2 }), let g = f.geometry else {
            throw GeoError(.schema, "holds no Polygon or MultiPolygon to use as a corridor", file: path)
        }
        let report = try g.validity()
        if !report.isValid { throw GeoError(.invalidGeometry, "the corridor polygon is invalid: \(report.reason)", file: path) }
        return CorridorSpec(id: f.id?.description ?? "polygon", name: f.string("name") ?? path, route: nil, widthMeters: 0, polygon: g)
    }

    /// Reports at each width; a corridor that touches no territory is an error,
    /// with a hint when the route reads as latitude first.
    static func sweep(_ spec: CorridorSpec, _ widths: [Double], _ atlas: Atlas, _ options: CorridorOptions, criticalWidths: Bool) throws -> [CorridorReport] {
        let reports = try CorridorAnalysis.sweep(spec, widthsMeters: widths, atlas: atlas, options: options, criticalWidths: criticalWidths)
        if reports.allSatisfy({ $0.levels.allSatisfy(\.territories.isEmpty) }) {
            var hint = ""
            if let r = spec.route {
                let swapped = LineString(r.coordinates.map { Coordinate(longitude: $0.latitude, latitude: $0.longitude) })
                if swapped.coordinates.allSatisfy(\.isInWGS84Range) {
                    var s = spec
                    s.route = swapped
                    if let t = try? CorridorAnalysis.analyze(s, atlas: atlas, options: options), t.levels.contains(where: { !$0.territories.isEmpty }) {
                        hint = "; with each point's numbers swapped it would: did you give latitude first? Give lon,lat"
                    }
                }
            }
            throw GeoError(.analysis, "the corridor touches no territory of the data\(hint)")
        }
        return reports
    }
}
