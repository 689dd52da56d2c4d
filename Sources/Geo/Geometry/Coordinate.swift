/// A position on the WGS84 ellipsoid in decimal degrees, in GeoJSON's order:
/// longitude first, then latitude (RFC 7946 §3.1.1).
public struct Coordinate: Hashable, Sendable {
    /// Degrees east of Greenwich, in [-180, 180].
    public var longitude: Double
    /// Degrees north of the equator, in [-90, 90].
    public var latitude: Double

    public init(longitude: Double, latitude: Double) {
        self.longitude = longitude
        self.latitude = latitude
    }

    /// Both components are finite and inside the WGS84 ranges.
    public var isInWGS84Range: Bool {
        longitude.isFinite && latitude.isFinite
            && (-180...180).contains(longitude) && (-90...90).contains(latitude)
    }
}

/// An axis-aligned box in degrees, in RFC 7946's order: west, south, east, north.
public struct BoundingBox: Hashable, Sendable {
    public var west: Double
    public var south: Double
    public var east: Double
    public var north: Double

    public init(west: Double, south: Double, east: Double, north: Double) {
        self.west = west
        self.south = south
        self.east = east
        self.north = north
    }

    /// The smallest box holding every coordinate, or nil for none.
    public init?<S: Sequence>(covering coordinates: S) where S.Element == Coordinate {
        var iterator = coordinates.makeIterator()
        guard let first = iterator.next() else { return nil }
        var box = BoundingBox(
            west: first.longitude, south: first.latitude,
            east: first.longitude, north: first.latitude)
        while let c = iterator.next() { box.extend(c) }
        self = box
    }

    public mutating func extend(_ c: Coordinate) {
        west = Swift.min(west, c.longitude)
        east = Swift.max(east, c.longitude)
        south = Swift.min(south, c.latitude)
        north = Swift.max(north, c.latitude)
    }

    public func union(_ other: BoundingBox) -> BoundingBox {
        BoundingBox(
            west: Swift.min(west, other.west), south: Swift.min(south, other.south),
            east: Swift.max(east, other.east), north: Swift.max(north, other.north))
    }

    public func intersects(_ other: BoundingBox) -> Bool {
        west <= other.east && other.west <= east && south <= other.north && other.south <= north
    }

    public var center: Coordinate {
        Coordinate(longitude: (west + east) / 2, latitude: (south + north) / 2)
    }

    /// `[west, south, east, north]`, the order of a GeoJSON `bbox` member.
    public var array: [Double] { [west, south, east, north] }
}
