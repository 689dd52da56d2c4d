import CPROJ

/// A transformation from a source CRS the user names (`EPSG:3857`,
/// `EPSG:32638`, a PROJ string, WKT) to WGS84 longitude/latitude in degrees,
/// through PROJ, with the axis order normalised to longitude first.
///
/// Owns its PROJ context and transformation and frees them exactly once; not
/// thread-safe (one per reading).
public final class CRSTransform {
    public let source: String
    private let context: OpaquePointer
    private let transform: OpaquePointer

    public init(source: String) throws(GeoError) {
        guard let ctx = proj_context_create() else {
            throw GeoError(.proj, "could not create a PROJ context", operation: "proj_context_create")
        }
        // PROJ's own log lines would repeat on stderr what the error says.
        proj_log_level(ctx, PJ_LOG_NONE)
        func fail(_ what: String) -> GeoError {
            let code = proj_context_errno(ctx)
            let reason = code == 0 ? "" : ": " + String(cString: proj_context_errno_string(ctx, code))
            return GeoError(.proj, "cannot transform from \"\(source)\" to WGS84\(reason)", operation: what)
        }
        guard let raw = proj_create_crs_to_crs(ctx, source, "EPSG:4326", nil) else {
            let e = fail("proj_create_crs_to_crs")
            proj_context_destroy(ctx)
            throw e
        }
        guard let normalized = proj_normalize_for_visualization(ctx, raw) else {
            let e = fail("proj_normalize_for_visualization")
            proj_destroy(raw)
            proj_context_destroy(ctx)
            throw e
        }
        proj_destroy(raw)
        self.source = source
        self.context = ctx
        self.transform = normalized
    }

    deinit {
        proj_destroy(transform)
        proj_context_destroy(context)
    }

    /// The coordinates in WGS84 degrees; a point PROJ cannot transform, or
    /// one that lands outside the WGS84 ranges, is an error.
    public func toWGS84(_ coordinates: [Coordinate]) throws(GeoError) -> [Coordinate] {
        if coordinates.isEmpty { return [] }
        let n = coordinates.count
        let (xs, ys, done, code) = LocalProjection.transformArrays(transform, PJ_FWD, coordinates)
        guard done == n, code == 0 else {
            throw GeoError(.proj, "PROJ could not transform every point from \(source) to WGS84", operation: "proj_trans_generic")
        }
        var out: [Coordinate] = []
        out.reserveCapacity(n)
        for i in 0..<n {
            let c = Coordinate(longitude: xs[i], latitude: ys[i])
            guard c.longitude.isFinite, c.latitude.isFinite, c.isInWGS84Range else {
                throw GeoError(
                    .proj,
                    "\(coordinates[i].longitude),\(coordinates[i].latitude) in \(source) is not a place on Earth (it maps to \(c.longitude),\(c.latitude)); is --source-crs right?")
            }
            out.append(c)
        }
        return out
    }

    public func toWGS84(_ geometry: Geometry) throws(GeoError) -> Geometry {
        try LocalProjection.transformSequences(geometry) { (cs: [Coordinate]) throws(GeoError) in try toWGS84(cs) }
    }
}
