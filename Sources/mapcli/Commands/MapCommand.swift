import ArgumentParser
import Foundation
import Geo

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Write a map: an interactive HTML page, a picture (SVG, PNG, PDF) or styled GIS data (GeoJSON, GeoPackage…).",
        discussion: """
            html is one self-contained page that works offline: pan and zoom (mouse, keys, touch), facts on \
            hover or tap, layers to switch, and for a corridor a slider across widths (--widths, else a sweep of \
            250 m to 5 km) with the verdicts at each. svg, png and pdf draw the map in a transverse Mercator \
            projection with country and province names placed so that none overlaps another (a name with no \
            room is left out and said), rivers, a locator of the wider region, a legend, a scale bar in km and \
            the attribution of the data in use; png and pdf need rsvg-convert (Debian: librsvg2-bin). The \
            GeoJSON carries simplestyle-spec properties (fill, stroke, marker-color…) with a title and \
            description on every feature; gpkg, fgb and shp hold one geometry type per layer.

            Examples:
              mapcli map --corridor syunik -o syunik.html
              mapcli map --corridor syunik --focus Syunik --title "A corridor through Syunik" -o syunik.pdf
              mapcli map --corridor syunik --width 1km --size 1600 --dpi 200 -o syunik.png
              mapcli map --route "45.9,39.3;46.4,39.2" --width 2km -o route.svg
              mapcli map --data districts.gpkg --layer adm2 -o districts.png
            """)

    enum Format: String, OutputFormat {
        case html, svg, png, pdf, geojson, gpkg, fgb, shp
    }

    @Option(help: "A shipped corridor to draw (syunik, iran); or give --route, --route-file or --polygon.")
    var corridor: String?

    @OptionGroup var choice: CorridorChoice

    @Option(help: "A territory or place to centre the map on.")
    var focus: String?

    @Option(help: "province or country.")
    var level: TerritoryLevel = .province

    @Option(help: "The map's title (default: what it shows).")
    var title: String?

    @Option(help: "The line under the title (default: the corridor's verdicts, or what the map shows).")
    var subtitle: String?

    @Option(help: ArgumentHelp("Width of the map frame in pixels (the legend adds 330), 400 to 8000.", valueName: "px"))
    var size: Int = 1000

    @Option(help: ArgumentHelp("Resolution of a PNG or PDF, in dots per inch (96 is one SVG pixel per dot).", valueName: "dpi"))
    var dpi: Int = 144

    @Option(name: .customLong("format"), help: "html, svg, png, pdf, geojson, gpkg, fgb or shp (default: from the output file's extension, else geojson).")
    var formatOption: Format?

    @OptionGroup var destination: OutputDestination

    /// The file to write, "-" for standard output.
    var output: String { destination.output ?? "-" }

    @OptionGroup var data: DataOptions

    /// The format asked for by --format or the -o file's extension (checked in validate()).
    var resolvedFormat: Format { (try? destination.resolve(formatOption, default: .geojson)) ?? .geojson }

    /// The widths an HTML page offers when --widths is not given: a sweep around the corridor's own.
    static let defaultSweepMeters: [Double] = [250, 500, 1000, 2000, 5000]

    func validate() throws {
        _ = try destination.resolve(formatOption, default: .geojson)
        if [.png, .pdf].contains(resolvedFormat) && output == "-" { throw ValidationError("--format \(resolvedFormat.rawValue) needs -o FILE.\(resolvedFormat.rawValue)") }
        try destination.requireFile(for: resolvedFormat)
        if choice.count(name: corridor) > 1 { throw ValidationError("give one corridor: --corridor, --route, --route-file or --polygon") }
        if choice.count(name: corridor) == 0 && (choice.width != nil || choice.widths != nil) {
            throw ValidationError("--width and --widths go with a corridor (--corridor, --route or --route-file)")
        }
        if choice.widths != nil && resolvedFormat != .html { throw ValidationError("--widths goes with an HTML map (-o map.html); a picture shows one width (--width)") }
        if !(400...8000).contains(size) { throw ValidationError("--size must be between 400 and 8000 pixels") }
        if !(24...1200).contains(dpi) { throw ValidationError("--dpi must be between 24 and 1200") }
    }

    func run() throws {
        let atlas = try data.atlas()
        var options = MapOptions(level: level, focus: focus)
        options.title = title
        options.subtitle = subtitle
        options.progress = Progress.handler()
        if choice.count(name: corridor) == 1 {
            let spec = try choice.spec(name: corridor, atlas: atlas, limits: data.reading.limits)
            options.corridor = spec
            if resolvedFormat == .html && spec.polygon == nil {
                options.widthsMeters = try choice.widthsMeters ?? Array(Set(Self.defaultSweepMeters + [spec.widthMeters])).sorted()
            }
        }
        let map = try MapBuilder.build(atlas: atlas, options: options)
        let format = resolvedFormat
        switch format {
        case .geojson, .gpkg, .fgb, .shp:
            try destination.emit(
                features: map.features, as: format,
                foreignMembers: ["title": .string(map.title), "description": .string(map.subtitle), "attribution": .string(map.attribution)])
            if format != .geojson { return }
        case .html:
            let page = try HTMLRenderer(mapWidth: Double(size)).render(map)
            note(dropped: page.droppedLabels)
            try ResultWriter.emit(page.html, to: output)
        case .svg, .png, .pdf:
            let rendered = try SVGRenderer(mapWidth: Double(size)).renderDetailed(map)
            note(dropped: rendered.droppedLabels)
            if format == .svg {
                try ResultWriter.emit(rendered.svg, to: output)
            } else {
                try PNGRasterizer.rasterize(svg: rendered.svg, to: output, format: format == .pdf ? .pdf : .png, dpi: Double(dpi))
            }
        }
        if output != "-" { Console.error("mapcli: wrote \(output)") }
    }

    private func note(dropped: [String]) {
        guard !dropped.isEmpty else { return }
        let names = dropped
        Console.error("mapcli: note: \(dropped.count) label\(dropped.count == 1 ? "" : "s") left out for lack of room (none is drawn over another): \(names.prefix(12).joined(separator: ", "))\(dropped.count > 12 ? ", …" : ""); a larger --size or a --focus makes room")
    }
}
