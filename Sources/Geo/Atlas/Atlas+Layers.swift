extension Atlas {
    /// Whether the atlas has more than one level (the shipped data) or is a
    /// single layer (the user's files).
    public var isLayered: Bool {
        Set(territories.map(\.level)).count > 1
    }

    /// The layer to analyse named territories in: provinces for provinces;
    /// countries for countries, with a country's parts kept apart when a part
    /// (mainland Azerbaijan, Nakhchivan) is named. A single-layer atlas is
    /// always all of its territories.
    public func layer(for named: [Territory]) throws(GeoError) -> (level: String, territories: [Territory]) {
        guard isLayered else { return ("all", territories) }
        let levels = Set(named.map(\.level))
        if levels.count > 1 {
            let desc = named.map { "\($0.name) is a \($0.level.rawValue)" }.joined(separator: ", ")
            throw GeoError(.invalidArgument, "compare territories of one level: \(desc)")
        }
        if levels.first == .province { return ("province", territories(level: .province)) }
        let split = named.contains { t in t.parentID.map { territory(id: $0) != nil } ?? false }
        return (split ? "country (parts apart)" : "country", territories(level: .country, splitExclaves: split))
    }
}
