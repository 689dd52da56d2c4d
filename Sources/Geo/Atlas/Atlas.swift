import Foundation

/// The territories, places and corridors an analysis works on: the shipped
/// `geodata/` layers or the user's own GeoJSON polygons.
public struct Atlas: Sendable {
    /// Every territory: country level first, then provinces, each sorted by id.
    public private(set) var territories: [Territory]
    public private(set) var places: [Place]
    public private(set) var corridors: [Corridor]
    /// The files it was loaded from.
    public private(set) var sources: [String]
    /// Things worth telling the user (repairs, ignored features).
    public var warnings: [String] = []
    /// The countries a map of the shipped data shows when it is given no
    /// focus or corridor: the South Caucasus (the data also holds whole Iran
    /// and Turkey, and Russia's North Caucasus).
    public static let defaultMapCountries: Set<String> = ["AM", "AZ", "GE"]

    /// Official areas and border lengths to show beside measured ones (the
    /// shipped data's `published.csv`; none for a user's layer).
    public var published = PublishedFigures()
    /// Rivers to draw (the shipped context layer; empty for user data).
    public var rivers: [River] = []
    /// What the user's files say of themselves (a GeoJSON's attribution or licence member), for map credits.
    public var credits: [String] = []

    /// Built on the first lookup by name (a command on 100,000 user polygons may never need it).
    private let names: LazyNames
    private var byID: [String: Int] = [:]

    private var territoryIndex: NameIndex<Int> { names.indexes(territories, places, corridors).territories }
    private var placeIndex: NameIndex<Int> { names.indexes(territories, places, corridors).places }
    private var corridorIndex: NameIndex<Int> { names.indexes(territories, places, corridors).corridors }

    public init(territories: [Territory], places: [Place] = [], corridors: [Corridor] = [], sources: [String] = []) {
        func order(_ t: Territory) -> (Int, String) { (t.level == .country ? 0 : 1, t.id) }
        // Sorted only when needed (sorting copies every territory).
        let sorted = zip(territories, territories.dropFirst()).allSatisfy { order($0) < order($1) }
        self.territories = sorted ? territories : territories.sorted { order($0) < order($1) }
        self.places = places.sorted { $0.id < $1.id }
        self.corridors = corridors.sorted { $0.id < $1.id }
        self.sources = sources
        names = LazyNames()
        byID.reserveCapacity(self.territories.count)
        for (i, t) in self.territories.enumerated() { byID[t.id] = i }
    }

    /// The same atlas with each territory's geometry and each place's
    /// coordinate given anew (ids, names, order and name indexes kept).
    func withGeometries(
        _ geometry: (Territory) throws(GeoError) -> Geometry, places coordinate: (Coordinate) -> Coordinate
    ) throws(GeoError) -> Atlas {
        var copy = self
        copy.territories = try territories.map { (t: Territory) throws(GeoError) -> Territory in
            var t = t
            t.geometry = try geometry(t)
            return t
        }
        copy.places = places.map { p in
            var p = p
            p.coordinate = coordinate(p.coordinate)
            return p
        }
        return copy
    }

    /// The name indexes of an atlas, made once, on first use, from any thread.
    private final class LazyNames: @unchecked Sendable {
        struct Indexes {
            var territories = NameIndex<Int>()
            var places = NameIndex<Int>()
            var corridors = NameIndex<Int>()
        }
        private let lock = NSLock()
        private var built: Indexes?

        func indexes(_ territories: [Territory], _ places: [Place], _ corridors: [Corridor]) -> Indexes {
            lock.lock()
            defer { lock.unlock() }
            if let built { return built }
            var x = Indexes()
            // Ranks: an id beats a name, a name beats an alias; whole countries
            // beat their parts, which beat provinces.
            for (i, t) in territories.enumerated() {
                let level = t.properties["synthesized"] == .bool(true) ? 0 : (t.level == .country ? 1 : 2)
                let label = "\(t.name) (\(t.id))"
                x.territories.add([t.id], label: label, value: i, rank: 0)
                x.territories.add([t.name] + (t.localName.map { [$0] } ?? []), label: label, value: i, rank: 1 + level * 2)
                x.territories.add(t.aliases, label: label, value: i, rank: 2 + level * 2)
            }
            for (i, p) in places.enumerated() {
                x.places.add([p.id], label: p.name, value: i, rank: 0)
                x.places.add([p.name] + (p.localName.map { [$0] } ?? []), label: p.name, value: i, rank: 1)
                x.places.add(p.aliases, label: p.name, value: i, rank: 2)
            }
            for (i, c) in corridors.enumerated() {
                x.corridors.add([c.id], label: "\(c.name) (\(c.id))", value: i, rank: 0)
                x.corridors.add([c.name] + c.aliases, label: "\(c.name) (\(c.id))", value: i, rank: 1)
            }
            built = x
            return x
        }
    }

    // MARK: Lookup

    /// The territory with this id, if any.
    public func territory(id: String) -> Territory? { byID[id].map { territories[$0] } }

    /// Finds a territory by id, name, local name or alias (ignoring case and
    /// diacritics). Countries win over provinces of the same name.
    public func territory(named query: String) throws(GeoError) -> Territory {
        let hits = territoryIndex.lookup(query)
        if hits.count == 1 { return territories[hits[0]] }
        if hits.count > 1 {
            let names = hits.map { "\(territories[$0].name) (\(territories[$0].id))" }.joined(separator: ", ")
            throw GeoError(.lookup, "\"\(query)\" is ambiguous: it names \(names); use an id")
        }
        var message = "no territory named \"\(query)\""
        // A layer without a "name" field is named by its ids: say so, and which fields it has.
        if !territories.isEmpty, territories.allSatisfy({ $0.name == $0.id && $0.properties["name"] == nil }) {
            let fields = Set(territories.prefix(100).flatMap { $0.properties.keys }).sorted()
            message += ": this layer has no \"name\" field, so its territories are named by their ids"
            if !fields.isEmpty {
                message += " (its fields: " + fields.prefix(12).joined(separator: ", ") + (fields.count > 12 ? ", …" : "")
                    + "); give the field of names with --name-field"
            }
        }
        let suggestions = territoryIndex.suggestions(for: query)
        if !suggestions.isEmpty { message += "; did you mean " + suggestions.map { "\"\($0)\"" }.joined(separator: ", ") + "?" }
        throw GeoError(.lookup, message)
    }

    public func place(named query: String) throws(GeoError) -> Place {
        if let i = placeIndex.lookup(query).first { return places[i] }
        throw GeoError(.lookup, Atlas.unknown("place", query, placeIndex.suggestions(for: query)))
    }

    public func corridor(named query: String) throws(GeoError) -> Corridor {
        if let i = corridorIndex.lookup(query).first { return corridors[i] }
        let known = corridors.map(\.id).joined(separator: ", ")
        var message = Atlas.unknown("corridor", query, corridorIndex.suggestions(for: query))
        if !known.isEmpty { message += " (known: \(known))" }
        throw GeoError(.lookup, message)
    }

    /// Suggestions for a name that matched nothing: territories and places.
    public func suggestions(for query: String) -> [String] {
        territoryIndex.suggestions(for: query) + placeIndex.suggestions(for: query)
    }

    public func placeExists(_ query: String) -> Bool { !placeIndex.lookup(query).isEmpty }

    static func unknown(_ what: String, _ query: String, _ suggestions: [String]) -> String {
        var m = "no \(what) named \"\(query)\""
        if !suggestions.isEmpty { m += "; did you mean " + suggestions.map { "\"\($0)\"" }.joined(separator: ", ") + "?" }
        return m
    }

    // MARK: Levels and hierarchy

    /// Territories of a level, optionally of one country (by alpha-2 code or name).
    /// At country level, `splitExclaves` keeps a country's parts (mainland
    /// Azerbaijan, Nakhchivan) apart; otherwise they come as one country.
    public func territories(level: TerritoryLevel, country: String? = nil, splitExclaves: Bool = false) -> [Territory] {
        var list: [Territory]
        switch level {
        case .province:
            list = territories.filter { $0.level == .province }
        case .country:
            list = territories.filter { t in
                guard t.level == .country else { return false }
                let synthesized = t.properties["synthesized"] == .bool(true)
                let isPart = t.parentID.map { byID[$0] != nil } ?? false
                return splitExclaves ? !synthesized : !isPart
            }
        }
        if let country {
            let code = self.countryCode(for: country)
            list = list.filter { $0.countryCode == code }
        }
        return list
    }

    /// The alpha-2 code for a code or a country name ("AM", "Armenia").
    public func countryCode(for query: String) -> String {
        if let t = try? territory(named: query), t.level == .country, let c = t.countryCode { return c }
        return query.uppercased()
    }

    public func children(of id: String) -> [Territory] {
        territories.filter { $0.parentID == id }
    }

    /// The chain of parents, nearest first (Syunik → Armenia).
    public func ancestors(of territory: Territory) -> [Territory] {
        var chain: [Territory] = []
        var current = territory.parentID
        var seen = Set<String>()
        while let id = current, seen.insert(id).inserted, let t = self.territory(id: id) {
            chain.append(t)
            current = t.parentID
        }
        return chain
    }
}
