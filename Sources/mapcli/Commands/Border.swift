import ArgumentParser
import Geo

struct Border: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe the border between two territories: length, kind, segments and end points.",
        discussion: """
            Examples:
              mapcli border Armenia Iran
              mapcli border Syunik "East Azerbaijan" --format json
              mapcli border Nakhchivan Turkey --format geojson > border.geojson
            """)

    enum Format: String, OutputFormat {
        case text, json, geojson, gpkg, fgb, shp
    }

    @Argument(help: "The first territory.")
    var first: String

    @Argument(help: "The second territory.")
    var second: String

    @Option(name: .customLong("format"), help: "Output format: text, json or geojson (the border lines).")
    var formatOption: Format?

    /// The format asked for by --format or the -o file's extension (checked in validate()).
    var format: Format { (try? destination.resolve(formatOption, default: .text)) ?? .text }

    @OptionGroup var destination: OutputDestination
    @OptionGroup var adjacency: AdjacencyOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var engine: EngineOptions

    func validate() throws {
        try destination.requireFile(for: destination.resolve(formatOption, default: .text))
        try engine.validate(data: data)
    }

    func run() throws {
        let a: Territory, b: Territory, level: String, graph: AdjacencyGraph, atlas: Atlas?
        if let table = engine.postgisTable {
            // In the database: the pairs with the first computed there.
            let found: [Territory]
            (found, graph) = try engine.graph(aroundNamed: [first, second], table: table, options: adjacency.engine.options)
            (a, b) = (found[0], found[1])
            if a.id == b.id { throw GeoError(.invalidArgument, "\"\(first)\" and \"\(second)\" are the same territory (\(a.id))") }
            (level, atlas) = ("all", nil)
        } else {
            let shipped = try data.atlas()
            (a, b) = (try shipped.territory(named: first), try shipped.territory(named: second))
            if a.id == b.id { throw GeoError(.invalidArgument, "\"\(first)\" and \"\(second)\" are the same territory (\(a.id))") }
            let layer: [Territory]
            (level, layer) = try shipped.layer(for: [a, b])
            // Only what can touch the first: the same border and tripoints, without the rest of the layer.
            graph = try adjacency.engine.graph(of: try layer.around(a, marginMeters: try adjacency.toleranceMeters))
            atlas = shipped
        }
        guard let border = graph.border(a.id, b.id) else {
            let text = "\(a.name) (\(a.id)) and \(b.name) (\(b.id)) do not touch\(level == "all" ? "" : " at \(level) level")\n"
            switch format {
            case .text: try ResultWriter.emit(VisibleText.escaped(text), to: destination.output)
            case .json: try ResultWriter.emit(try JSONOutput.encode(["touch": false]), to: destination.output)
            case .geojson, .gpkg, .fgb, .shp: try destination.emit(features: [], as: format)
            }
            return
        }
        let report = BorderReport(border, graph: graph, atlas: atlas)
        switch format {
        case .json: try ResultWriter.emit(try JSONOutput.encode(report), to: destination.output)
        case .geojson, .gpkg, .fgb, .shp: try destination.emit(features: BorderFeatures.features([border], graph: graph), as: format)
        case .text:
            var out = "\(report.aName) (\(report.a)) – \(report.bName) (\(report.b))\(level == "all" ? "" : ", \(level) level")\n"
            out += "  contact:   \(report.contact == .edge ? "shared edge" : "single point\(report.segments == 1 ? "" : "s")")\n"
            out += "  length:    \(Formatting.km(report.lengthKm)) km (geodesic, WGS84)\n"
            if let p = report.published {
                out += "  published: \(p.citation); measured \(p.differenceText)\n"
            }
            out += "  segments:  \(report.segments)\n"
            if !report.endpoints.isEmpty {
                out += "  ends:      " + report.endpoints.map(Formatting.point).joined(separator: "; ") + "\n"
            }
            for t in report.tripoints {
                out += "  tripoint:  \(Formatting.point(t.coordinate)) (\(t.territories.joined(separator: ", ")))\n"
            }
            if let o = report.overlapKm2, let g = report.maxGapM {
                out += "  bridged:   \(NumberFormatting.fixed(o, 6)) km² of overlap, gaps up to \(NumberFormatting.fixed(g, 1)) m\n"
            }
            out += CaveatText.lines(report.caveats ?? [])
            try ResultWriter.emit(VisibleText.escaped(out), to: destination.output)
        }
    }
}

/// Border lines as GeoJSON features, with both sides and the length.
enum BorderFeatures {
    /// With `linesOnly`, a layer of one geometry type (MultiLineString), as
    /// Shapefile and GeoPackage layers need: point contacts are left out (the
    /// CSV and JSON outputs list them).
    static func features(_ borders: [Geo.Border], graph: AdjacencyGraph, linesOnly: Bool = false) -> [Feature] {
        borders.compactMap { b -> Feature? in
            if linesOnly && b.contact != .edge { return nil }
            let r = BorderReport(b, graph: graph)
            let geometry: Geometry = b.contact == .edge
                ? (b.lines.count == 1 && !linesOnly ? .lineString(b.lines[0]) : .multiLineString(b.lines))
                : .multiPoint(b.points)
            var props: [String: JSONValue] = [
                "a": .string(r.a), "a_name": .string(r.aName), "b": .string(r.b), "b_name": .string(r.bName),
                "contact": .string(r.contact.rawValue), "length_km": .number(r.lengthKm), "segments": .number(Double(r.segments)),
                "title": .string("\(r.aName) – \(r.bName)"),
                "description": .string("\(r.aName) – \(r.bName): \(Formatting.km(r.lengthKm)) km (\(r.contact.rawValue))"),
                "stroke": "#d62728", "stroke-width": 3,
            ]
            if let o = r.overlapKm2 { props["overlap_km2"] = .number(o) }
            if let g = r.maxGapM { props["max_gap_m"] = .number(g) }
            return Feature(id: .string("\(r.a)|\(r.b)"), geometry: geometry, properties: props)
        }
    }
}
