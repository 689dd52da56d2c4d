import ArgumentParser
import Geo

struct Neighbors: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the neighbours of a territory, longest shared border first.",
        discussion: """
            Provinces are compared with provinces, countries with countries; naming a part of a \
            country (Nakhchivan, Mainland Azerbaijan) keeps the parts apart.

            Examples:
              mapcli neighbors Syunik
              mapcli neighbors Nakhchivan --format json
              mapcli neighbors Armenia --mode rook
            """)

    @Argument(help: "A territory name, alias or id.")
    var territory: String

    @Option(name: .customLong("format"), help: "Output format: text, json or csv.")
    var formatOption: TableFormat?

    /// The format asked for by --format or the -o file's extension (checked in validate()).
    var format: TableFormat { (try? destination.resolve(formatOption, default: .text)) ?? .text }

    @OptionGroup var destination: OutputDestination

    @OptionGroup var adjacency: AdjacencyOptions
    @OptionGroup var data: DataOptions
    @OptionGroup var engine: EngineOptions

    func validate() throws {
        _ = try destination.resolve(formatOption, default: .text)
        try engine.validate(data: data)
    }

    func run() throws {
        let report: NeighborsReport
        let level: String
        if let table = engine.postgisTable {
            // In the database: names looked up among the table's, the pairs with it computed there.
            let (found, graph) = try engine.graph(aroundNamed: [territory], table: table, options: adjacency.engine.options)
            level = "all"
            report = NeighborsReport(graph: graph, id: found[0].id, level: level)
        } else {
            let atlas = try data.atlas()
            let t = try atlas.territory(named: territory)
            let layer: [Territory]
            (level, layer) = try atlas.layer(for: [t])
            // Only what can touch it: the same borders, without the rest of the layer.
            let graph = try adjacency.engine.graph(of: try layer.around(t, marginMeters: try adjacency.toleranceMeters))
            report = NeighborsReport(graph: graph, id: t.id, level: level, atlas: atlas)
        }
        switch format {
        case .json: try ResultWriter.emit(try JSONOutput.encode(report), to: destination.output)
        case .csv:
            var out = CSV.line([
                "id", "name", "neighbor_id", "neighbor_name", "contact", "length_km", "published_km", "published_diff_pct", "published_source",
            ])
            for n in report.neighbors {
                out += CSV.line([
                    report.id, report.name, n.id, n.name, n.contact.rawValue, NumberFormatting.fixed(n.lengthKm, 3),
                    n.published.map { NumberFormatting.json($0.value) } ?? "",
                    n.published.map { NumberFormatting.fixed($0.differencePercent, 1) } ?? "",
                    n.published.map { $0.source + ($0.year.map { ", \($0)" } ?? "") } ?? "",
                ])
            }
            try ResultWriter.emit(out, to: destination.output)
            CaveatText.toStandardError(report.caveats)
        case .text:
            var out = "\(report.name) (\(report.id))\(level == "all" ? "" : ", \(level) level"): \(report.neighbors.count) neighbour\(report.neighbors.count == 1 ? "" : "s"), \(Formatting.km(report.totalBorderKm)) km of border\n"
            let anyPublished = report.neighbors.contains { $0.published != nil }
            var table = TextTable(
                ["neighbour", "id", "contact", "km"] + (anyPublished ? ["published km", "diff", "source"] : []),
                rightAligned: anyPublished ? [3, 4, 5] : [3])
            for n in report.neighbors {
                var cells = [n.name, n.id, n.contact.rawValue, Formatting.km(n.lengthKm)]
                if anyPublished {
                    cells += [
                        n.published.map { NumberFormatting.json($0.value) } ?? "-", n.published?.differenceText ?? "-",
                        n.published.map { $0.source + ($0.year.map { ", \($0)" } ?? "") } ?? "",
                    ]
                }
                table.add(cells)
            }
            out += table.render(indent: "  ")
            out += CaveatText.lines(report.caveats)
            try ResultWriter.emit(VisibleText.escaped(out), to: destination.output)
        }
    }
}
