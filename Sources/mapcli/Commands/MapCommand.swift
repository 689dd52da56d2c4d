import ArgumentParser
import Foundation
import Geo

struct MapCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "map",
        abstract: "Write a map: styled GeoJSON (geojson.io, GitHub, QGIS), SVG or PNG.",
        discussion: """
            The GeoJSON carries simplestyle-spec properties (fill, stroke, marker-color…) with a title and \
            description on every feature: territories coloured by country, borders labelled with both sides \
            and their length, the corridor and its route, the pieces it cuts off, and towns. SVG and PNG draw \
            the same map in a transverse Mercator projection with a legend, a scale bar in km and the data \
            attribution; PNG needs rsvg-convert (Debian: librsvg2-bin).

            Examples:
              mapcli map --corridor syunik --focus Syunik -o syunik.geojson
              mapcli map --corridor syunik --width 1km --format png -o syunik.png
              mapcli map --level country --format svg -o caucasus.svg
            """)

    enum Format: String, OutputFormat {
        case geojson, gpkg, fgb, shp, svg, png
    }

    @Option(help: "A shipped corridor to draw (syunik, iran).")
    var corridor: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Corridor width, e.g. 1km (default: the corridor's own).", valueName: "length"))
    var width: String?

    @Option(help: "A territory or place to centre the map on.")
    var focus: String?

    @Option(help: "province or country.")
    var level: TerritoryLevel = .province

    @Option(name: .customLong("format"), help: "geojson, gpkg, fgb, shp, svg or png (default: from the output file's extension, else geojson).")
    var formatOption: Format?

    @OptionGroup var destination: OutputDestination

    /// The file to write, "-" for standard output.
    var output: String { destination.output ?? "-" }

    @OptionGroup var data: DataOptions

    /// The format asked for by --format or the -o file's extension (checked in validate()).
    var resolvedFormat: Format { (try? destination.resolve(formatOption, default: .geojson)) ?? .geojson }

    func validate() throws {
        _ = try destination.resolve(formatOption, default: .geojson)
        if resolvedFormat == .png && output == "-" { throw ValidationError("--format png needs -o FILE.png") }
        try destination.requireFile(for: resolvedFormat)
        if width != nil && corridor == nil { throw ValidationError("--width goes with --corridor") }
        if let width {
            do { _ = try MeasureParser.meters(width) } catch { throw ValidationError("--width: \(error.message)") }
        }
    }

    func run() throws {
        let atlas = try data.atlas()
        var spec: CorridorSpec?
        if let corridor {
            spec = CorridorSpec(try atlas.corridor(named: corridor))
            if let width { spec?.widthMeters = try MeasureParser.meters(width) }
        }
        let map = try MapBuilder.build(atlas: atlas, options: MapOptions(level: level, focus: focus, corridor: spec))
        switch resolvedFormat {
        case .geojson, .gpkg, .fgb, .shp:
            try destination.emit(
                features: map.features, as: resolvedFormat,
                foreignMembers: ["title": .string(map.title), "description": .string(map.subtitle), "attribution": .string(map.attribution)])
            if resolvedFormat != .geojson { return }
        case .svg:
            try ResultWriter.emit(try SVGRenderer().render(map), to: output)
        case .png:
            try PNGRasterizer.rasterize(svg: try SVGRenderer().render(map), to: output)
        }
        if output != "-" { Console.error("mapcli: wrote \(output)") }
    }
}
