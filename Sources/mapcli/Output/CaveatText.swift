import Geo

/// Caveats as a reader meets them: after the answer in text output, on
/// standard error beside CSV (which has no room for them), and in JSON as a
/// `caveats` array (written by the reports themselves).
enum CaveatText {
    /// "caveat: …" lines. More than `limit` approximate-lines caveats become
    /// one line saying how many and where to look.
    static func lines(_ caveats: [Caveat], limit: Int = 6, whereToLook: String = "") -> String {
        let approximate = caveats.filter { $0.kind == .approximateLines }
        var out = ""
        for c in caveats where c.kind == .clipped { out += "caveat: \(c.sentence)\n" }
        if approximate.count > limit {
            out += "caveat: \(approximate.count) of these territories differ from their published area by more than "
                + "\(NumberFormatting.fixed(Caveats.areaThresholdPercent, 0)) %: their lines are approximate\(whereToLook).\n"
        } else {
            for c in approximate { out += "caveat: \(c.sentence)\n" }
        }
        return out
    }

    /// The same lines on standard error, for outputs without room for them.
    static func toStandardError(_ caveats: [Caveat], limit: Int = 6) {
        let text = lines(caveats, limit: limit)
        if !text.isEmpty { Console.error("mapcli: " + text.split(separator: "\n").joined(separator: "\nmapcli: ")) }
    }
}
