import Foundation
import ArgumentParser
import Geo

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Describe vector files (GeoJSON, or anything GDAL reads): per feature its type, vertices, bounds, validity and geodesic area or length.",
        discussion: """
            Areas (km²) and lengths (km) are geodesic on the WGS84 ellipsoid. Invalid geometries are \
            reported with GEOS's reason and location and make the exit code 1, unless --repair fixes them.

            Examples:
              mapcli info geodata/countries.geojson
              mapcli info --format json geodata/provinces.geojson
              cat my.geojson | mapcli info -
              mapcli info districts.gpkg --layer adm2 --where "adm1 = 'Syunik'"
            """)

    enum Format: String, OutputFormat {
        case text, json
    }

    @Argument(
        help: "Files to describe: GeoJSON ('-' reads standard input) or any vector source GDAL reads (Shapefile, GeoPackage, FlatGeobuf, PG:…).",
        completion: .file(extensions: ["geojson", "json", "gpkg", "shp", "fgb", "kml", "gml", "csv", "zip"]))
    var files: [String]

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var formatOption: Format?

    /// The format asked for by --format or the -o file's extension (checked in validate()).
    var format: Format { (try? destination.resolve(formatOption, default: .text)) ?? .text }

    @OptionGroup var destination: OutputDestination

    @Flag(help: "Repair invalid geometries (GEOS make-valid) and say what changed.")
    var repair = false

    @OptionGroup var limits: InputLimits
    @OptionGroup var selection: SourceSelection

    func validate() throws {
        _ = try destination.resolve(formatOption, default: .text)
        try selection.check(files)
        if files.isEmpty { throw ValidationError("give at least one GeoJSON file, or '-' for standard input") }
    }

    func run() throws {
        let source = selection.source(limits)
        var summaries: [FileSummary] = []
        for path in files {
            let collection = try source.read(path)
            for w in collection.warnings { Console.error("mapcli: warning: \(path): \(w)") }
            summaries.append(try FeatureInspector.summarize(collection, repair: repair, published: try Self.publishedFigures(beside: path)))
        }
        switch format {
        case .json: try ResultWriter.emit(try JSONOutput.encode(["files": summaries]), to: destination.output)
        case .text: try ResultWriter.emit(VisibleText.escaped(text(summaries)), to: destination.output)
        }
        // Problems: reported on standard error, one line each, and exit code 1.
        let problems = summaries.flatMap(\.problems)
        for p in problems { Console.error("mapcli: error: \(p)") }
        if !problems.isEmpty { throw ExitCode.failure }
    }

    /// The official figures of a layer: a `published.csv` in the same folder
    /// (the shipped geodata/ has one), else none.
    static func publishedFigures(beside path: String) throws -> PublishedFigures {
        guard path != "-" else { return PublishedFigures() }
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let table = dir + "/published.csv"
        return FileManager.default.fileExists(atPath: table) ? try PublishedFigures.read(path: table) : PublishedFigures()
    }

    private func text(_ summaries: [FileSummary]) -> String {
        var out = ""
        for s in summaries {
            let box = s.bbox.map { " bbox " + $0.map { NumberFormatting.fixed($0, 6) }.joined(separator: ",") } ?? ""
            out += "\(s.file): \(s.featureCount) feature\(s.featureCount == 1 ? "" : "s"), \(s.vertexCount) vertices\(box)\n"
            if !s.fields.isEmpty {
                out += "  fields: " + s.fields.map { "\($0.name) (\($0.type)\($0.featureCount == s.featureCount ? "" : ", in \($0.featureCount)"))" }.joined(separator: ", ") + "\n"
            }
            let anyPublished = s.features.contains { $0.published != nil }
            var table = TextTable(
                ["#", "id", "name", "type", "vertices", "valid", "area_km2"] + (anyPublished ? ["published_km2", "diff"] : [])
                    + ["length_km", "bbox (W,S,E,N)"],
                rightAligned: anyPublished ? [0, 4, 6, 7, 8, 9] : [0, 4, 6, 7])
            for f in s.features {
                let valid = f.valid ? "yes" : (f.repair != nil ? "repaired" : "NO: \(f.invalidReason ?? "")")
                var cells = [
                    String(f.index), f.id ?? "-", f.name ?? "-", f.geometryType, String(f.vertexCount), valid,
                    f.areaKm2.map { NumberFormatting.fixed($0, 3) } ?? "-",
                ]
                if anyPublished {
                    cells += [f.published.map { NumberFormatting.json($0.value) } ?? "-", f.published?.differenceText ?? "-"]
                }
                table.add(
                    cells + [
                        f.lengthKm.map { NumberFormatting.fixed($0, 3) } ?? "-",
                        f.bbox.map { $0.map { NumberFormatting.fixed($0, 4) }.joined(separator: ",") } ?? "-",
                    ])
            }
            out += table.render(indent: "  ")
            for f in s.features where f.clipped == true {
                out += "  caveat: feature \(f.index)\(f.name.map { " (\($0))" } ?? "") is clipped to the region: its area is of the part in the file, not of the whole.\n"
            }
            let beyond = s.features.filter { ($0.published.map { abs($0.differencePercent) } ?? 0) > Caveats.areaThresholdPercent }
            if !beyond.isEmpty {
                let names = beyond.prefix(6).map { ($0.name ?? $0.id ?? "#\($0.index)") + " " + ($0.published?.differenceText ?? "") }
                out += "  caveat: \(beyond.count) feature\(beyond.count == 1 ? "" : "s") differ\(beyond.count == 1 ? "s" : "") from the published area by more than "
                    + "\(NumberFormatting.fixed(Caveats.areaThresholdPercent, 0)) % (\(names.joined(separator: ", "))\(beyond.count > 6 ? ", …" : "")): "
                    + "their lines are approximate; sources of the published figures: --format json\n"
            }
            for f in s.features { if let r = f.repair { out += "  feature \(f.index): \(r)\n" } }
        }
        return out
    }
}
