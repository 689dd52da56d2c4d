/// Positions that lie a hair beyond ±180° or ±90°, as GIS data really have
/// them: `180.00000000000006` from a writer's or PROJ's last bit (Natural
/// Earth's 110m countries as geopandas shipped them; a GeoPackage in
/// EPSG:3035 taken back to WGS84). Every reader, and every reprojection to
/// WGS84, puts such a position on the range's end and counts it here; the
/// reader says it once, in its file's warnings.
///
/// Invariants:
/// 1. Only a component at most `toleranceDegrees` beyond its range is moved,
///    and only onto the range's end (±180 or ±90); anything farther out stays
///    an error with its own message.
/// 2. `count` is the number of positions moved; `example` is the first one,
///    as it was read.
public struct RangeNoise: Sendable, Hashable {
    /// 1e-9° is about 0.1 mm on the ground: far above a double's last bit at
    /// 180 (2.8e-14) and far below any real survey.
    public static let toleranceDegrees = 1e-9

    public private(set) var count = 0
    public private(set) var example: Coordinate?

    public init() {}

    /// `c` itself when it is in range; `c` on the range's end when it is
    /// within the tolerance beyond it (counted); nil when it is farther out.
    public mutating func clamp(_ c: Coordinate) -> Coordinate? {
        if c.isInWGS84Range { return c }
        guard let lon = Self.clamp(c.longitude, limit: 180), let lat = Self.clamp(c.latitude, limit: 90) else { return nil }
        if count == 0 { example = c }
        count += 1
        return Coordinate(longitude: lon, latitude: lat)
    }

    private static func clamp(_ v: Double, limit: Double) -> Double? {
        guard v.isFinite else { return nil }
        if v.magnitude <= limit { return v }
        if v.magnitude <= limit + toleranceDegrees { return v < 0 ? -limit : limit }
        return nil
    }

    public mutating func merge(_ other: RangeNoise) {
        if count == 0 { example = other.example }
        count += other.count
    }

    /// The one line a reader adds to its warnings, nil when nothing moved.
    public var warning: String? {
        guard count > 0, let e = example else { return nil }
        let what = e.longitude.magnitude > 180 ? "longitude \(e.longitude)" : "latitude \(e.latitude)"
        let positions = count == 1 ? "1 position lay" : "\(count) positions lay"
        return "\(positions) less than 1e-9° beyond ±180° or ±90° (float noise, e.g. \(what)) and \(count == 1 ? "was" : "were") put on the range's end"
    }
}
