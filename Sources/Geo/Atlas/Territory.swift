/// The level a territory sits at.
public enum TerritoryLevel: String, Sendable, Hashable, CaseIterable, Codable {
    case country
    case province
}

/// A named area: a country, a part of one (mainland, exclave) or a province.
public struct Territory: Sendable, Hashable {
    /// Stable id: ISO 3166-1 or 3166-2 where one exists (`AM`, `AM-SU`, `AZ-NX`).
    public var id: String
    public var name: String
    public var localName: String?
    public var aliases: [String]
    public var level: TerritoryLevel
    /// "country", "mainland", "exclave" or "province".
    public var kind: String
    /// ISO 3166-1 alpha-2 code of the country it belongs to.
    public var countryCode: String?
    /// The id of the territory it is part of (`AZ` for `AZ-NX`, `AM` for `AM-SU`).
    public var parentID: String?
    /// Cut off from the rest of its country.
    public var isExclave: Bool
    /// Clipped to the region of interest (Iran and Turkey): its area is not the whole.
    public var isClipped: Bool
    public var note: String?
    public var geometry: Geometry
    /// Every property of the source feature.
    public var properties: [String: JSONValue]

    public init(
        id: String, name: String, localName: String? = nil, aliases: [String] = [], level: TerritoryLevel,
        kind: String, countryCode: String? = nil, parentID: String? = nil, isExclave: Bool = false,
        isClipped: Bool = false, note: String? = nil, geometry: Geometry, properties: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.name = name
        self.localName = localName
        self.aliases = aliases
        self.level = level
        self.kind = kind
        self.countryCode = countryCode
        self.parentID = parentID
        self.isExclave = isExclave
        self.isClipped = isClipped
        self.note = note
        self.geometry = geometry
        self.properties = properties
    }

    /// Geodesic area on WGS84, in km².
    public var areaKm2: Double { Geodesic.areaSquareMeters(geometry) / 1e6 }
}

/// A named point: a town or village.
public struct Place: Sendable, Hashable {
    public var id: String
    public var name: String
    public var localName: String?
    public var aliases: [String]
    public var kind: String
    public var countryCode: String?
    public var coordinate: Coordinate
    public var note: String?
    public var properties: [String: JSONValue]

    public init(
        id: String, name: String, localName: String? = nil, aliases: [String] = [], kind: String = "place",
        countryCode: String? = nil, coordinate: Coordinate, note: String? = nil, properties: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.name = name
        self.localName = localName
        self.aliases = aliases
        self.kind = kind
        self.countryCode = countryCode
        self.coordinate = coordinate
        self.note = note
        self.properties = properties
    }
}

extension Place {
    /// The territory ids this place is the capital of: the `capital_of` property,
    /// an array of ids (one id as a string is read too).
    public var capitalOf: [String] {
        let v = properties["capital_of"]
        return v?.arrayValue?.compactMap(\.stringValue) ?? v?.stringValue.map { [$0] } ?? []
    }
}

/// A proposed transit route with a default width.
public struct Corridor: Sendable, Hashable {
    public var id: String
    public var name: String
    public var summary: String?
    public var aliases: [String]
    public var route: LineString
    public var widthMeters: Double
    public var properties: [String: JSONValue]

    public init(
        id: String, name: String, summary: String? = nil, aliases: [String] = [], route: LineString,
        widthMeters: Double, properties: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.name = name
        self.summary = summary
        self.aliases = aliases
        self.route = route
        self.widthMeters = widthMeters
        self.properties = properties
    }
}
