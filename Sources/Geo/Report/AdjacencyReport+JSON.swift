/// The adjacency report as JSON, written directly: the same keys and values
/// as its `Codable` form (snake_case, sorted), but one border per line and
/// no encoder on the way, which matters for layers of 100,000 polygons.
extension AdjacencyReport {
    public func jsonText() -> String {
        var out = "{\"border_count\":\(borderCount),\"borders\":["
        out.reserveCapacity(borders.count * 256)
        for (i, b) in borders.enumerated() {
            out += i == 0 ? "\n" : ",\n"
            b.writeJSON(into: &out)
        }
        out += borders.isEmpty ? "]" : "\n]"
        out += ",\"components\":["
        for (i, c) in components.enumerated() {
            if i > 0 { out += "," }
            out += "[" + c.map(JSONText.quoted).joined(separator: ",") + "]"
        }
        out += "],\"level\":" + JSONText.quoted(level)
        out += ",\"mode\":" + JSONText.quoted(mode.rawValue)
        out += ",\"territory_count\":\(territoryCount)"
        out += ",\"tolerance_m\":" + NumberFormatting.json(toleranceM)
        out += "}\n"
        return out
    }
}

extension BorderReport {
    func writeJSON(into out: inout String) {
        func point(_ p: [Double]) -> String { "[" + p.map(NumberFormatting.json).joined(separator: ",") + "]" }
        out += "{\"a\":" + JSONText.quoted(a) + ",\"a_name\":" + JSONText.quoted(aName)
        out += ",\"b\":" + JSONText.quoted(b) + ",\"b_name\":" + JSONText.quoted(bName)
        out += ",\"contact\":" + JSONText.quoted(contact.rawValue)
        out += ",\"endpoints\":[" + endpoints.map(point).joined(separator: ",") + "]"
        out += ",\"length_km\":" + NumberFormatting.json(lengthKm)
        if let maxGapM { out += ",\"max_gap_m\":" + NumberFormatting.json(maxGapM) }
        if let overlapKm2 { out += ",\"overlap_km2\":" + NumberFormatting.json(overlapKm2) }
        out += ",\"segments\":\(segments)"
        out += ",\"tripoints\":["
        for (i, t) in tripoints.enumerated() {
            if i > 0 { out += "," }
            out += "{\"coordinate\":" + point(t.coordinate) + ",\"territories\":[" + t.territories.map(JSONText.quoted).joined(separator: ",") + "]}"
        }
        out += "]}"
    }
}
