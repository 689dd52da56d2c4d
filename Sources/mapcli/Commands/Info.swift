import ArgumentParser
import Geo

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe GeoJSON files: per feature its type, vertices, bounds, validity and geodesic area or length.",
        discussion: """
            Areas (km²) and lengths (km) are geodesic on the WGS84 ellipsoid. Invalid geometries are \
            reported with GEOS's reason and location and make the exit code 1, unless --repair fixes them.

            Examples:
              mapcli info geodata/countries.geojson
              mapcli info --format json geodata/provinces.geojson
              cat my.geojson | mapcli info -
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Argument(help: "GeoJSON files to describe ('-' reads standard input).", completion: .file(extensions: ["geojson", "json"]))
    var files: [String]

    @Option(help: "Output format: text or json.")
    var format: Format = .text

    @Flag(help: "Repair invalid geometries (GEOS make-valid) and say what changed.")
    var repair = false

    @OptionGroup var limits: InputLimits

    func validate() throws {
        if files.isEmpty { throw ValidationError("give at least one GeoJSON file, or '-' for standard input") }
    }

    func run() throws {
        let reader = GeoJSONReader(options: limits.readerOptions)
        var summaries: [FileSummary] = []
        for path in files {
            let collection = try reader.read(path: path)
            for w in collection.warnings { Console.error("mapcli: warning: \(path): \(w)") }
            summaries.append(try FeatureInspector.summarize(collection, repair: repair))
        }
        switch format {
        case .json: Console.out(try JSONOutput.encode(["files": summaries]))
        case .text: Console.out(text(summaries))
        }
        // Problems: reported on standard error, one line each, and exit code 1.
        let problems = summaries.flatMap(\.problems)
        for p in problems { Console.error("mapcli: error: \(p)") }
        if !problems.isEmpty { throw ExitCode.failure }
    }

    private func text(_ summaries: [FileSummary]) -> String {
        var out = ""
        for s in summaries {
            let box = s.bbox.map { " bbox " + $0.map { NumberFormatting.fixed($0, 6) }.joined(separator: ",") } ?? ""
            out += "\(s.file): \(s.featureCount) feature\(s.featureCount == 1 ? "" : "s"), \(s.vertexCount) vertices\(box)\n"
            var table = TextTable(
                ["#", "id", "name", "type", "vertices", "valid", "area_km2", "length_km", "bbox (W,S,E,N)"],
                rightAligned: [0, 4, 6, 7])
            for f in s.features {
                let valid = f.valid ? "yes" : (f.repair != nil ? "repaired" : "NO: \(f.invalidReason ?? "")")
                table.add([
                    String(f.index), f.id ?? "-", f.name ?? "-", f.geometryType, String(f.vertexCount), valid,
                    f.areaKm2.map { NumberFormatting.fixed($0, 3) } ?? "-",
                    f.lengthKm.map { NumberFormatting.fixed($0, 3) } ?? "-",
                    f.bbox.map { $0.map { NumberFormatting.fixed($0, 4) }.joined(separator: ",") } ?? "-",
                ])
            }
            out += table.render(indent: "  ")
            for f in s.features { if let r = f.repair { out += "  feature \(f.index): \(r)\n" } }
        }
        return out
    }
}
