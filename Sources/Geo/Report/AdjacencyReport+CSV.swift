/// The adjacency table as CSV and as the text table's rows, made directly
/// from the graph, as the JSON is (`AdjacencyReport+JSON.swift`), without a
/// border report per border (their ends and tripoints are not in a table).
/// CSV columns: a, a_name, b, b_name, contact, length_km (3 decimals),
/// segments; one row per border in (a, b) order; rows written in parts on all
/// cores for large graphs.
extension AdjacencyReport {
    /// Rows of the text table: a, a name, b, b name, contact, km (2 decimals),
    /// segments, and in tolerance mode overlap km² (4 decimals) and widest gap m (1).
    public static func tableRows(graph: AdjacencyGraph) -> [[String]] {
        graph.borders.indices.map { i in
            let b = graph.borders[i]
            let (x, y) = graph.borderSides[i]
            let km = NumberFormatting.rounded(b.lengthMeters / 1000, decimals: 3)
            var row = [
                b.a, x >= 0 ? graph.territories[Int(x)].name : b.a, b.b, y >= 0 ? graph.territories[Int(y)].name : b.b,
                b.contact.rawValue, NumberFormatting.fixed(km, 2), String(BorderReport.segmentCount(b)),
            ]
            if graph.toleranceMeters > 0 {
                row += [
                    NumberFormatting.fixed(NumberFormatting.rounded(b.overlapAreaSquareMeters / 1e6, decimals: 6), 4),
                    NumberFormatting.fixed(NumberFormatting.rounded(b.maxGapMeters, decimals: 1), 1),
                ]
            }
            return row
        }
    }

    public static func csvChunks(graph: AdjacencyGraph) -> [[UInt8]] {
        let parts = Parallel.ranges(graph.borders.count, parts: graph.borders.count < 20_000 ? 1 : Parallel.width)
        let rows = Parallel.map(parts.count) { p in
            var out: [UInt8] = []
            out.reserveCapacity(parts[p].count * 64)
            for i in parts[p] {
                let b = graph.borders[i]
                let (x, y) = graph.borderSides[i]
                CSVText.append(field: b.a, to: &out)
                out.append(UInt8(ascii: ","))
                CSVText.append(field: x >= 0 ? graph.territories[Int(x)].name : b.a, to: &out)
                out.append(UInt8(ascii: ","))
                CSVText.append(field: b.b, to: &out)
                out.append(UInt8(ascii: ","))
                CSVText.append(field: y >= 0 ? graph.territories[Int(y)].name : b.b, to: &out)
                out.append(UInt8(ascii: ","))
                out.append(contentsOf: b.contact.rawValue.utf8)
                out.append(UInt8(ascii: ","))
                out.append(contentsOf: NumberFormatting.fixed(NumberFormatting.rounded(b.lengthMeters / 1000, decimals: 3), 3).utf8)
                out.append(UInt8(ascii: ","))
                out.append(contentsOf: String(BorderReport.segmentCount(b)).utf8)
                out.append(UInt8(ascii: "\n"))
            }
            return out
        }
        return [Array("a,a_name,b,b_name,contact,length_km,segments\n".utf8)] + rows
    }
}
