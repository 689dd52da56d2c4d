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

    @Option(parsing: .unconditional, help: ArgumentHelp("One width for all, e.g. 1km (default: each corridor's own).", valueName: "length"))
    var width: String?

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var formatOption: TextFormat?

    /// The format asked for by --format or the -o file's extension (checked in validate()).
    var format: TextFormat { (try? destination.resolve(formatOption, default: .text)) ?? .text }

    @OptionGroup var reading: CorridorReadingOptions
    @OptionGroup var destination: OutputDestination
    @OptionGroup var data: DataOptions

    func validate() throws {
        _ = try destination.resolve(formatOption, default: .text)
        if names.count < 2 { throw ValidationError("name at least two corridors to compare") }
        if let width { _ = try CorridorWidth.meters(width) }
    }

    func run() throws {
        let atlas = try data.atlas()
        let options = try reading.options
        var reports: [CorridorReport] = []
        for name in names {
            var spec = CorridorSpec(try atlas.corridor(named: name))
            if let width { spec.widthMeters = try MeasureParser.meters(width) }
            reports += try CorridorInput.sweep(spec, [spec.widthMeters], atlas, options, criticalWidths: false)
        }
        switch format {
        case .json: try ResultWriter.emit(chunks: CorridorReport.listJSONChunks(reports, under: "corridors"), to: destination.output)
        case .text: try ResultWriter.emit(VisibleText.escaped(text(reports, atlas)), to: destination.output)
        }
    }

    private func text(_ reports: [CorridorReport], _ atlas: Atlas) -> String {
        var table = TextTable([""] + reports.map(\.id), rightAligned: Set(1...reports.count))
        table.add(["width (m)"] + reports.map { NumberFormatting.fixed($0.widthM, 0) })
        table.add(["route (km)"] + reports.map { $0.routeLengthKm.map(Formatting.km) ?? "-" })
        table.add(["area (km²)"] + reports.map { NumberFormatting.fixed($0.areaKm2, 2) })
        table.add(["clipped off (km²)"] + reports.map { NumberFormatting.fixed($0.clip.clippedKm2, 2) })
        var levels: [String] = []
        for r in reports { for l in r.levels where !levels.contains(l.level) { levels.append(l.level) } }
        for level in levels {
            var ids: [String] = []
            for r in reports { for t in r.level(level)?.territories ?? [] where !ids.contains(t.id) { ids.append(t.id) } }
            for id in ids {
                let name = atlas.territory(id: id)?.name ?? id
                table.add(["km² of \(name)"] + reports.map { r in r.level(level)?.territories.first { $0.id == id }.map { NumberFormatting.fixed($0.areaInsideKm2, 2) } ?? "0" })
            }
        }
        let (keys, label) = CorridorText.verdictRows(reports)
        for k in keys { table.add([label[k]!] + reports.map { r in r.verdicts.contains { $0.key == k } ? "yes" : "no" }) }
        var out = "Corridors compared. Reading: \(reports.first?.model.assumption ?? "").\n" + table.render(indent: "  ")
        for r in reports {
            out += "\n\(r.name) (\(r.id)), \(NumberFormatting.fixed(r.widthM, 0)) m:\n"
            if r.verdicts.isEmpty { out += "  No border is cut off or severed, nothing is split or linked.\n" }
            for v in r.verdicts where v.level == r.levels.first?.level { out += "  - \(v.sentence)\n" }
            if let s = r.routeNote { out += "  \(s)\n" }
        }
        return out
    }
}

extension String {
    func ifEmpty(_ other: String) -> String { isEmpty ? other : self }
}
