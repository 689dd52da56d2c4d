import ArgumentParser
import Geo

struct Path: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Are two territories linked by land, and through which territories?",
        discussion: """
            Lists every shortest chain of bordering territories (fewest crossed).

            Examples:
              mapcli path Nakhchivan "Mainland Azerbaijan"
              mapcli path Nakhchivan "Mainland Azerbaijan" --avoid Armenia
              mapcli path Sharur Zangilan --format json
            """)

    @Argument(help: "Where the path starts.")
    var from: String

    @Argument(help: "Where it ends.")
    var to: String

    @Option(parsing: .upToNextOption, help: "Territories the path may not cross.")
    var avoid: [String] = []

    @Option(help: "List at most this many shortest paths (the output says when there are more).")
    var maxPaths: Int = 20

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var formatOption: TextFormat?

    /// The format asked for by --format or the -o file's extension (checked in validate()).
    var format: TextFormat { (try? destination.resolve(formatOption, default: .text)) ?? .text }

    @OptionGroup var destination: OutputDestination

    @OptionGroup var adjacency: AdjacencyOptions
    @OptionGroup var data: DataOptions

    func validate() throws {
        _ = try destination.resolve(formatOption, default: .text)
        if maxPaths < 1 { throw ValidationError("--max-paths must be at least 1") }
    }

    func run() throws {
        let atlas = try data.atlas()
        let a = try atlas.territory(named: from)
        let b = try atlas.territory(named: to)
        var avoided: [Territory] = []
        for name in avoid { avoided.append(try atlas.territory(named: name)) }
        let (level, layer) = try atlas.layer(for: [a, b])
        let ids = Set(layer.map(\.id))
        for t in avoided where !ids.contains(t.id) {
            throw GeoError(.invalidArgument, "--avoid \(t.name) (\(t.id)) is not at the \(level) level of \(a.name) and \(b.name)")
        }
        let graph = try adjacency.engine.graph(of: layer)
        let report = PathReport(graph: graph, from: a.id, to: b.id, avoiding: Set(avoided.map(\.id)), maxPaths: maxPaths)
        switch format {
        case .json: try ResultWriter.emit(try JSONOutput.encode(report), to: destination.output)
        case .text:
            let name = { (id: String) in "\(report.names[id] ?? id) (\(id))" }
            let avoiding = report.avoiding.isEmpty ? "" : ", avoiding " + report.avoiding.map(name).joined(separator: ", ")
            var out = ""
            if !report.linked {
                out = "\(name(a.id)) and \(name(b.id)) are not linked by land\(level == "all" ? "" : " at \(level) level")\(avoiding)\n"
            } else if report.territoriesCrossed == 0 {
                out = "\(name(a.id)) borders \(name(b.id)) directly\n"
            } else {
                let n = report.territoriesCrossed ?? 0
                out = "\(name(a.id)) → \(name(b.id))\(avoiding): linked by land through \(n) territor\(n == 1 ? "y" : "ies"); shortest paths:\n"
                for p in report.paths { out += "  " + p.map(name).joined(separator: " → ") + "\n" }
                if report.pathsTruncated {
                    out += "  … the first \(report.maxPaths) shortest paths only; there are more (--max-paths raises the cap)\n"
                }
            }
            try ResultWriter.emit(VisibleText.escaped(out), to: destination.output)
        }
    }
}
