/// The adjacency report as JSON, written directly from the graph: the same
/// keys and values as the `Codable` form of `AdjacencyReport` (snake_case,
/// sorted), but one border per line, as bytes, with no report values or
/// encoder on the way, which matters for layers of 100,000 polygons.
extension AdjacencyReport {
    public static func json(graph: AdjacencyGraph, level: String) -> [UInt8] {
        var out = JSONByteWriter(capacity: graph.borders.count * 360 + 4096)
        let tolerance = graph.toleranceMeters > 0
        out.raw("{\"border_count\":")
        out.integer(graph.borders.count)
        out.raw(",\"borders\":[")
        for (i, b) in graph.borders.enumerated() {
            out.raw(i == 0 ? "\n" : ",\n")
            out.raw("{\"a\":")
            out.string(b.a)
            out.raw(",\"a_name\":")
            out.string(graph.name(of: b.a))
            out.raw(",\"b\":")
            out.string(b.b)
            out.raw(",\"b_name\":")
            out.string(graph.name(of: b.b))
            out.raw(",\"contact\":")
            out.string(b.contact.rawValue)
            out.raw(",\"endpoints\":[")
            for (k, c) in BorderReport.reportedEnds(b).enumerated() {
                if k > 0 { out.byte(UInt8(ascii: ",")) }
                point(c, &out)
            }
            out.raw("],\"length_km\":")
            out.number(b.lengthMeters / 1000, decimals: 3)
            if tolerance {
                out.raw(",\"max_gap_m\":")
                out.number(b.maxGapMeters, decimals: 1)
                out.raw(",\"overlap_km2\":")
                out.number(b.overlapAreaSquareMeters / 1e6, decimals: 6)
            }
            out.raw(",\"segments\":")
            out.integer(BorderReport.segmentCount(b))
            out.raw(",\"tripoints\":[")
            for (k, t) in b.tripoints.enumerated() {
                out.raw(k == 0 ? "{\"coordinate\":" : ",{\"coordinate\":")
                point(t.coordinate, &out)
                out.raw(",\"territories\":[")
                for (m, id) in t.territories.enumerated() {
                    if m > 0 { out.byte(UInt8(ascii: ",")) }
                    out.string(id)
                }
                out.raw("]}")
            }
            out.raw("]}")
        }
        out.raw(graph.borders.isEmpty ? "]" : "\n]")
        out.raw(",\"components\":[")
        for (i, c) in graph.components().enumerated() {
            out.raw(i == 0 ? "[" : ",[")
            for (k, id) in c.enumerated() {
                if k > 0 { out.byte(UInt8(ascii: ",")) }
                out.string(id)
            }
            out.raw("]")
        }
        out.raw("],\"level\":")
        out.string(level)
        out.raw(",\"mode\":")
        out.string(graph.mode.rawValue)
        out.raw(",\"territory_count\":")
        out.integer(graph.territories.count)
        out.raw(",\"tolerance_m\":")
        out.number(graph.toleranceMeters)
        out.raw("}\n")
        return out.bytes
    }

    private static func point(_ c: Coordinate, _ out: inout JSONByteWriter) {
        out.byte(UInt8(ascii: "["))
        out.number(c.longitude, decimals: 6)
        out.byte(UInt8(ascii: ","))
        out.number(c.latitude, decimals: 6)
        out.byte(UInt8(ascii: "]"))
    }
}
