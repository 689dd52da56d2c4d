import CGEOS

/// How buffer ends are drawn.
public enum BufferCapStyle: Sendable {
    case round, flat, square
}

/// GEOS's answer about validity: the reason and where.
public struct ValidityReport: Hashable, Sendable {
    public var isValid: Bool
    /// GEOS's reason, e.g. "Self-intersection"; empty when valid.
    public var reason: String
    /// Where the problem is, when GEOS says.
    public var location: Coordinate?

    public init(isValid: Bool, reason: String, location: Coordinate?) {
        self.isValid = isValid
        self.reason = reason
        self.location = location
    }
}

/// The geometry operations later stages need. Each wraps one GEOS call and
/// states its return convention next to it.
extension GEOSGeom {
    private var h: GEOSContextHandle_t { context.handle }

    // Constructive operations: NULL on exception.
    func intersection(_ other: GEOSGeom) throws(GeoError) -> GEOSGeom {
        try context.owned("GEOSIntersection_r", GEOSIntersection_r(h, pointer, other.pointer))
    }

    func difference(_ other: GEOSGeom) throws(GeoError) -> GEOSGeom {
        try context.owned("GEOSDifference_r", GEOSDifference_r(h, pointer, other.pointer))
    }

    func union(_ other: GEOSGeom) throws(GeoError) -> GEOSGeom {
        try context.owned("GEOSUnion_r", GEOSUnion_r(h, pointer, other.pointer))
    }

    func unaryUnion() throws(GeoError) -> GEOSGeom {
        try context.owned("GEOSUnaryUnion_r", GEOSUnaryUnion_r(h, pointer))
    }

    /// Union of polygons that form a coverage (edges shared exactly): much
    /// faster than a general union, wrong for overlapping input.
    func coverageUnion() throws(GeoError) -> GEOSGeom {
        try context.owned("GEOSCoverageUnion_r", GEOSCoverageUnion_r(h, pointer))
    }

    func boundary() throws(GeoError) -> GEOSGeom {
        try context.owned("GEOSBoundary_r", GEOSBoundary_r(h, pointer))
    }

    func lineMerge() throws(GeoError) -> GEOSGeom {
        try context.owned("GEOSLineMerge_r", GEOSLineMerge_r(h, pointer))
    }

    /// Snaps this geometry's vertices and segments to `reference`'s vertices
    /// within `tolerance` (GEOS GeometrySnapper).
    func snapped(to reference: GEOSGeom, tolerance: Double) throws(GeoError) -> GEOSGeom {
        try context.owned("GEOSSnap_r", GEOSSnap_r(h, pointer, reference.pointer, tolerance))
    }

    /// The Voronoi cells of this geometry's vertices (for synthetic tests and benchmarks).
    func voronoiDiagram(envelope: GEOSGeom?) throws(GeoError) -> GEOSGeom {
        try context.owned("GEOSVoronoiDiagram_r", GEOSVoronoiDiagram_r(h, pointer, envelope?.pointer, 0, 0))
    }

    /// The Delaunay triangulation's edges of this geometry's vertices.
    func delaunayEdges() throws(GeoError) -> GEOSGeom {
        try context.owned("GEOSDelaunayTriangulation_r", GEOSDelaunayTriangulation_r(h, pointer, 0, 1))
    }

    /// The part inside an axis-aligned rectangle (fast; lines stay lines).
    func clipped(to box: BoundingBox) throws(GeoError) -> GEOSGeom {
        try context.owned("GEOSClipByRect_r", GEOSClipByRect_r(h, pointer, box.west, box.south, box.east, box.north))
    }

    func envelope() throws(GeoError) -> GEOSGeom {
        try context.owned("GEOSEnvelope_r", GEOSEnvelope_r(h, pointer))
    }

    func clone() throws(GeoError) -> GEOSGeom {
        try context.owned("GEOSGeom_clone_r", GEOSGeom_clone_r(h, pointer))
    }

    /// Buffer in the geometry's own units (metres for a projected geometry).
    func buffer(_ distance: Double, capStyle: BufferCapStyle = .round, quadrantSegments: Int32 = 8) throws(GeoError)
        -> GEOSGeom
    {
        guard let params = GEOSBufferParams_create_r(h) else { throw context.error("GEOSBufferParams_create_r") }
        defer { GEOSBufferParams_destroy_r(h, params) }
        let cap: GEOSBufCapStyles =
            switch capStyle {
            case .round: GEOSBUF_CAP_ROUND
            case .flat: GEOSBUF_CAP_FLAT
            case .square: GEOSBUF_CAP_SQUARE
            }
        try context.status("GEOSBufferParams_setEndCapStyle_r", GEOSBufferParams_setEndCapStyle_r(h, params, Int32(cap.rawValue)))
        try context.status(
            "GEOSBufferParams_setQuadrantSegments_r", GEOSBufferParams_setQuadrantSegments_r(h, params, quadrantSegments))
        return try context.owned("GEOSBufferWithParams_r", GEOSBufferWithParams_r(h, pointer, params, distance))
    }

    /// make-valid with the "structure" method: keeps polygon areas.
    func makeValid() throws(GeoError) -> GEOSGeom {
        guard let params = GEOSMakeValidParams_create_r(h) else { throw context.error("GEOSMakeValidParams_create_r") }
        defer { GEOSMakeValidParams_destroy_r(h, params) }
        try context.status(
            "GEOSMakeValidParams_setMethod_r", GEOSMakeValidParams_setMethod_r(h, params, GEOS_MAKE_VALID_STRUCTURE))
        try context.status("GEOSMakeValidParams_setKeepCollapsed_r", GEOSMakeValidParams_setKeepCollapsed_r(h, params, 0))
        return try context.owned("GEOSMakeValidWithParams_r", GEOSMakeValidWithParams_r(h, pointer, params))
    }

    // Predicates: 0/1, 2 on exception.
    func intersects(_ other: GEOSGeom) throws(GeoError) -> Bool {
        try context.predicate("GEOSIntersects_r", GEOSIntersects_r(h, pointer, other.pointer))
    }

    func touches(_ other: GEOSGeom) throws(GeoError) -> Bool {
        try context.predicate("GEOSTouches_r", GEOSTouches_r(h, pointer, other.pointer))
    }

    func contains(_ other: GEOSGeom) throws(GeoError) -> Bool {
        try context.predicate("GEOSContains_r", GEOSContains_r(h, pointer, other.pointer))
    }

    func covers(_ other: GEOSGeom) throws(GeoError) -> Bool {
        try context.predicate("GEOSCovers_r", GEOSCovers_r(h, pointer, other.pointer))
    }

    /// Matches the DE-9IM matrix against a pattern such as `F***1****`.
    func relatePattern(_ other: GEOSGeom, _ pattern: String) throws(GeoError) -> Bool {
        try context.predicate("GEOSRelatePattern_r", GEOSRelatePattern_r(h, pointer, other.pointer, pattern))
    }

    /// The DE-9IM matrix as 9 characters; NULL on exception, freed with GEOSFree_r.
    func relate(_ other: GEOSGeom) throws(GeoError) -> String {
        guard let m = GEOSRelate_r(h, pointer, other.pointer) else { throw context.error("GEOSRelate_r") }
        defer { GEOSFree_r(h, m) }
        return String(cString: m)
    }

    // Measures in the geometry's own units: 0 on exception.
    func distance(_ other: GEOSGeom) throws(GeoError) -> Double {
        var d = 0.0
        try context.status("GEOSDistance_r", GEOSDistance_r(h, pointer, other.pointer, &d))
        return d
    }

    /// Planar area in the geometry's units squared. Only meaningful on
    /// projected geometries; never reported to users for degrees.
    func planarArea() throws(GeoError) -> Double {
        var a = 0.0
        try context.status("GEOSArea_r", GEOSArea_r(h, pointer, &a))
        return a
    }

    func planarLength() throws(GeoError) -> Double {
        var l = 0.0
        try context.status("GEOSLength_r", GEOSLength_r(h, pointer, &l))
        return l
    }

    /// Nearest points of the two geometries: [on self, on other].
    func nearestPoints(_ other: GEOSGeom) throws(GeoError) -> (Coordinate, Coordinate) {
        guard let seq = GEOSNearestPoints_r(h, pointer, other.pointer) else {
            throw context.error("GEOSNearestPoints_r")
        }
        defer { GEOSCoordSeq_destroy_r(h, seq) }
        let cs = try context.coordinates(ofSequence: seq)
        guard cs.count == 2 else { throw GeoError(.geos, "expected two nearest points", operation: "GEOSNearestPoints_r") }
        return (cs[0], cs[1])
    }

    /// Validity with GEOS's reason and location. Returns 1 valid, 0 invalid, 2 exception.
    func validity() throws(GeoError) -> ValidityReport {
        var reason: UnsafeMutablePointer<CChar>?
        var location: OpaquePointer?
        let rc = GEOSisValidDetail_r(h, pointer, 0, &reason, &location)
        defer {
            if let reason { GEOSFree_r(h, reason) }
            if let location { GEOSGeom_destroy_r(h, location) }
        }
        let valid = try context.predicate("GEOSisValidDetail_r", rc)
        var where_: Coordinate?
        if let location, case .point(let c)? = try? context.value(of: location) { where_ = c }
        return ValidityReport(isValid: valid, reason: reason.map { String(cString: $0) } ?? "", location: where_)
    }

    /// Whether a line has no self-intersection. 2 on exception.
    func isSimple() throws(GeoError) -> Bool {
        try context.predicate("GEOSisSimple_r", GEOSisSimple_r(h, pointer))
    }

    /// Distance along this line to the point of it nearest to `point`; -1 on exception.
    func project(_ point: GEOSGeom) throws(GeoError) -> Double {
        let d = GEOSProject_r(h, pointer, point.pointer)
        if d < 0 { throw context.error("GEOSProject_r") }
        return d
    }

    /// A point guaranteed to lie inside the geometry (for labels).
    func pointOnSurface() throws(GeoError) -> GEOSGeom {
        try context.owned("GEOSPointOnSurface_r", GEOSPointOnSurface_r(h, pointer))
    }

    /// Puts the geometry in GEOS's normal form (for comparisons in tests).
    func normalize() throws(GeoError) {
        if GEOSNormalize_r(h, pointer) == -1 { throw context.error("GEOSNormalize_r") }
    }

    var numGeometries: Int { Int(GEOSGetNumGeometries_r(h, pointer)) }

    /// Bounds in the geometry's units; nil when empty.
    func extent() throws(GeoError) -> BoundingBox? {
        if isEmpty { return nil }
        var xmin = 0.0, ymin = 0.0, xmax = 0.0, ymax = 0.0
        try context.status("GEOSGeom_getExtent_r", GEOSGeom_getExtent_r(h, pointer, &xmin, &ymin, &xmax, &ymax))
        return BoundingBox(west: xmin, south: ymin, east: xmax, north: ymax)
    }
}

// MARK: - WKT

extension GEOSContext {
    func readWKT(_ text: String) throws(GeoError) -> GEOSGeom {
        guard let reader = GEOSWKTReader_create_r(handle) else { throw error("GEOSWKTReader_create_r") }
        defer { GEOSWKTReader_destroy_r(handle, reader) }
        return try owned("GEOSWKTReader_read_r", GEOSWKTReader_read_r(handle, reader, text))
    }

    func writeWKT(_ g: GEOSGeom, precision: Int32 = 6) throws(GeoError) -> String {
        guard let writer = GEOSWKTWriter_create_r(handle) else { throw error("GEOSWKTWriter_create_r") }
        defer { GEOSWKTWriter_destroy_r(handle, writer) }
        GEOSWKTWriter_setTrim_r(handle, writer, 1)
        GEOSWKTWriter_setRoundingPrecision_r(handle, writer, precision)
        guard let s = GEOSWKTWriter_write_r(handle, writer, g.pointer) else { throw error("GEOSWKTWriter_write_r") }
        defer { GEOSFree_r(handle, s) }
        return String(cString: s)
    }
}
