/// A GeoJSON Feature id: a string or a number (RFC 7946 §3.2).
public enum FeatureID: Hashable, Sendable, CustomStringConvertible {
    case string(String)
    case number(Double)

    public var description: String {
        switch self {
        case .string(let s): s
        case .number(let n): NumberFormatting.json(n)
        }
    }
}

/// A geometry with an id and properties. `geometry` is nil for a GeoJSON
/// `"geometry": null`; `properties` is empty for `null` or `{}`.
public struct Feature: Hashable, Sendable {
    public var id: FeatureID?
    public var geometry: Geometry?
    public var properties: [String: JSONValue]

    public init(id: FeatureID? = nil, geometry: Geometry?, properties: [String: JSONValue] = [:]) {
        self.id = id
        self.geometry = geometry
        self.properties = properties
    }

    /// A string property, or nil when absent or not a string.
    public func string(_ key: String) -> String? { properties[key]?.stringValue }

    /// The strings of an array property (e.g. `aliases`); empty when absent.
    public func strings(_ key: String) -> [String] { properties[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
}

/// The features of one file, in file order, with the name of their source.
public struct FeatureCollection: Hashable, Sendable {
    public var features: [Feature]
    /// File path or `-` for standard input; used in error messages.
    public var source: String
    /// Things worth telling the user that did not stop the reading.
    public var warnings: [String] = []
    /// The CRS the data declared for its positions, when not WGS84 (a
    /// legacy GeoJSON `crs` member, a GDAL layer's spatial reference):
    /// the reader reprojects from it.
    public var declaredCRS: String?
    /// The layer read, for a source that has several (named in errors).
    public var layer: String?
    /// What the data say of their origin: a GeoJSON's top-level
    /// "attribution", "license"/"licence" or "copyright" string member.
    public var credits: [String] = []

    public init(features: [Feature], source: String = "") {
        self.features = features
        self.source = source
    }
}
