/// Public entry points to GEOS for single geometries. Each call uses a fresh
/// GEOS context, so these are safe from any thread; analyses that run many
/// operations keep one context for their whole run instead.
extension Geometry {
    /// GEOS's verdict on OGC validity, with its reason and location.
    public func validity() throws(GeoError) -> ValidityReport {
        let ctx = try GEOSContext()
        return try ctx.make(self).validity()
    }

    /// A valid version of the geometry (GEOS make-valid, "structure" method,
    /// which keeps areas), in the same dimension.
    public func madeValid() throws(GeoError) -> Geometry {
        let ctx = try GEOSContext()
        let fixed = try ctx.make(self).makeValid()
        return try ctx.value(of: fixed)
    }

    /// Parses Well-Known Text through GEOS.
    public init(wkt: String) throws(GeoError) {
        let ctx = try GEOSContext()
        self = try ctx.value(of: ctx.readWKT(wkt))
    }

    /// Well-Known Text, rounded to `precision` decimals.
    public func wkt(precision: Int = 6) throws(GeoError) -> String {
        let ctx = try GEOSContext()
        return try ctx.writeWKT(ctx.make(self), precision: Int32(precision))
    }

    /// Geodesic area on WGS84 in square metres (0 for points and lines).
    public var areaSquareMeters: Double { Geodesic.areaSquareMeters(self) }

    /// Geodesic length on WGS84 in metres (perimeter for polygons).
    public var lengthMeters: Double { Geodesic.lengthMeters(self) }
}
