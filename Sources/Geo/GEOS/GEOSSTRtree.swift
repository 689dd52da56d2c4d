import CGEOS

/// Collects the integer items a query callback hands back.
private final class QueryResults {
    var indices: [Int] = []
}

/// GEOS's STRtree storing integer indices (not pointers) as its items. Items
/// are stored as `index + 1` in the void* so that index 0 is not NULL. The
/// tree is built on the first query; no insertion after that.
final class GEOSSTRtree {
    let context: GEOSContext
    private let tree: OpaquePointer
    /// The envelopes inserted, kept alive for the life of the tree.
    private var envelopes: [GEOSGeom] = []

    init(context: GEOSContext, nodeCapacity: Int = 10) throws(GeoError) {
        guard let t = GEOSSTRtree_create_r(context.handle, nodeCapacity) else {
            throw context.error("GEOSSTRtree_create_r")
        }
        self.context = context
        self.tree = t
    }

    deinit { GEOSSTRtree_destroy_r(context.handle, tree) }

    /// Inserts `index` under the envelope of `geometry`.
    func insert(_ geometry: GEOSGeom, index: Int) throws(GeoError) {
        let env = try geometry.envelope()
        GEOSSTRtree_insert_r(context.handle, tree, env.pointer, UnsafeMutableRawPointer(bitPattern: index + 1))
        envelopes.append(env)
    }

    /// Indices whose envelope intersects the envelope of `geometry`, sorted.
    func query(_ geometry: GEOSGeom) -> [Int] {
        let results = QueryResults()
        withExtendedLifetime(results) {
            GEOSSTRtree_query_r(
                context.handle, tree, geometry.pointer,
                { item, userdata in
                    guard let userdata else { return }
                    let r = Unmanaged<QueryResults>.fromOpaque(userdata).takeUnretainedValue()
                    r.indices.append(Int(bitPattern: item) - 1)
                }, Unmanaged.passUnretained(results).toOpaque())
        }
        return results.indices.sorted()
    }
}
