/// What a corridor does, as report values: the verdicts first (in plain
/// sentences, each with the model it assumes), then per level the territories
/// it crosses with their pieces, every border those territories had and what
/// is left of it on their main bodies, and the territories it links.
///
/// Invariants (kept by `CorridorAnalysis`, relied on by the writers):
/// - Lengths are geodesic on WGS84 in km, areas in km², rounded to 3 decimals;
///   widths in metres.
/// - Levels come country first, then province; within a level territories by
///   area taken (largest first, then id), borders by (a, b) with a < b, links
///   by (a, b); verdicts by level, kind, territory, neighbour.
/// - For every border row, on each side: main body + cut off + other parts =
///   length after (to rounding), and length after ≤ length before.
public struct CorridorReport: Sendable {
    /// Bumped whenever a key changes meaning or goes away (`docs/json-schema.md`).
    public static let schemaVersion = 2

    public var id: String
    public var name: String
    public var widthM: Double
    public var routeLengthKm: Double?
    /// The corridor's area after the clip (km²).
    public var areaKm2: Double
    public var model: CorridorModel
    /// Pieces smaller than this are slivers: listed, not counted as a split.
    public var minPieceKm2: Double
    public var clip: CorridorClip
    public var verdicts: [CorridorVerdict]
    public var levels: [CorridorLevelReport]
    public var places: [PlaceDistance]
    /// Where the route starts and ends (none for a corridor given as a polygon).
    public var routeEnds: [RouteEnd] = []
    /// The route's ends in a sentence ("The route starts inside Nepal and ends
    /// inside India, 3.10 km short of Bangladesh, the nearest territory it does
    /// not reach."): what a reader needs when nothing is split or linked.
    public var routeSentence: String?
    /// What the verdicts and figures rest on that a reader should know: the
    /// territories crossed and those named in verdicts, where their lines are
    /// approximate or they are clipped to the region.
    public var caveats: [Caveat] = []
    /// The corridor polygon after the clip (for maps and GeoJSON; not in JSON).
    public var corridor: Geometry

    /// The route's ends in words where a reader needs them: when nothing is
    /// split or linked, where the route stops says why (nil otherwise).
    public var routeNote: String? {
        verdicts.contains { $0.kind == .split || $0.kind == .linked } ? nil : routeSentence
    }

    /// The level reports, by name ("country", "province", "all").
    public func level(_ name: String) -> CorridorLevelReport? { levels.first { $0.level == name } }
}

/// Which reading of the corridor a verdict assumes.
public enum CorridorModel: String, Codable, Sendable, Hashable, CaseIterable {
    /// The corridor is taken out of the territory it crosses (it belongs to
    /// nobody on either side): what is behind it is cut off.
    case extraterritorial
    /// The corridor stays sovereign territory of its host: nothing is cut off,
    /// but some borders can be reached only by crossing it.
    case sovereign

    /// The assumption in words, for the top of a report.
    public var assumption: String {
        switch self {
        case .extraterritorial: "the corridor is taken out of the territory it crosses (extraterritorial)"
        case .sovereign: "the corridor stays sovereign territory of the country it crosses"
        }
    }
}

/// How the corridor was kept to the territories its route enters.
public struct CorridorClip: Codable, Hashable, Sendable {
    public var enabled: Bool
    /// Why it was or was not clipped, in words.
    public var rule: String
    /// The territories it was kept to (ids of the coarsest level).
    public var keptTo: [String]
    /// Area of the buffer before the clip (km²).
    public var bufferKm2: Double
    /// Area cut off by the clip, in all (km²).
    public var clippedKm2: Double
    /// Where the clipped-off area lay (territories the route does not enter; "" for no territory).
    public var clippedFrom: [ClippedArea]
}

public struct ClippedArea: Codable, Hashable, Sendable {
    public var territory: String
    public var name: String
    public var areaKm2: Double
}

/// One level's account: territories, borders, links.
public struct CorridorLevelReport: Sendable {
    /// "country" (countries with their parts apart), "province", or "all" for a one-level layer.
    public var level: String
    public var territories: [TerritoryImpact]
    public var borders: [BorderImpact]
    public var links: [CorridorLink]
    /// Every piece left of each territory the corridor crosses, for maps (not in JSON).
    public var pieceGeometries: [String: [Geometry]]
}

/// A piece of what is left of a territory.
public struct CorridorPiece: Codable, Hashable, Sendable {
    public enum Role: String, Codable, Sendable, Hashable {
        /// The piece that holds the capital (or the largest piece).
        case mainBody = "main_body"
        /// Cut off from its part by the corridor, at least the sliver size.
        case cutOff = "cut_off"
        /// Cut off, but smaller than the sliver size: listed, not counted.
        case sliver
        /// A part the territory already had apart from its main body (an exclave, an island).
        case otherPart = "other_part"
    }
    public var role: Role
    public var areaKm2: Double
    /// Border length on this piece with each neighbour it still touches, by neighbour id.
    public var borders: [PieceBorder]
}

public struct PieceBorder: Codable, Hashable, Sendable {
    public var neighbor: String
    public var lengthKm: Double
}

/// One territory's loss to a corridor.
public struct TerritoryImpact: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    /// ISO alpha-2 code of the country it belongs to, where known.
    public var country: String?
    public var countryName: String?
    /// Clipped to the region of the data: its area and pieces are those of the part in the data.
    public var clipped: Bool
    public var areaKm2: Double
    public var areaInsideKm2: Double
    /// Share of the territory's area inside the corridor, in percent.
    public var areaPercent: Double
    public var routeLengthInsideKm: Double
    /// The place whose piece is the main body, when the data names a capital and it lies outside the corridor.
    public var capital: String?
    /// "capital" or "largest piece".
    public var mainBodyBy: String
    /// What is left: the main body first, then the rest by area.
    public var pieces: [CorridorPiece]
    /// The corridor cuts a piece at least the sliver size off one of its parts.
    public var split: Bool

    public var mainBodyKm2: Double { pieces.first { $0.role == .mainBody }?.areaKm2 ?? 0 }
}

/// A border the territories the corridor crosses had, before and after.
public struct BorderImpact: Codable, Hashable, Sendable {
    public var a: String
    public var aName: String
    public var aCountry: String?
    public var b: String
    public var bName: String
    public var bCountry: String?
    public var lengthBeforeKm: Double
    /// What is left of it, on any piece (in the sovereign reading, all of it:
    /// the corridor stays its host's land, so no border changes).
    public var lengthAfterKm: Double
    /// In the sovereign reading, the length that lies under the corridor
    /// (still a border, between the corridor's hosts); nil in the
    /// extraterritorial reading, where it is gone. On each side, main body +
    /// cut off + other parts + under the corridor = after.
    public var underCorridorKm: Double?
    /// Where what is left lies, on side a and side b.
    public var aMainBodyKm: Double
    public var aCutOffKm: Double
    public var aOtherPartsKm: Double
    public var bMainBodyKm: Double
    public var bCutOffKm: Double
    public var bOtherPartsKm: Double
    /// Nothing of it is left.
    public var severed: Bool
}

/// Two territories that did not border each other and that the corridor reaches both of.
public struct CorridorLink: Codable, Hashable, Sendable {
    public var a: String
    public var aName: String
    public var b: String
    public var bName: String
    /// Length of route between the two (km), when the corridor has a route.
    public var routeKm: Double?
}

/// One end of the route, at the coarsest level analysed: the territory it
/// lies in, and for an end inside one, the nearest territory the route does
/// not reach and the geodesic distance to it (a route drawn to Bangladesh
/// that stops inside India says how far short it stops).
public struct RouteEnd: Codable, Hashable, Sendable {
    /// "start" or "end".
    public var end: String
    /// lon, lat.
    public var coordinate: [Double]
    public var inside: String?
    public var insideName: String?
    public var nearestUnreached: String?
    public var nearestUnreachedName: String?
    /// Geodesic distance from the end to the nearest unreached territory (km).
    public var nearestUnreachedKm: Double?
}

public struct PlaceDistance: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var inside: Bool
    /// Geodesic distance to the corridor's edge (0 inside).
    public var distanceKm: Double
}

/// One finding, in a sentence and in figures.
public struct CorridorVerdict: Codable, Hashable, Sendable {
    public enum Kind: String, Codable, Sendable, Hashable, CaseIterable {
        /// The main body no longer touches a neighbour it touched (whether or not a cut-off piece still does).
        case cutOff = "cut_off"
        /// The main body still touches the neighbour, but part of the border now lies on cut-off pieces.
        case partlyCutOff = "partly_cut_off"
        /// No piece touches the neighbour any more (implies cut_off for the side the corridor crosses).
        case severed
        /// Sovereign reading: from the main body, the border can be reached only by crossing the corridor.
        case behindCorridor = "behind_corridor"
        /// The territory falls into pieces (slivers not counted).
        case split
        /// Two territories that did not touch are joined through the corridor.
        case linked
    }
    public var kind: Kind
    public var level: String
    public var model: CorridorModel
    public var territory: String
    public var territoryName: String
    public var territoryCountry: String?
    /// True when the territory is clipped to the region of the data (its areas are not the whole).
    public var territoryClipped: Bool?
    /// For a verdict about one part of a territory in several (an exclave): that
    /// part, described by its area and where it lies; its area (km²).
    public var territoryPart: String?
    public var territoryPartKm2: Double?
    public var neighbor: String?
    public var neighborName: String?
    public var neighborCountry: String?
    /// The border between them before the corridor (km), for border verdicts.
    public var borderBeforeKm: Double?
    /// What is left of it on the territory's main body (km).
    public var borderOnMainBodyKm: Double?
    /// What is left of it on pieces cut off from the main body (km).
    public var borderCutOffKm: Double?
    /// Area of the pieces cut off (km²): those holding the border, or all of them for a split.
    public var cutOffKm2: Double?
    public var cutOffPieces: Int?
    public var sliverPieces: Int?
    /// Main body's area (km²).
    public var mainBodyKm2: Double?
    /// For links: length of route between the two (km).
    public var routeKm: Double?
    /// The smallest width (m) from which the verdict holds, when asked for.
    public var criticalWidthM: Double?
    /// Set when the verdict does not hold at every sampled width above its critical width.
    public var criticalWidthNote: String?
    public var sentence: String

    /// Identity across widths: the same finding about the same territories.
    public var key: String { "\(level)|\(kind.rawValue)|\(territory)\(territoryPart.map { "(\($0))" } ?? "")|\(neighbor ?? "")" }
}
