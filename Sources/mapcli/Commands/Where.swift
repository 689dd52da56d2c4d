import ArgumentParser
import Foundation
import Geo

struct Where: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Say which territories contain a place or a point, and how far its country's borders are.",
        discussion: """
            Give a place name (Kapan, Meghri, Ordubad…) or a point as LON,LAT in degrees (longitude first, \
            as in GeoJSON). Distances are geodesic on WGS84, in km.

            Examples:
              mapcli where Kapan
              mapcli where 46.2431,38.9012
              mapcli where Ordubad --format json
            """)

    @Argument(help: "A place name, or LON,LAT.")
    var location: String

    @Option(name: .customLong("format"), help: "Output format: text or json.")
    var formatOption: TextFormat?

    /// The format asked for by --format or the -o file's extension (checked in validate()).
    var format: TextFormat { (try? destination.resolve(formatOption, default: .text)) ?? .text }

    @OptionGroup var destination: OutputDestination

    @OptionGroup var data: DataOptions

    @OptionGroup var tolerance: ToleranceOption

    func validate() throws {
        _ = try destination.resolve(formatOption, default: .text)
    }

    func run() throws {
        let atlas = try data.atlas()
        var label: String?
        var note: String?
        var point: Coordinate
        if let c = try Self.parsePoint(location) {
            point = c
        } else {
            let place = try atlas.place(named: location)
            point = place.coordinate
            label = place.name
            note = place.note.flatMap { $0.isEmpty ? nil : $0 }
        }
        let toleranceMeters = try tolerance.meters
        var report = try Locator.locate(point, label: label, atlas: atlas, toleranceMeters: toleranceMeters)
        report.note = note
        // A point just off a coast is not a swapped one: hint only when it is far from everything.
        if report.containedIn.isEmpty && label == nil && atlas.isLayered && (report.nearestTerritory?.distanceKm ?? .infinity) > 25 {
            let swapped = Coordinate(longitude: point.latitude, latitude: point.longitude)
            if swapped.isInWGS84Range, try !Locator.locate(swapped, atlas: atlas, toleranceMeters: toleranceMeters).containedIn.isEmpty {
                Console.error("mapcli: warning: \(location) is in no territory, but \(Formatting.point([swapped.longitude, swapped.latitude])) is: did you give latitude first? Give LON,LAT.")
            }
        }
        switch format {
        case .json: try ResultWriter.emit(try JSONOutput.encode(report), to: destination.output)
        case .text: try ResultWriter.emit(VisibleText.escaped(text(report)), to: destination.output)
        }
    }

    /// "80 m", "1.25 km": metres below one kilometre.
    static func distance(_ km: Double) -> String {
        km < 1 ? "\(NumberFormatting.fixed(km * 1000, 0)) m" : "\(Formatting.km(km)) km"
    }

    /// "46.4,39.2" → a coordinate; nil when the text is not two numbers.
    static func parsePoint(_ s: String) throws -> Coordinate? {
        let parts = s.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let lon = Double(parts[0]), let lat = Double(parts[1]) else { return nil }
        let c = Coordinate(longitude: lon, latitude: lat)
        guard c.isInWGS84Range else {
            throw GeoError(.invalidArgument, "\(s) is not LON,LAT: longitude must be in [-180, 180] and latitude in [-90, 90]")
        }
        return c
    }

    private func text(_ r: LocationReport) -> String {
        var out = "\(r.label.map { "\($0) " } ?? "")(\(Formatting.point(r.coordinate)) lon,lat)\n"
        if r.containedIn.isEmpty {
            if let n = r.nearestTerritory {
                out += "  in no territory of the data; \(Self.distance(n.distanceKm)) from \(n.name) (\(n.id)), nearest at \(Formatting.point(n.nearestPoint))\n"
            } else {
                out += "  in no territory of the data\n"
            }
        } else {
            out += "  in: " + r.containedIn.map { "\($0.name) (\($0.id), \($0.kind))" }.joined(separator: " › ") + "\n"
        }
        if let note = r.note { out += "  note: \(note)\n" }
        if !r.nearestBorders.isEmpty {
            out += "  distance to the borders of \(r.containedIn.first { $0.level == .country && $0.kind != "country" }?.name ?? r.containedIn.first?.name ?? "its country") (geodesic, km):\n"
            var table = TextTable(["neighbour", "id", "km", "nearest border point (lon,lat)"], rightAligned: [2])
            for b in r.nearestBorders {
                table.add([b.neighborName, b.neighborID, Formatting.km(b.distanceKm), Formatting.point(b.nearestPoint)])
            }
            out += table.render(indent: "    ")
        }
        out += CaveatText.lines(r.caveats).split(separator: "\n").map { "  \($0)\n" }.joined()
        return out
    }
}
