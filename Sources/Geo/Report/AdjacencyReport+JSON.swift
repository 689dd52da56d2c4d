/// The adjacency report as JSON, written directly from the graph: the same
/// keys and values as the `Codable` form of `AdjacencyReport` (snake_case,
/// sorted), but one border per line, as bytes, with no report values or
/// encoder on the way, which matters for layers of 100,000 polygons.
extension AdjacencyReport {
    /// The report as JSON text in consecutive chunks, to be written one after the
    /// other (no copy of the whole). Border lines are written in parts on all
    /// cores for large graphs.
    public static func jsonChunks(graph: AdjacencyGraph, level: String) -> [[UInt8]] {
        jsonChunks(graph: graph, level: level, parts: graph.borders.count < 20_000 ? 1 : Parallel.width)
    }

    static func jsonChunks(graph: AdjacencyGraph, level: String, parts count: Int) -> [[UInt8]] {
        let parts = Parallel.ranges(graph.borders.count, parts: count)
        // The border lines in parts, and the tail from the components on, all at once.
        let written = Parallel.map(parts.count + 1) { p in
            var w = JSONByteWriter(capacity: p < parts.count ? parts[p].count * 360 : 4096)
            if p < parts.count {
                for i in parts[p] { border(i, of: graph, &w) }
            } else {
                w.raw(graph.borders.isEmpty ? "]" : "\n]")
                w.raw(",\"components\":[")
                for (i, c) in graph.components().enumerated() {
                    w.raw(i == 0 ? "[" : ",[")
                    for (k, id) in c.enumerated() {
                        if k > 0 { w.byte(UInt8(ascii: ",")) }
                        w.string(id)
                    }
                    w.raw("]")
                }
            }
            return w.bytes
        }
        var head = JSONByteWriter()
        head.raw("{\"border_count\":")
        head.integer(graph.borders.count)
        head.raw(",\"borders\":[")
        var out = JSONByteWriter(capacity: 256)
        out.raw("],\"level\":")
        out.string(level)
        out.raw(",\"mode\":")
        out.string(graph.mode.rawValue)
        out.raw(",\"territory_count\":")
        out.integer(graph.territories.count)
        out.raw(",\"tolerance_m\":")
        out.number(graph.toleranceMeters)
        out.raw("}\n")
        return [head.bytes] + written + [out.bytes]  // the last of `written` is the components
    }

    /// Border i as one line of the borders array (with the separator before it).
    private static func border(_ i: Int, of graph: AdjacencyGraph, _ out: inout JSONByteWriter) {
        let b = graph.borders[i]
        let (x, y) = graph.borderSides[i]
        out.raw(i == 0 ? "\n" : ",\n")
        out.raw("{\"a\":")
        out.string(b.a)
        out.raw(",\"a_name\":")
        out.string(x >= 0 ? graph.territories[Int(x)].name : b.a)
        out.raw(",\"b\":")
        out.string(b.b)
        out.raw(",\"b_name\":")
        out.string(y >= 0 ? graph.territories[Int(y)].name : b.b)
        out.raw(",\"contact\":")
        out.string(b.contact.rawValue)
        out.raw(",\"endpoints\":[")
        var first = true
        b.forEachReportedEnd { c in
            if !first { out.byte(UInt8(ascii: ",")) }
            first = false
            point(c, &out)
        }
        out.raw("],\"length_km\":")
        out.number(b.lengthMeters / 1000, decimals: 3)
        if graph.toleranceMeters > 0 {
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

    private static func point(_ c: Coordinate, _ out: inout JSONByteWriter) {
        out.byte(UInt8(ascii: "["))
        out.number(c.longitude, decimals: 6)
        out.byte(UInt8(ascii: ","))
        out.number(c.latitude, decimals: 6)
        out.byte(UInt8(ascii: "]"))
    }
}
