/// The corridor report as JSON (`docs/json-schema.md`, schema version 2).
///
/// Two writers say the same thing: the `Encodable` form (with
/// `JSONEncoder.keyEncodingStrategy = .convertToSnakeCase`) and the direct
/// byte writer below, which writes the keys sorted, absent optionals left
/// out, one array entry per line. A corridor across 100,000 small cells links
/// a quarter of a million pairs, which the encoder takes a second for. Tests
/// check that both decode to the same value.
extension CorridorReport: Encodable {
    enum CodingKeys: String, CodingKey {
        case schemaVersion, id, name, widthM, routeLengthKm, areaKm2, model, minPieceKm2, clip, verdicts, levels, places, caveats, routeEnds, routeSentence
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.schemaVersion, forKey: .schemaVersion)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(widthM, forKey: .widthM)
        try c.encodeIfPresent(routeLengthKm, forKey: .routeLengthKm)
        try c.encode(routeEnds, forKey: .routeEnds)
        try c.encodeIfPresent(routeSentence, forKey: .routeSentence)
        try c.encode(areaKm2, forKey: .areaKm2)
        try c.encode(model, forKey: .model)
        try c.encode(minPieceKm2, forKey: .minPieceKm2)
        try c.encode(clip, forKey: .clip)
        try c.encode(verdicts, forKey: .verdicts)
        try c.encode(levels, forKey: .levels)
        try c.encode(places, forKey: .places)
        try c.encode(caveats, forKey: .caveats)
    }
}

extension CorridorLevelReport: Encodable {
    enum CodingKeys: String, CodingKey { case level, territories, borders, links }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(level, forKey: .level)
        try c.encode(territories, forKey: .territories)
        try c.encode(borders, forKey: .borders)
        try c.encode(links, forKey: .links)
    }
}

extension CorridorReport {
    /// The JSON of one report, as bytes.
    public func jsonChunks() -> [[UInt8]] {
        var out = JSONByteWriter(capacity: 1024 + levels.reduce(0) { $0 + $1.links.count * 120 + $1.territories.count * 400 + $1.borders.count * 300 } + places.count * 80)
        write(&out)
        out.byte(UInt8(ascii: "\n"))
        return [out.bytes]
    }

    /// Several reports (a sweep of widths, corridors compared) as
    /// `{"schema_version":2,"<key>":[…]}`.
    public static func listJSONChunks(_ reports: [CorridorReport], under key: StaticString) -> [[UInt8]] {
        var out = JSONByteWriter()
        out.raw("{\"schema_version\":")
        out.integer(schemaVersion)
        out.raw(",\"")
        out.raw(key)
        out.raw("\":[")
        for (i, r) in reports.enumerated() {
            out.raw(i == 0 ? "\n" : ",\n")
            r.write(&out)
        }
        out.raw(reports.isEmpty ? "]}\n" : "\n]}\n")
        return [out.bytes]
    }

    func write(_ out: inout JSONByteWriter) {
        out.raw("{\"area_km2\":")
        out.number(areaKm2)
        out.raw(",\"caveats\":[")
        Self.lines(caveats, &out) { c, o in
            var m = JSONMembers()
            m.string("kind", c.kind.rawValue, &o)
            m.number("measured_km2", c.measuredKm2, &o)
            if let p = c.published {
                m.key("published", &o)
                var n = JSONMembers()
                o.byte(UInt8(ascii: "{"))
                n.number("difference_percent", p.differencePercent, &o)
                n.string("note", p.note, &o)
                n.string("source", p.source, &o)
                n.string("unit", p.unit, &o)
                n.number("value", p.value, &o)
                n.integer("year", p.year, &o)
                o.byte(UInt8(ascii: "}"))
            }
            m.string("sentence", c.sentence, &o)
            m.string("territory", c.territory, &o)
        }
        out.raw(",\"clip\":{\"buffer_km2\":")
        out.number(clip.bufferKm2)
        out.raw(",\"clipped_from\":[")
        Self.lines(clip.clippedFrom, &out) { a, o in
            var m = JSONMembers()
            m.number("area_km2", a.areaKm2, &o)
            m.string("name", a.name, &o)
            m.string("territory", a.territory, &o)
        }
        out.raw(",\"clipped_km2\":")
        out.number(clip.clippedKm2)
        out.raw(",\"enabled\":")
        out.raw(clip.enabled ? "true" : "false")
        out.raw(",\"kept_to\":[")
        for (k, id) in clip.keptTo.enumerated() {
            if k > 0 { out.byte(UInt8(ascii: ",")) }
            out.string(id)
        }
        out.raw("],\"rule\":")
        out.string(clip.rule)
        out.raw("},\"id\":")
        out.string(id)
        out.raw(",\"levels\":[")
        for (i, level) in levels.enumerated() {
            out.raw(i == 0 ? "\n{\"borders\":[" : ",\n{\"borders\":[")
            Self.lines(level.borders, &out, Self.border)
            out.raw(",\"level\":")
            out.string(level.level)
            out.raw(",\"links\":[")
            Self.lines(level.links, &out) { l, o in
                var m = JSONMembers()
                m.string("a", l.a, &o)
                m.string("a_name", l.aName, &o)
                m.string("b", l.b, &o)
                m.string("b_name", l.bName, &o)
                m.number("route_km", l.routeKm, &o)
            }
            out.raw(",\"territories\":[")
            Self.lines(level.territories, &out, Self.territory)
            out.byte(UInt8(ascii: "}"))
        }
        out.raw(levels.isEmpty ? "]" : "\n]")
        out.raw(",\"min_piece_km2\":")
        out.number(minPieceKm2)
        out.raw(",\"model\":")
        out.string(model.rawValue)
        out.raw(",\"name\":")
        out.string(name)
        out.raw(",\"places\":[")
        Self.lines(places, &out) { p, o in
            var m = JSONMembers()
            m.number("distance_km", p.distanceKm, &o)
            m.string("id", p.id, &o)
            m.bool("inside", p.inside, &o)
            m.string("name", p.name, &o)
        }
        out.raw(",\"route_ends\":[")
        Self.lines(routeEnds, &out) { e, o in
            var m = JSONMembers()
            m.key("coordinate", &o)
            o.byte(UInt8(ascii: "["))
            o.number(e.coordinate[0])
            o.byte(UInt8(ascii: ","))
            o.number(e.coordinate[1])
            o.byte(UInt8(ascii: "]"))
            m.string("end", e.end, &o)
            m.string("inside", e.inside, &o)
            m.string("inside_name", e.insideName, &o)
            m.string("nearest_unreached", e.nearestUnreached, &o)
            m.number("nearest_unreached_km", e.nearestUnreachedKm, &o)
            m.string("nearest_unreached_name", e.nearestUnreachedName, &o)
        }
        if let routeLengthKm {
            out.raw(",\"route_length_km\":")
            out.number(routeLengthKm)
        }
        if let routeSentence {
            out.raw(",\"route_sentence\":")
            out.string(routeSentence)
        }
        out.raw(",\"schema_version\":")
        out.integer(Self.schemaVersion)
        out.raw(",\"verdicts\":[")
        Self.lines(verdicts, &out, Self.verdict)
        out.raw(",\"width_m\":")
        out.number(widthM)
        out.byte(UInt8(ascii: "}"))
    }

    private static func border(_ b: BorderImpact, _ o: inout JSONByteWriter) {
        var m = JSONMembers()
        m.string("a", b.a, &o)
        m.string("a_country", b.aCountry, &o)
        m.number("a_cut_off_km", b.aCutOffKm, &o)
        m.number("a_main_body_km", b.aMainBodyKm, &o)
        m.string("a_name", b.aName, &o)
        m.number("a_other_parts_km", b.aOtherPartsKm, &o)
        m.string("b", b.b, &o)
        m.string("b_country", b.bCountry, &o)
        m.number("b_cut_off_km", b.bCutOffKm, &o)
        m.number("b_main_body_km", b.bMainBodyKm, &o)
        m.string("b_name", b.bName, &o)
        m.number("b_other_parts_km", b.bOtherPartsKm, &o)
        m.number("length_after_km", b.lengthAfterKm, &o)
        m.number("length_before_km", b.lengthBeforeKm, &o)
        m.bool("severed", b.severed, &o)
        m.number("under_corridor_km", b.underCorridorKm, &o)
    }

    private static func territory(_ t: TerritoryImpact, _ o: inout JSONByteWriter) {
        var m = JSONMembers()
        m.number("area_inside_km2", t.areaInsideKm2, &o)
        m.number("area_km2", t.areaKm2, &o)
        m.number("area_percent", t.areaPercent, &o)
        m.string("capital", t.capital, &o)
        m.bool("clipped", t.clipped, &o)
        m.string("country", t.country, &o)
        m.string("country_name", t.countryName, &o)
        m.string("id", t.id, &o)
        m.string("main_body_by", t.mainBodyBy, &o)
        m.string("name", t.name, &o)
        m.key("pieces", &o)
        o.byte(UInt8(ascii: "["))
        for (k, p) in t.pieces.enumerated() {
            o.raw(k == 0 ? "{" : ",{")
            var pm = JSONMembers()
            pm.number("area_km2", p.areaKm2, &o)
            pm.key("borders", &o)
            o.byte(UInt8(ascii: "["))
            for (j, b) in p.borders.enumerated() {
                o.raw(j == 0 ? "{" : ",{")
                var bm = JSONMembers()
                bm.number("length_km", b.lengthKm, &o)
                bm.string("neighbor", b.neighbor, &o)
                o.byte(UInt8(ascii: "}"))
            }
            o.byte(UInt8(ascii: "]"))
            pm.string("role", p.role.rawValue, &o)
            o.byte(UInt8(ascii: "}"))
        }
        o.byte(UInt8(ascii: "]"))
        m.number("route_length_inside_km", t.routeLengthInsideKm, &o)
        m.bool("split", t.split, &o)
    }

    private static func verdict(_ v: CorridorVerdict, _ o: inout JSONByteWriter) {
        var m = JSONMembers()
        m.number("border_before_km", v.borderBeforeKm, &o)
        m.number("border_cut_off_km", v.borderCutOffKm, &o)
        m.number("border_on_main_body_km", v.borderOnMainBodyKm, &o)
        m.number("critical_width_m", v.criticalWidthM, &o)
        m.string("critical_width_note", v.criticalWidthNote, &o)
        m.number("cut_off_km2", v.cutOffKm2, &o)
        m.integer("cut_off_pieces", v.cutOffPieces, &o)
        m.string("kind", v.kind.rawValue, &o)
        m.string("level", v.level, &o)
        m.number("main_body_km2", v.mainBodyKm2, &o)
        m.string("model", v.model.rawValue, &o)
        m.string("neighbor", v.neighbor, &o)
        m.string("neighbor_country", v.neighborCountry, &o)
        m.string("neighbor_name", v.neighborName, &o)
        m.number("route_km", v.routeKm, &o)
        m.string("sentence", v.sentence, &o)
        m.integer("sliver_pieces", v.sliverPieces, &o)
        m.string("territory", v.territory, &o)
        m.bool("territory_clipped", v.territoryClipped, &o)
        m.string("territory_country", v.territoryCountry, &o)
        m.string("territory_name", v.territoryName, &o)
        m.string("territory_part", v.territoryPart, &o)
        m.number("territory_part_km2", v.territoryPartKm2, &o)
    }

    /// `[` already written: one object per line, then `]`.
    private static func lines<T>(_ items: [T], _ out: inout JSONByteWriter, _ body: (T, inout JSONByteWriter) -> Void) {
        for (i, item) in items.enumerated() {
            out.raw(i == 0 ? "\n{" : ",\n{")
            body(item, &out)
            out.byte(UInt8(ascii: "}"))
        }
        out.raw(items.isEmpty ? "]" : "\n]")
    }
}
