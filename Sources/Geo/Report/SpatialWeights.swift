/// Contiguity weights for spatial models, in the text formats GeoDa and
/// PySAL read and write.
///
/// Invariants: units come in the layer's order, each unit's neighbours in the
/// layer's order too; the neighbour relation is symmetric (both directions
/// are written); with `mode` rook only shared edges make neighbours, with
/// queen single-point contacts too. Ids holding white space cannot be written
/// (both formats are white-space separated) and are refused.
///
/// - GAL: a header `0 n layer id_field`, then for each unit a line `id k` and
///   a line with its k neighbours' ids.
/// - GWT: a header `0 n layer id_field`, then one line `id neighbour weight`
///   for each ordered pair, the weight being the shared border's geodesic
///   length in km (0 for a single-point contact).
public enum SpatialWeights {
    public static func gal(_ graph: AdjacencyGraph, layer: String, idField: String) throws(GeoError) -> String {
        let (ids, neighbours) = try table(graph)
        var out = "0 \(ids.count) \(token(layer)) \(token(idField))\n"
        for (i, id) in ids.enumerated() {
            out += "\(id) \(neighbours[i].count)\n"
            out += neighbours[i].map { ids[$0.0] }.joined(separator: " ") + "\n"
        }
        return out
    }

    public static func gwt(_ graph: AdjacencyGraph, layer: String, idField: String) throws(GeoError) -> String {
        let (ids, neighbours) = try table(graph)
        var out = "0 \(ids.count) \(token(layer)) \(token(idField))\n"
        for (i, id) in ids.enumerated() {
            for (j, km) in neighbours[i] { out += "\(id) \(ids[j]) \(NumberFormatting.fixed(km, 6))\n" }
        }
        return out
    }

    /// Ids in layer order, and for each its neighbours (index, km) in layer order.
    private static func table(_ graph: AdjacencyGraph) throws(GeoError) -> ([String], [[(Int, Double)]]) {
        let ids = graph.territories.map(\.id)
        if let bad = ids.first(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) }) {
            throw GeoError(.invalidArgument, "the id \"\(bad)\" holds white space (or is empty): GAL and GWT files cannot hold it; choose another id with --id-field")
        }
        var index: [String: Int] = [:]
        for (i, id) in ids.enumerated() { index[id] = i }
        var neighbours = [[(Int, Double)]](repeating: [], count: ids.count)
        for b in graph.borders {
            guard let a = index[b.a], let c = index[b.b] else { continue }
            let km = b.contact == .edge ? b.lengthMeters / 1000 : 0
            neighbours[a].append((c, km))
            neighbours[c].append((a, km))
        }
        for i in neighbours.indices { neighbours[i].sort { $0.0 < $1.0 } }
        return (ids, neighbours)
    }

    /// A header word: white space replaced by underscores.
    private static func token(_ s: String) -> String {
        let t = String(s.map { $0.isWhitespace ? "_" : $0 })
        return t.isEmpty ? "layer" : t
    }
}
