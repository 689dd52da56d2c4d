import ArgumentParser
import Geo

struct Adjacency: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Every pair of adjacent territories of a layer, with the kind of contact and the shared length.",
        discussion: """
            Formats: gal and gwt are contiguity weights as GeoDa and PySAL read them (rook with --mode rook, \
            queen by default; gwt's weight is the shared border in km, 0 for a single-point contact). \
            Others: text (a table), json (schema in docs/json-schema.md), csv, geojson, gpkg, fgb and shp (the border \
            lines, with both sides' ids and names and the length in km; gpkg, fgb and shp need -o), dot (Graphviz: `| dot -Tsvg > graph.svg`).

            Examples:
              mapcli adjacency
              mapcli adjacency --level country --exclaves --format csv
              mapcli adjacency --data my-districts.geojson --id-field code --tolerance 50m --format json
              mapcli adjacency --level country --format geojson -o borders.geojson
              mapcli adjacency --data districts.shp -o borders.gpkg
              mapcli adjacency --engine postgis --db postgresql://localhost/gis --table parcels --format csv
            """)

    enum Format: String, OutputFormat {
        case text, json, csv, geojson, gpkg, fgb, shp, dot, gal, gwt
    }

    @Option(help: "country or province (shipped data).")
    var level: TerritoryLevel = .province

    @Flag(help: "At country level, keep a country's parts (mainland Azerbaijan, Nakhchivan) apart.")
    var exclaves = false

    @Option(name: .customLong("format"), help: "Output format: text, json, csv, geojson, gpkg, fgb, shp (the border lines), dot, gal or gwt (spatial weights for GeoDa/PySAL; gwt weighs by shared km).")
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
        let graph: AdjacencyGraph
        let levelName: String
        let caveats: [Caveat]
        if let table = engine.postgisTable {
            let (g, notes) = try engine.backend(table, try adjacency.engine.options).run()
            for n in notes { Console.error("mapcli: \(n)") }
            (graph, levelName, caveats) = (g, "all", [])
        } else {
            let atlas = try data.atlas()
            if exclaves && !atlas.isLayered { throw DataOptions.exclavesNeedTheShippedData }
            let layer = atlas.isLayered ? atlas.territories(level: level, splitExclaves: exclaves) : atlas.territories
            levelName = atlas.isLayered ? level.rawValue + (exclaves && level == .country ? " (parts apart)" : "") : "all"
            graph = try InMemoryAdjacency(engine: try adjacency.engine, territories: layer).adjacencyGraph()
            // What the lengths rest on (clipped territories, approximate lines): after
            // the table, on standard error beside the other formats.
            caveats = atlas.isLayered ? Caveats.of(layer.map(\.id), in: atlas) : []
        }
        let text: String
        switch format {
        case .json:
            try ResultWriter.emit(chunks: AdjacencyReport.jsonChunks(graph: graph, level: levelName), to: destination.output)
            CaveatText.toStandardError(caveats)
            Console.finishWithoutTeardown()
            return
        case .geojson, .gpkg, .fgb, .shp:
            try destination.emit(features: BorderFeatures.features(graph.borders, graph: graph, linesOnly: true), as: format)
            let points = graph.borders.filter { $0.contact != .edge }.count
            if points > 0 {
                Console.error("mapcli: note: \(points) single-point contact\(points == 1 ? " is" : "s are") not in the \(format.rawValue) (its features are all MultiLineStrings, one geometry type per layer); --format csv or json lists them")
            }
            CaveatText.toStandardError(caveats)
            return
        case .csv:
            try ResultWriter.emit(chunks: AdjacencyReport.csvChunks(graph: graph), to: destination.output)
            CaveatText.toStandardError(caveats)
            Console.finishWithoutTeardown()
            return
        case .gal, .gwt:
            let layerName = engine.table ?? data.files.first.map { ($0.split(separator: "/").last.map(String.init) ?? $0) } ?? "mapcli-\(levelName.split(separator: " ").first ?? "")"
            let idField = engine.idColumn ?? data.idField ?? "id"
            text = format == .gal
                ? try SpatialWeights.gal(graph, layer: layerName, idField: idField)
                : try SpatialWeights.gwt(graph, layer: layerName, idField: idField)
        case .dot:
            let report = AdjacencyReport(graph: graph, level: levelName)
            var out = "graph adjacency {\n  graph [overlap=false];\n  node [shape=box, fontname=\"Helvetica\"];\n"
            for t in graph.territories.sorted(by: { $0.id < $1.id }) {
                out += "  \(DOTText.quoted(t.id)) [label=\(DOTText.quoted("\(t.name)\n\(t.id)"))];\n"
            }
            for b in report.borders {
                let style = b.contact == .point ? ", style=dashed" : ""
                out += "  \(DOTText.quoted(b.a)) -- \(DOTText.quoted(b.b)) [label=\(DOTText.quoted(Formatting.km(b.lengthKm) + " km"))\(style)];\n"
            }
            text = out + "}\n"
        case .text:
            // Plain words: which contacts count and how exact; the method only when
            // the layer was not a clean coverage (it says why the run was slower).
            // Rows straight from the graph (no border reports: ends and tripoints are not shown).
            let contacts = graph.mode == .queen ? "shared edges and single-point contacts" : "shared edges only"
            var out = "\(graph.territories.count) territories (\(levelName) level), \(graph.borders.count) borders (\(contacts))"
            if graph.toleranceMeters > 0 {
                out += ", boundaries within \(NumberFormatting.fixed(graph.toleranceMeters, 1)) m count as shared\n"
            } else if case .geos(let reason?) = graph.method {
                out += ", exact (\(reason.hasPrefix("not") ? reason : "not a clean coverage: \(reason)"))\n"
            } else if case .sharedEdgesAndGEOS(let flawed, let reason) = graph.method {
                let around = flawed.count == 1 ? "1 territory" : "\(flawed.count) territories"
                out += ", exact (not a clean coverage around \(around), which GEOS worked on: \(reason))\n"
            } else {
                out += ", exact\n"
            }
            var header = ["a", "a name", "b", "b name", "contact", "km", "segments"]
            if graph.toleranceMeters > 0 { header += ["overlap_km2", "max_gap_m"] }
            var table = TextTable(header, rightAligned: [5, 6, 7, 8])
            for row in AdjacencyReport.tableRows(graph: graph) { table.add(row) }
            out += table.render(indent: "  ")
            text = out + CaveatText.lines(caveats, whereToLook: " (mapcli territories lists them with their published areas)")
        }
        try ResultWriter.emit(format == .text || format == .dot ? VisibleText.escaped(text) : text, to: destination.output)
        if format != .text { CaveatText.toStandardError(caveats) }
    }
}

/// Graphviz (DOT) quoted strings.
enum DOTText {
    /// A DOT string, its control characters and bidirectional controls shown (`VisibleText`).
    static func quoted(_ s: String) -> String {
        "\"" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\""
    }
}
