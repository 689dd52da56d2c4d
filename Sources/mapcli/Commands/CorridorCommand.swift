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
        abstract: "What one transit corridor would take, cut, sever and link (the default).",
        discussion: """
            The corridor is a route buffered to a width in a local metric projection (flat ends): a \
            shipped corridor by name (syunik, iran), or --route "lon,lat;lon,lat;…". Areas are geodesic \
            (km²), lengths geodesic (km).

            Examples:
              mapcli corridor syunik
              mapcli corridor syunik --width 2km --level country
              mapcli corridor iran --format json
              mapcli corridor syunik --widths 100m,500m,1km,2km
              mapcli corridor --route "46.14,38.85;46.53,38.87" --width 1km
              mapcli corridor syunik --format geojson -o corridor.geojson
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, geojson
    }

    @Argument(help: "A shipped corridor (syunik, iran).")
    var name: String?

    @Option(help: ArgumentHelp("The route as lon,lat;lon,lat;… instead of a named corridor.", valueName: "points"))
    var route: String?

    @Option(help: ArgumentHelp("A GeoJSON file whose first LineString is the route.", valueName: "file"), completion: .file(extensions: ["geojson", "json"]))
    var routeFile: String?

    @Option(help: ArgumentHelp("A GeoJSON file whose first Polygon or MultiPolygon is the corridor itself (no width).", valueName: "file"), completion: .file(extensions: ["geojson", "json"]))
    var polygon: String?

    @Option(help: ArgumentHelp("Corridor width, e.g. 500m or 2km (default: the corridor's own).", valueName: "length"))
    var width: String?

    @Option(help: ArgumentHelp("Sweep several widths, e.g. 100m,500m,1km,2km,5km: when is a border severed or a territory split?", valueName: "lengths"))
    var widths: String?

    @Option(help: "province or country (countries with their parts apart).")
    var level: TerritoryLevel = .country

    @Option(help: "Output format: text, json or geojson.")
    var format: Format = .text

    @OptionGroup var destination: OutputDestination
    @OptionGroup var data: DataOptions

    func validate() throws {
        let given = [name != nil, route != nil, routeFile != nil, polygon != nil].filter { $0 }.count
        if given != 1 { throw ValidationError("give one corridor: a name, --route, --route-file or --polygon") }
        if polygon != nil && (width != nil || widths != nil) { throw ValidationError("--polygon is the corridor itself: it takes no width") }
        if width != nil && widths != nil { throw ValidationError("--width and --widths do not go together") }
        for w in (widths.map { $0.split(separator: ",").map(String.init) } ?? []) + (width.map { [$0] } ?? []) {
            _ = try CorridorWidth.meters(w)
        }
    }

    func run() throws {
        let atlas = try data.atlas()
        var spec = try CorridorInput.spec(name: name, route: route, routeFile: routeFile, polygon: polygon, atlas: atlas, limits: data.limits)
        if let width { spec.widthMeters = try MeasureParser.meters(width) }
        if let widths {
            let sweep = try widths.split(separator: ",").map { try MeasureParser.meters(String($0)) }
            var reports: [CorridorReport] = []
            for w in sweep {
                var s = spec
                s.widthMeters = w
                reports.append(try analyze(s, atlas))
            }
            switch format {
            case .json: try ResultWriter.emit(try JSONOutput.encode(["sweep": reports]), to: destination.output)
            case .geojson: throw ValidationError("--widths goes with --format text or json")
            case .text: try ResultWriter.emit(sweepText(reports), to: destination.output)
            }
            return
        }
        let report = try analyze(spec, atlas)
        switch format {
        case .json:
            try ResultWriter.emit(chunks: report.jsonChunks(), to: destination.output)
            Console.finishWithoutTeardown()
        case .geojson: try ResultWriter.emit(geojson(report, spec), to: destination.output)
        case .text: try ResultWriter.emit(text(report), to: destination.output)
        }
    }

    private func analyze(_ spec: CorridorSpec, _ atlas: Atlas) throws -> CorridorReport {
        try CorridorInput.analyze(spec, atlas, level: level)
    }


    private func text(_ r: CorridorReport) -> String {
        var out = "Corridor \"\(r.name)\" (\(r.id)): \(NumberFormatting.fixed(r.widthM, 0)) m wide"
        if let l = r.routeLengthKm { out += ", route \(Formatting.km(l)) km" }
        out += ", \(NumberFormatting.fixed(r.areaKm2, 2)) km² (\(r.level) level)\n"
        out += "\nTerritory it takes:\n"
        var t = TextTable(["territory", "id", "km² inside", "% of it", "route km inside", "left in pieces (km²)"], rightAligned: [2, 3, 4])
        for i in r.territories {
            let pieces = i.piecesKm2.prefix(4).map { NumberFormatting.fixed($0, 2) }.joined(separator: " + ") + (i.piecesKm2.count > 4 ? " + …" : "")
            t.add([i.name, i.id, NumberFormatting.fixed(i.areaInsideKm2, 2), NumberFormatting.fixed(i.areaPercent, 2), Formatting.km(i.routeLengthInsideKm), (i.split ? "SPLIT: " : "") + pieces])
        }
        out += t.render(indent: "  ")
        out += "\nBorders it shortens or severs:\n"
        if r.borderChanges.isEmpty { out += "  none\n" }
        for c in r.borderChanges {
            out += "  \(c.aName) – \(c.bName): \(Formatting.km(c.lengthBeforeKm)) km before, \(Formatting.km(c.lengthAfterKm)) km after" + (c.severed ? " — SEVERED\n" : "\n")
        }
        out += "\nTerritories it links (they did not border each other):\n"
        if r.links.isEmpty { out += "  none\n" }
        for l in r.links {
            out += "  \(l.aName) ↔ \(l.bName)" + (l.routeKm.map { ": \(Formatting.km($0)) km of route between them" } ?? "") + "\n"
        }
        out += "\nPlaces (distance to the corridor):\n"
        var p = TextTable(["place", "km"], rightAligned: [1])
        for d in r.places.prefix(10) { p.add([d.name, d.inside ? "inside" : Formatting.km(d.distanceKm)]) }
        out += p.render(indent: "  ")
        return out
    }

    private func sweepText(_ reports: [CorridorReport]) -> String {
        guard let first = reports.first else { return "" }
        let out = "Corridor \"\(first.name)\" (\(first.id)) at \(reports.count) widths (\(first.level) level)\n"
        var pairs: [String] = []
        for r in reports { for c in r.borderChanges where !pairs.contains("\(c.a)|\(c.b)") { pairs.append("\(c.a)|\(c.b)") } }
        var header = ["width m", "km²", "split"]
        header += pairs.map { "\($0.replacingOccurrences(of: "|", with: "–")) km" }
        var t = TextTable(header, rightAligned: Set(0..<header.count).subtracting([2]))
        for r in reports {
            let split = r.territories.filter(\.split).map(\.id).joined(separator: ",")
            var row = [NumberFormatting.fixed(r.widthM, 0), NumberFormatting.fixed(r.areaKm2, 2), split.isEmpty ? "-" : split]
            for pair in pairs {
                let c = r.borderChanges.first { "\($0.a)|\($0.b)" == pair }
                row.append(c.map { $0.severed ? "severed" : Formatting.km($0.lengthAfterKm) } ?? "unchanged")
            }
            t.add(row)
        }
        return out + t.render(indent: "  ")
    }

    private func geojson(_ r: CorridorReport, _ spec: CorridorSpec) -> String {
        var features: [Feature] = [
            Feature(
                id: .string("corridor"), geometry: r.corridor,
                properties: [
                    "title": .string(r.name), "description": .string("\(NumberFormatting.fixed(r.widthM, 0)) m wide, \(NumberFormatting.fixed(r.areaKm2, 2)) km²"),
                    "width_m": .number(r.widthM), "area_km2": .number(r.areaKm2), "fill": "#d62728", "fill-opacity": 0.5, "stroke": "#d62728",
                ])
        ]
        if let route = spec.route {
            features.append(Feature(id: .string("route"), geometry: .lineString(route), properties: ["title": .string("\(r.name): route"), "stroke": "#000000", "stroke-width": 2]))
        }
        for (id, g) in r.pieces {
            let impact = r.territories.first { $0.id == id }
            features.append(
                Feature(
                    id: .string("left:\(id)"), geometry: g,
                    properties: [
                        "title": .string("\(impact?.name ?? id): what is left"), "territory": .string(id),
                        "area_inside_km2": .number(impact?.areaInsideKm2 ?? 0), "pieces_km2": .array((impact?.piecesKm2 ?? []).map { .number($0) }),
                        "split": .bool(impact?.split ?? false), "fill": "#1f77b4", "fill-opacity": 0.3, "stroke": "#1f77b4",
                    ]))
        }
        return GeoJSONWriter().string(features: features)
    }
}

/// Building and checking the corridor to analyse, shared by show and compare.
enum CorridorInput {
    static func spec(name: String?, route: String?, routeFile: String?, polygon: String?, atlas: Atlas, limits: InputLimits) throws -> CorridorSpec {
        if let name { return CorridorSpec(try atlas.corridor(named: name)) }
        if let route { return CorridorSpec(id: "route", name: "route", route: try CorridorSpec.parseRoute(route), widthMeters: 500) }
        let reader = GeoJSONReader(options: limits.readerOptions)
        if let routeFile {
            let fc = try reader.read(path: routeFile)
            guard let (i, line) = fc.features.enumerated().lazy.compactMap({ f in f.element.geometry?.lineStrings.first.map { (f.offset, $0) } }).first else {
                throw GeoError(.schema, "holds no LineString to use as a route", file: routeFile)
            }
            let f = fc.features[i]
            let width = f.properties["width_m"]?.numberValue ?? 500
            return CorridorSpec(id: f.id?.description ?? "route", name: f.string("name") ?? routeFile, route: line, widthMeters: width)
        }
        let path = polygon ?? "-"
        let fc = try reader.read(path: path)
        guard let f = fc.features.first(where: { $0.geometry?.dimension == 2 }), let g = f.geometry else {
            throw GeoError(.schema, "holds no Polygon or MultiPolygon to use as a corridor", file: path)
        }
        let report = try g.validity()
        if !report.isValid { throw GeoError(.invalidGeometry, "the corridor polygon is invalid: \(report.reason)", file: path) }
        return CorridorSpec(id: f.id?.description ?? "polygon", name: f.string("name") ?? path, route: nil, widthMeters: 0, polygon: g)
    }

    static func analyze(_ spec: CorridorSpec, _ atlas: Atlas, level: TerritoryLevel) throws -> CorridorReport {
        let report = try CorridorAnalysis.analyze(spec, atlas: atlas, level: level)
        if report.territories.isEmpty {
            var hint = ""
            if let r = spec.route {
                let swapped = LineString(r.coordinates.map { Coordinate(longitude: $0.latitude, latitude: $0.longitude) })
                if swapped.coordinates.allSatisfy(\.isInWGS84Range) {
                    var s = spec
                    s.route = swapped
                    if let t = try? CorridorAnalysis.analyze(s, atlas: atlas, level: level), !t.territories.isEmpty {
                        hint = "; with each point's numbers swapped it would: did you give latitude first? Give lon,lat"
                    }
                }
            }
            throw GeoError(.analysis, "the corridor touches no territory of the data\(hint)")
        }
        return report
    }

}
