import ArgumentParser
import Geo

struct CorridorCompare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Compare corridors side by side: territory taken, splits, borders severed, links.",
        discussion: """
            Examples:
              mapcli corridor compare syunik iran
              mapcli corridor compare syunik iran --width 1km --format json
            """)

    @Argument(help: "Two or more shipped corridors.")
    var names: [String]

    @Option(help: ArgumentHelp("One width for all, e.g. 1km (default: each corridor's own).", valueName: "length"))
    var width: String?

    @Option(help: "province or country (countries with their parts apart).")
    var level: TerritoryLevel = .country

    @Option(help: "Output format: text or json.")
    var format: TextFormat = .text

    @OptionGroup var destination: OutputDestination
    @OptionGroup var data: DataOptions

    func validate() throws {
        if names.count < 2 { throw ValidationError("name at least two corridors to compare") }
        if let width { _ = try CorridorWidth.meters(width) }
    }

    func run() throws {
        let atlas = try data.atlas()
        var reports: [CorridorReport] = []
        for name in names {
            var spec = CorridorSpec(try atlas.corridor(named: name))
            if let width { spec.widthMeters = try MeasureParser.meters(width) }
            reports.append(try CorridorInput.analyze(spec, atlas, level: level))
        }
        switch format {
        case .json: try ResultWriter.emit(try JSONOutput.encode(["corridors": reports]), to: destination.output)
        case .text: try ResultWriter.emit(text(reports, atlas), to: destination.output)
        }
    }

    private func text(_ reports: [CorridorReport], _ atlas: Atlas) -> String {
        var table = TextTable([""] + reports.map(\.id), rightAligned: Set(1...reports.count))
        table.add(["width (m)"] + reports.map { NumberFormatting.fixed($0.widthM, 0) })
        table.add(["route (km)"] + reports.map { $0.routeLengthKm.map(Formatting.km) ?? "-" })
        table.add(["area (km²)"] + reports.map { NumberFormatting.fixed($0.areaKm2, 2) })
        var ids: [String] = []
        for r in reports { for t in r.territories where !ids.contains(t.id) { ids.append(t.id) } }
        for id in ids {
            let name = atlas.territory(id: id)?.name ?? id
            table.add(["km² of \(name)"] + reports.map { r in r.territories.first { $0.id == id }.map { NumberFormatting.fixed($0.areaInsideKm2, 2) } ?? "0" })
        }
        table.add(["split"] + reports.map { r in r.territories.filter(\.split).map(\.id).joined(separator: ",").ifEmpty("-") })
        var pairs: [String] = []
        for r in reports { for c in r.borderChanges where !pairs.contains("\(c.a)|\(c.b)") { pairs.append("\(c.a)|\(c.b)") } }
        for pair in pairs {
            let parts = pair.split(separator: "|").map(String.init)
            let label = parts.map { atlas.territory(id: $0)?.name ?? $0 }.joined(separator: "–") + " border (km)"
            table.add([label] + reports.map { r in
                r.borderChanges.first { "\($0.a)|\($0.b)" == pair }.map { $0.severed ? "severed" : "\(Formatting.km($0.lengthBeforeKm)) → \(Formatting.km($0.lengthAfterKm))" } ?? "unchanged"
            })
        }
        var links: [String] = []
        for r in reports { for l in r.links where !links.contains("\(l.a)|\(l.b)") { links.append("\(l.a)|\(l.b)") } }
        for link in links {
            let parts = link.split(separator: "|").map(String.init)
            let label = "links " + parts.map { atlas.territory(id: $0)?.name ?? $0 }.joined(separator: " ↔ ")
            table.add([label] + reports.map { r in r.links.first { "\($0.a)|\($0.b)" == link }.map { l in l.routeKm.map { "yes, \(Formatting.km($0)) km" } ?? "yes" } ?? "no" })
        }
        return "Corridors compared (\(reports.first?.level ?? "") level)\n" + table.render(indent: "  ")
    }
}

extension String {
    func ifEmpty(_ other: String) -> String { isEmpty ? other : self }
}
