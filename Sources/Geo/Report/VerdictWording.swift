/// Verdicts in plain words: countries named, no method names, figures with
/// their units. The text output opens with these sentences, the JSON carries
/// them beside the figures, and maps take their subtitles from them.
public enum VerdictWording {
    static func km(_ v: Double?) -> String { grouped(v ?? 0) + " km" }
    static func km2(_ v: Double?) -> String { grouped(v ?? 0) + " km²" }

    /// Two decimals with thousands separated, as a reader expects: "29,696.85".
    static func grouped(_ v: Double, decimals: Int = 2) -> String {
        let text = NumberFormatting.fixed(v, decimals)
        let negative = text.hasPrefix("-")
        let digits = negative ? String(text.dropFirst()) : text
        let whole = digits.prefix { $0 != "." }, rest = digits.dropFirst(whole.count)
        var out = ""
        for (i, ch) in whole.enumerated() {
            if i > 0 && (whole.count - i) % 3 == 0 { out.append(",") }
            out.append(ch)
        }
        return (negative ? "-" : "") + out + rest
    }

    /// "29,696.85 km²", with what it is an area of when the territory is clipped to the region.
    static func mainBody(_ v: CorridorVerdict) -> String? {
        v.mainBodyKm2.map { km2($0) + (v.territoryClipped == true ? " of the part in the data, which is clipped to the region" : "") }
    }

    static func sentence(_ v: CorridorVerdict, territory: String, neighbor: String, capital: String?) -> String {
        let body = "its main body" + (mainBody(v).map { " (\($0)" + (capital.map { ", with \($0)" } ?? "") + ")" } ?? "")
        switch v.kind {
        case .cutOff:
            var s = "\(territory) is cut off from \(neighbor): \(body) no longer touches \(neighbor)"
            let cut = v.borderCutOffKm ?? 0, before = v.borderBeforeKm ?? 0
            if cut <= 0 {
                s += ", and nothing is left of the \(km(before)) border between them."
            } else {
                let pieces = v.cutOffPieces ?? 0
                let holder = pieces == 1 ? "a piece" : "\(pieces) pieces"
                let share = abs(cut - before) < 0.0015 ? "the whole \(km(before)) border" : "\(km(cut)) of the \(km(before)) border"
                s += "; \(share) lies on \(holder) cut off from it (\(km2(v.cutOffKm2)))."
            }
            return s
        case .partlyCutOff:
            let pieces = v.cutOffPieces ?? 0
            let holder = pieces == 1 ? "a piece" : "\(pieces) pieces"
            // The rest of it is under the corridor, taken with it: said, so that the figures add up.
            let taken = (v.borderBeforeKm ?? 0) - (v.borderOnMainBodyKm ?? 0) - (v.borderCutOffKm ?? 0)
            return "\(territory)'s border with \(neighbor) is partly cut off: of its \(km(v.borderBeforeKm)), \(km(v.borderOnMainBodyKm)) stays with \(body), \(km(v.borderCutOffKm)) lies on \(holder) cut off from it (\(km2(v.cutOffKm2)))"
                + (taken >= 0.005 ? " and \(km(taken)) is under the corridor." : ".")
        case .behindCorridor:
            return "From \(territory)'s main body" + (capital.map { " (with \($0))" } ?? "")
                + ", its \(km(v.borderBeforeKm)) border with \(neighbor) can now be reached only by crossing the corridor."
        case .severed:
            return "The \(km(v.borderBeforeKm)) border between \(territory) and \(neighbor) is severed: no part of \(territory) touches \(neighbor) any more."
        case .linked:
            return "\(territory) and \(neighbor), which did not border each other, are linked through the corridor"
                + (v.routeKm.map { " (\(km($0)) of route between them)." } ?? ".")
        case .split:
            return "\(territory) is split."
        }
    }

    static func split(_ v: CorridorVerdict, territory: String, pieces: [Double], slivers: [Double], minPieceKm2: Double) -> String {
        let list = pieces.map { grouped($0) }.joined(separator: ", ")
        var s = "\(territory) is split: the corridor cuts \(pieces.count == 1 ? "a piece" : "\(pieces.count) pieces") off it (\(list) km²)"
        if let main = mainBody(v) { s += ", besides its main body of \(main)" }
        if !slivers.isEmpty {
            let sl = slivers.prefix(5).map { NumberFormatting.fixed($0, 3) }.joined(separator: ", ") + (slivers.count > 5 ? ", …" : "")
            s += "; \(slivers.count == 1 ? "a sliver" : "\(slivers.count) slivers") under \(NumberFormatting.json(minPieceKm2)) km² (\(sl) km²) not counted"
        }
        return s + "."
    }

    /// The sentence with the critical width added.
    static func withCriticalWidth(_ v: CorridorVerdict) -> String {
        guard let w = v.criticalWidthM else { return v.criticalWidthNote.map { v.sentence + " (\($0))" } ?? v.sentence }
        var s = v.sentence + " From a width of \(NumberFormatting.fixed(w, 0)) m"
        if w <= 1 { s += " (the smallest width tried)" }
        s += "."
        if let note = v.criticalWidthNote { s += " (\(note))" }
        return s
    }

    /// A line for a map's subtitle: the coarsest level's border verdicts and links, names in full.
    public static func headline(_ r: CorridorReport) -> String {
        guard let level = r.levels.first?.level else { return "" }
        let vs = r.verdicts.filter { $0.level == level }
        var parts: [String] = []
        let severed = Set(vs.filter { $0.kind == .severed }.map { "\($0.territory)|\($0.neighbor ?? "")" })
        for v in vs {
            let t = v.territoryName, n = v.neighborName ?? ""
            switch v.kind {
            case .cutOff: parts.append("\(t) cut off from \(n)" + (severed.contains("\(v.territory)|\(v.neighbor ?? "")") ? " (border severed)" : ""))
            case .severed:
                if !vs.contains(where: { $0.kind == .cutOff && $0.territory == v.territory && $0.neighbor == v.neighbor }) {
                    parts.append("\(t)–\(n) border severed")
                }
            case .behindCorridor: parts.append("\(t)'s border with \(n) reached only across the corridor")
            case .linked: parts.append("\(t) linked with \(n)")
            case .split, .partlyCutOff: break
            }
        }
        return parts.isEmpty ? "no border cut off or severed" : parts.joined(separator: "; ")
    }

    /// A few words for a table row: "Armenia cut off from Iran".
    public static func short(_ v: CorridorVerdict) -> String {
        // Provinces with their country's code: "East Azerbaijan (IR)" is not Azerbaijan.
        let province = v.level == "province"
        let t = v.territoryName + (province ? v.territoryCountry.map { " (\($0))" } ?? "" : "")
        let n = (v.neighborName ?? "") + (province ? v.neighborCountry.map { " (\($0))" } ?? "" : "")
        switch v.kind {
        case .cutOff: return "\(t) cut off from \(n)"
        case .partlyCutOff: return "\(t)–\(n) border partly cut off"
        case .severed: return "\(t)–\(n) border severed"
        case .split: return "\(t) split"
        case .linked: return "\(t) linked with \(n)"
        case .behindCorridor: return "\(t)–\(n) border only across the corridor"
        }
    }
}
