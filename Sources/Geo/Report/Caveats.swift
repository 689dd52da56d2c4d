/// A plain warning that travels with an answer resting on a territory whose
/// lines are approximate, or which is only partly in the data.
///
/// Invariants: at most one caveat per territory and kind, in the order the
/// territories were asked for; an `approximateLines` caveat exists exactly
/// when the territory has a published area and its measured area differs
/// from it by more than `Caveats.areaThresholdPercent`; a `clipped` one
/// exactly when the territory is marked clipped.
public struct Caveat: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Hashable, Sendable {
        case approximateLines = "approximate_lines"
        case clipped
    }
    public var kind: Kind
    /// The territory id.
    public var territory: String
    public var sentence: String
    /// The measured area beside the published one (approximate lines only).
    public var measuredKm2: Double?
    public var published: PublishedComparison?
}

public enum Caveats {
    /// Beyond this difference between measured and published area (in %), a
    /// territory's lines are called approximate.
    public static let areaThresholdPercent = 3.0

    /// What a country calls its first-level units, for the sentences.
    static let unitWord: [String: String] = [
        "AM": "province", "AZ": "district", "GE": "region", "IR": "province", "TR": "province", "RU": "federal subject",
    ]

    /// The caveats of these territories (ids unknown to the atlas are skipped);
    /// `areasKm2` holds areas the caller has measured already.
    public static func of(_ ids: [String], in atlas: Atlas, areasKm2: [String: Double] = [:]) -> [Caveat] {
        var out: [Caveat] = []
        var seen = Set<String>()
        for id in ids where seen.insert(id).inserted {
            guard let t = atlas.territory(id: id) else { continue }
            if t.isClipped {
                // The note's first clause ("Russia's North Caucasus only"), not its whole explanation.
                let part = t.note.map { String($0.prefix { $0 != ":" && $0 != "." && $0 != ";" }) }.map { $0.isEmpty ? "" : " (\($0))" } ?? ""
                out.append(
                    Caveat(
                        kind: .clipped, territory: t.id,
                        sentence: "\(t.name) is clipped to the region\(part): its area and borders here are of the part in the data, not of the whole."))
            }
            // A clipped area is not comparable with the whole one.
            if !t.isClipped, let c = approximate(t, in: atlas, measuredKm2: areasKm2[t.id]) { out.append(c) }
        }
        return out
    }

    /// Every territory's caveats, in the atlas's order.
    public static func all(in atlas: Atlas) -> [Caveat] { of(atlas.territories.map(\.id), in: atlas) }

    static func approximate(_ t: Territory, in atlas: Atlas, measuredKm2: Double? = nil) -> Caveat? {
        guard let figure = atlas.published.area(of: t.id) else { return nil }
        let measured = measuredKm2 ?? t.areaKm2
        let cmp = PublishedComparison(measured: measured, figure)
        guard abs((measured - figure.value) / figure.value * 100) > areaThresholdPercent else { return nil }
        func area(_ v: Double) -> String { VerdictWording.grouped(v, decimals: v >= 100 ? 0 : 1) + " km²" }
        let figures = "\(t.name) is \(area(measured)) here, \(area(figure.value)) officially (\(figure.citation); \(cmp.differenceText))"
        let sentence: String
        if t.level == .province {
            let owner = t.parentID.flatMap { atlas.territory(id: $0) }?.name ?? t.countryCode ?? "its country"
            let word = t.countryCode.flatMap { unitWord[$0] } ?? "province"
            let source = t.properties["inner_lines_source"]?.stringValue.map { " (\($0))" } ?? ""
            sentence = "\(owner)'s \(word) lines are approximate\(source): \(figures)."
        } else {
            sentence = "\(figures)."
        }
        return Caveat(
            kind: .approximateLines, territory: t.id, sentence: sentence,
            measuredKm2: NumberFormatting.rounded(measured, decimals: 2), published: cmp)
    }
}
