import Foundation
import Geo

/// The corridor report as text and as GeoJSON: formatting only; the verdicts
/// and their sentences come from the report.
enum CorridorText {
    static func header(_ r: CorridorReport) -> String {
        var out = "Corridor \"\(r.name)\" (\(r.id))"
        if r.widthM > 0 { out += ": \(NumberFormatting.fixed(r.widthM, 0)) m wide" }
        if let l = r.routeLengthKm { out += ", route \(Formatting.km(l)) km" }
        out += ", \(NumberFormatting.fixed(r.areaKm2, 2)) km²\n"
        out += "Reading: \(r.model.assumption); pieces under \(NumberFormatting.json(r.minPieceKm2)) km² are slivers, not counted.\n"
        if r.clip.enabled {
            out += "Clip: \(r.clip.rule)"
            if r.clip.clippedKm2 > 0 {
                let from = r.clip.clippedFrom.prefix(6).map { "\($0.name) \(NumberFormatting.fixed($0.areaKm2, 2))" }.joined(separator: ", ")
                    + (r.clip.clippedFrom.count > 6 ? ", …" : "")
                out += "; \(NumberFormatting.fixed(r.clip.clippedKm2, 2)) km² of the \(NumberFormatting.fixed(r.clip.bufferKm2, 2)) km² buffer clipped off (\(from) km²)"
            } else {
                out += "; nothing clipped off"
            }
            out += ".\n"
        } else {
            out += "Clip: \(r.clip.rule).\n"
        }
        return out
    }

    static func verdicts(_ r: CorridorReport) -> String {
        var out = "\nWhat it does:\n"
        if r.verdicts.isEmpty { out += "  No border is cut off or severed, nothing is split or linked.\n" }
        for v in r.verdicts { out += "  - \(v.sentence)\n" }
        if let s = r.routeNote { out += "  \(s)\n" }
        out += CaveatText.lines(r.caveats).split(separator: "\n").map { "  \($0)\n" }.joined()
        return out
    }

    static func report(_ r: CorridorReport) -> String {
        var out = header(r) + verdicts(r)
        let sovereign = r.model == .sovereign
        for level in r.levels {
            let what = level.level == "country" ? "Countries (Azerbaijan's parts apart)" : level.level == "province" ? "Provinces" : "Territories"
            out += "\n\(what) \(sovereign ? "under the corridor" : "it takes from"):\n"
            var t = TextTable(
                ["territory", "country", "km² inside", "% of it", "route km inside", "main body km²", sovereign ? "beyond it km²" : "cut off km²", "slivers"],
                rightAligned: [2, 3, 4, 5, 6, 7])
            for i in level.territories {
                let cut = i.pieces.filter { $0.role == .cutOff }.map(\.areaKm2)
                let slivers = i.pieces.filter { $0.role == .sliver }
                t.add([
                    i.name + (i.clipped ? " (clipped)" : ""), i.countryName ?? i.country ?? "-", NumberFormatting.fixed(i.areaInsideKm2, 2), NumberFormatting.fixed(i.areaPercent, 2),
                    Formatting.km(i.routeLengthInsideKm), NumberFormatting.fixed(i.mainBodyKm2, 2),
                    cut.isEmpty ? "-" : cut.prefix(4).map { NumberFormatting.fixed($0, 2) }.joined(separator: " + ") + (cut.count > 4 ? " + …" : ""),
                    slivers.isEmpty ? "-" : "\(slivers.count)",
                ])
            }
            out += t.render(indent: "  ")
            out += "\n  Their borders (km): what is left, and on which piece of the territory it lies\n"
            // Other parts of a territory in several (an exclave the corridor does not cross) and, in the
            // sovereign reading, the length under the corridor: columns shown when they hold anything.
            let others = level.borders.contains { $0.aOtherPartsKm > 0 || $0.bOtherPartsKm > 0 }
            var header = ["territory", "neighbour", "before", "after", "on main body", sovereign ? "beyond it" : "on cut-off pieces"]
            if others { header.append("on other parts") }
            if sovereign { header.append("under the corridor") }
            var b = TextTable(header, rightAligned: Set(2..<header.count))
            let crossed = Set(level.territories.map(\.id))
            for x in level.borders {
                let countryA = x.aCountry.map { " (\($0))" } ?? "", countryB = x.bCountry.map { " (\($0))" } ?? ""
                for (side, name, other) in [(true, x.aName + countryA, x.bName + countryB), (false, x.bName + countryB, x.aName + countryA)]
                where crossed.contains(side ? x.a : x.b) {
                    var row = [
                        name, other, Formatting.km(x.lengthBeforeKm), Formatting.km(x.lengthAfterKm),
                        Formatting.km(side ? x.aMainBodyKm : x.bMainBodyKm), Formatting.km(side ? x.aCutOffKm : x.bCutOffKm),
                    ]
                    if others { row.append(Formatting.km(side ? x.aOtherPartsKm : x.bOtherPartsKm)) }
                    if sovereign { row.append(Formatting.km(x.underCorridorKm ?? 0)) }
                    b.add(row)
                }
            }
            out += b.render(indent: "  ")
            if !level.links.isEmpty {
                out += "\n  Linked through the corridor (they did not border each other):\n"
                for l in level.links.prefix(20) {
                    out += "    \(l.aName) ↔ \(l.bName)" + (l.routeKm.map { ": \(Formatting.km($0)) km of route between them" } ?? "") + "\n"
                }
                if level.links.count > 20 { out += "    … and \(level.links.count - 20) more (--format json lists them all)\n" }
            }
        }
        out += "\nPlaces (distance to the corridor):\n"
        var p = TextTable(["place", "km"], rightAligned: [1])
        for d in r.places.prefix(10) { p.add([d.name, d.inside ? "inside" : Formatting.km(d.distanceKm)]) }
        out += p.render(indent: "  ")
        return out
    }

    /// Every verdict of several reports once, in the order first met, with a
    /// table label ("country: Armenia cut off from Iran").
    static func verdictRows(_ reports: [CorridorReport]) -> (keys: [String], labels: [String: String]) {
        var keys: [String] = []
        var labels: [String: String] = [:]
        for r in reports {
            for v in r.verdicts where labels[v.key] == nil {
                keys.append(v.key)
                labels[v.key] = "\(v.level == "all" ? "" : v.level + ": ")\(VerdictWording.short(v))"
            }
        }
        return (keys, labels)
    }

    /// Verdicts by width, with the width from which each holds, then the sentences at the widest.
    static func sweep(_ reports: [CorridorReport]) -> String {
        guard let first = reports.first, let widest = reports.max(by: { $0.widthM < $1.widthM }) else { return "" }
        var out = "Corridor \"\(first.name)\" (\(first.id)) at \(reports.count) widths\n"
        out += "Reading: \(first.model.assumption).\n"
        let (keys, label) = verdictRows(reports)
        var from: [String: String] = [:]
        for r in reports {
            for v in r.verdicts where from[v.key] == nil {
                if let w = v.criticalWidthM { from[v.key] = NumberFormatting.fixed(w, 0) + (v.criticalWidthNote == nil ? "" : "*") }
            }
        }
        var header = ["verdict"] + reports.map { "\(NumberFormatting.fixed($0.widthM, 0)) m" } + ["from (m)"]
        if keys.isEmpty { header = ["verdict"] + reports.map { "\(NumberFormatting.fixed($0.widthM, 0)) m" } }
        var t = TextTable(header, rightAligned: Set(1..<header.count))
        t.add(["corridor km²"] + reports.map { NumberFormatting.fixed($0.areaKm2, 2) } + (keys.isEmpty ? [] : [""]))
        for k in keys {
            t.add([label[k]!] + reports.map { r in r.verdicts.contains { $0.key == k } ? "yes" : "-" } + [from[k] ?? "-"])
        }
        out += t.render(indent: "  ")
        var notes: [String] = []
        var noted = Set<String>()
        for r in reports {
            for v in r.verdicts where v.criticalWidthNote != nil && noted.insert(v.key).inserted {
                notes.append("  * \(label[v.key]!): \(v.criticalWidthNote!)\n")
            }
        }
        if !notes.isEmpty { out += "  * does not hold at every width tried above it:\n" + notes.joined() }
        out += "\nAt \(NumberFormatting.fixed(widest.widthM, 0)) m:\n"
        for v in widest.verdicts { out += "  - \(v.sentence)\n" }
        out += CaveatText.lines(widest.caveats).split(separator: "\n").map { "  \($0)\n" }.joined()
        return out
    }

    /// The corridor, its route and the pieces it leaves, styled (simplestyle-spec).
    static func features(_ r: CorridorReport, _ spec: CorridorSpec) -> [Feature] {
        var features: [Feature] = [
            Feature(
                id: .string("corridor"), geometry: r.corridor,
                properties: [
                    "title": .string(r.name), "description": .string("\(NumberFormatting.fixed(r.widthM, 0)) m wide, \(NumberFormatting.fixed(r.areaKm2, 2)) km²"),
                    "width_m": .number(r.widthM), "area_km2": .number(r.areaKm2), "model": .string(r.model.rawValue),
                    "verdicts": .string(r.verdicts.filter { $0.level == r.levels.first?.level }.map(\.sentence).joined(separator: " ")),
                    "fill": "#d62728", "fill-opacity": 0.5, "stroke": "#d62728",
                ])
        ]
        if let route = spec.route {
            features.append(Feature(id: .string("route"), geometry: route.splitAtAntimeridian, properties: ["title": .string("\(r.name): route"), "stroke": "#000000", "stroke-width": 2]))
        }
        let colors: [CorridorPiece.Role: String] = [.mainBody: "#1f77b4", .otherPart: "#1f77b4", .cutOff: "#ffd400", .sliver: "#ff7f0e"]
        for level in r.levels {
            for t in level.territories {
                let shapes = level.pieceGeometries[t.id] ?? []
                for (k, piece) in t.pieces.enumerated() where k < shapes.count {
                    let borders = piece.borders.map { "\($0.neighbor) \(NumberFormatting.fixed($0.lengthKm, 2)) km" }.joined(separator: ", ")
                    features.append(
                        Feature(
                            id: .string("piece:\(level.level):\(t.id):\(k)"), geometry: shapes[k],
                            properties: [
                                "title": .string("\(t.name): \(piece.role.rawValue.replacingOccurrences(of: "_", with: " "))"),
                                "description": .string("\(NumberFormatting.fixed(piece.areaKm2, 2)) km²" + (borders.isEmpty ? "" : "; borders: \(borders)")),
                                "level": .string(level.level), "territory": .string(t.id), "role": .string(piece.role.rawValue),
                                "area_km2": .number(piece.areaKm2), "borders": .string(borders),
                                "fill": .string(colors[piece.role] ?? "#1f77b4"), "fill-opacity": 0.3, "stroke": .string(colors[piece.role] ?? "#1f77b4"),
                            ]))
                }
            }
        }
        return features
    }
}
