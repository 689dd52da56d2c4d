import ArgumentParser
import Geo

struct Territories: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List territories with their ids, names, parents and geodesic areas.",
        discussion: """
            Examples:
              mapcli territories
              mapcli territories --level province --country AM
              mapcli territories --level country --exclaves --format csv
            """)

    @Option(help: "country or province.")
    var level: TerritoryLevel = .country

    @Option(help: "Only this country's territories (alpha-2 code or name).")
    var country: String?

    @Flag(help: "At country level, list a country's parts (mainland Azerbaijan, Nakhchivan) apart.")
    var exclaves = false

    @Option(help: "Output format: table, json or csv.")
    var format: TableFormat = .table

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
    }

    func run() throws {
        let atlas = try data.atlas()
        let list = atlas.isLayered
            ? atlas.territories(level: level, country: country, splitExclaves: exclaves)
            : atlas.territories.filter { t in country.map { t.countryCode == atlas.countryCode(for: $0) } ?? true }
        if list.isEmpty, let country {
            throw GeoError(.lookup, "no \(level.rawValue) territories of \"\(country)\"")
        }
        let rows = list.map {
            Row(
                id: $0.id, name: $0.name, localName: $0.localName, level: $0.level, kind: $0.kind, country: $0.countryCode,
                parent: $0.parentID, exclave: $0.isExclave, clipped: $0.isClipped,
                areaKm2: NumberFormatting.rounded($0.areaKm2, decimals: 1))
        }
        switch format {
        case .json:
            Console.out(try JSONOutput.encode(["territories": rows]))
        case .csv:
            var out = CSV.line(["id", "name", "local_name", "level", "kind", "country", "parent", "exclave", "clipped", "area_km2"])
            for r in rows {
                out += CSV.line([
                    r.id, r.name, r.localName ?? "", r.level.rawValue, r.kind, r.country ?? "", r.parent ?? "", String(r.exclave),
                    String(r.clipped), NumberFormatting.fixed(r.areaKm2, 1),
                ])
            }
            Console.out(out)
        case .table:
            var table = TextTable(["id", "name", "local name", "kind", "parent", "area_km2", "note"], rightAligned: [5])
            for r in rows {
                let note = [r.exclave ? "exclave" : nil, r.clipped ? "clipped to the region" : nil].compactMap { $0 }.joined(separator: ", ")
                table.add([r.id, r.name, r.localName ?? "", r.kind, r.parent ?? "-", NumberFormatting.fixed(r.areaKm2, 1), note])
            }
            Console.out(table.render())
        }
    }
}
