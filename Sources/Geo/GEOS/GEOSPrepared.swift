import CGEOS

/// A prepared geometry for repeated predicates against many others. It keeps
/// its base geometry alive (GEOS prepared geometries borrow it) and is
/// destroyed exactly once.
final class GEOSPrepared {
    let base: GEOSGeom
    private let prepared: OpaquePointer

    init(_ base: GEOSGeom) throws(GeoError) {
        guard let p = GEOSPrepare_r(base.context.handle, base.pointer) else {
            throw base.context.error("GEOSPrepare_r")
        }
        self.base = base
        self.prepared = p
    }

    deinit { GEOSPreparedGeom_destroy_r(base.context.handle, prepared) }

    private var h: GEOSContextHandle_t { base.context.handle }

    // Predicates: 0/1, 2 on exception.
    func intersects(_ other: GEOSGeom) throws(GeoError) -> Bool {
        try base.context.predicate("GEOSPreparedIntersects_r", GEOSPreparedIntersects_r(h, prepared, other.pointer))
    }

    func touches(_ other: GEOSGeom) throws(GeoError) -> Bool {
        try base.context.predicate("GEOSPreparedTouches_r", GEOSPreparedTouches_r(h, prepared, other.pointer))
    }

    func contains(_ other: GEOSGeom) throws(GeoError) -> Bool {
        try base.context.predicate("GEOSPreparedContains_r", GEOSPreparedContains_r(h, prepared, other.pointer))
    }

    func covers(_ other: GEOSGeom) throws(GeoError) -> Bool {
        try base.context.predicate("GEOSPreparedCovers_r", GEOSPreparedCovers_r(h, prepared, other.pointer))
    }

    /// Distance in the geometry's units; 0 on exception.
    func distance(_ other: GEOSGeom) throws(GeoError) -> Double {
        var d = 0.0
        try base.context.status("GEOSPreparedDistance_r", GEOSPreparedDistance_r(h, prepared, other.pointer, &d))
        return d
    }

    func distanceWithin(_ other: GEOSGeom, _ distance: Double) throws(GeoError) -> Bool {
        try base.context.predicate(
            "GEOSPreparedDistanceWithin_r", GEOSPreparedDistanceWithin_r(h, prepared, other.pointer, distance))
    }
}
