import ArgumentParser
import Geo

struct Territories: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List territories with their ids, names, parents and geodesic areas.",
        discussion: """
            Examples:
              mapcli territories --level country
              mapcli territories --country AM
              mapcli territories --level country --exclaves --format csv
            """)

    @Option(help: "province or country (default province, as in every command).")
    var level: TerritoryLevel = .province

    @Option(help: "Only this country's territories (alpha-2 code or name).")
    var country: String?

    @Flag(help: "At country level, list a country's parts (mainland Azerbaijan, Nakhchivan) apart.")
    var exclaves = false

    @Option(name: .customLong("format"), help: "Output format: text, json or csv.")
    var formatOption: TableFormat?

    /// The format asked for by --format or the -o file's extension (checked in validate()).
    var format: TableFormat { (try? destination.resolve(formatOption, default: .text)) ?? .text }

    @OptionGroup var destination: OutputDestination

    @OptionGroup var data: DataOptions

    struct Row: Codable {
        var id: String
        var name: String
        var localName: String?
        var level: TerritoryLevel
        var kind: String
        var country: String?
        var parent: String?
        var exclave: Bool
        var clipped: Bool
        var areaKm2: Double
        /// The official area, where one is published (shipped data).
        var published: PublishedComparison?
    }

    func validate() throws {
        _ = try destination.resolve(formatOption, default: .text)
    }

    func run() throws {
        let atlas = try data.atlas()
        if exclaves && !atlas.isLayered { throw DataOptions.exclavesNeedTheShippedData }
        let list = atlas.isLayered
            ? atlas.territories(level: level, country: country, splitExclaves: exclaves)
            : atlas.territories.filter { t in country.map { t.countryCode == atlas.countryCode(for: $0) } ?? true }
        if list.isEmpty, let country {
            throw GeoError(.lookup, "no \(level.rawValue) territories of \"\(country)\"")
        }
        let rows = list.map { t in
            let area = t.areaKm2
            return Row(
                id: t.id, name: t.name, localName: t.localName, level: t.level, kind: t.kind, country: t.countryCode,
                parent: t.parentID, exclave: t.isExclave, clipped: t.isClipped,
                areaKm2: NumberFormatting.rounded(area, decimals: 1), published: atlas.publishedArea(of: t, measuredKm2: area))
        }
        let caveats = Caveats.of(list.map(\.id), in: atlas, areasKm2: Dictionary(rows.map { ($0.id, $0.areaKm2) }) { a, _ in a })
        let approximate = Set(caveats.filter { $0.kind == .approximateLines }.map(\.territory))
        switch format {
        case .json:
            struct Answer: Encodable {
                var territories: [Row]
                var caveats: [Caveat]
            }
            try ResultWriter.emit(try JSONOutput.encode(Answer(territories: rows, caveats: caveats)), to: destination.output)
        case .csv:
            var out = CSV.line([
                "id", "name", "local_name", "level", "kind", "country", "parent", "exclave", "clipped", "area_km2",
                "published_km2", "published_diff_pct", "published_source", "published_year",
            ])
            for r in rows {
                out += CSV.line([
                    r.id, r.name, r.localName ?? "", r.level.rawValue, r.kind, r.country ?? "", r.parent ?? "", String(r.exclave),
                    String(r.clipped), NumberFormatting.fixed(r.areaKm2, 1),
                    r.published.map { NumberFormatting.json($0.value) } ?? "",
                    r.published.map { NumberFormatting.fixed($0.differencePercent, 1) } ?? "",
                    r.published?.source ?? "", r.published?.year.map(String.init) ?? "",
                ])
            }
            try ResultWriter.emit(out, to: destination.output)
            CaveatText.toStandardError(caveats)
        case .text:
            let anyPublished = rows.contains { $0.published != nil }
            var header = ["id", "name", "local name", "kind", "parent", "area_km2"]
            if anyPublished { header += ["published_km2", "diff"] }
            var table = TextTable(header + ["note"], rightAligned: anyPublished ? [5, 6, 7] : [5])
            for r in rows {
                let note = [
                    r.exclave ? "exclave" : nil, r.clipped ? "clipped to the region" : nil,
                    approximate.contains(r.id) ? "lines approximate" : nil,
                ].compactMap { $0 }.joined(separator: ", ")
                var cells = [r.id, r.name, r.localName ?? "", r.kind, r.parent ?? "-", NumberFormatting.fixed(r.areaKm2, 1)]
                if anyPublished {
                    cells += [r.published.map { NumberFormatting.json($0.value) } ?? "-", r.published?.differenceText ?? "-"]
                }
                table.add(cells + [note])
            }
            var out = table.render()
            out += CaveatText.lines(caveats, whereToLook: " (marked in the note column; published figures with their sources: --format json)")
            try ResultWriter.emit(VisibleText.escaped(out), to: destination.output)
        }
    }
}
