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
        case schemaVersion, id, name, widthM, routeLengthKm, areaKm2, model, minPieceKm2, clip, verdicts, levels, places
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(Self.schemaVersion, forKey: .schemaVersion)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(widthM, forKey: .widthM)
        try c.encodeIfPresent(routeLengthKm, forKey: .routeLengthKm)
        try c.encode(areaKm2, forKey: .areaKm2)
        try c.encode(model, forKey: .model)
        try c.encode(minPieceKm2, forKey: .minPieceKm2)
        try c.encode(clip, forKey: .clip)
        try c.encode(verdicts, forKey: .verdicts)
        try c.encode(levels, forKey: .levels)
        try c.encode(places, forKey: .places)
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
        out.raw(",\"clip\":{\"buffer_km2\":")
        out.number(clip.bufferKm2)
        out.raw(",\"clipped_from\":[")
        Self.lines(clip.clippedFrom, &out) { a, o in
            o.raw("\"area_km2\":")
            o.number(a.areaKm2)
            o.raw(",\"name\":")
            o.string(a.name)
            o.raw(",\"territory\":")
            o.string(a.territory)
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
                o.raw("\"a\":")
                o.string(l.a)
                o.raw(",\"a_name\":")
                o.string(l.aName)
                o.raw(",\"b\":")
                o.string(l.b)
                o.raw(",\"b_name\":")
                o.string(l.bName)
                if let km = l.routeKm {
                    o.raw(",\"route_km\":")
                    o.number(km, decimals: 3)
                }
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
            o.raw("\"distance_km\":")
            o.number(p.distanceKm)
            o.raw(",\"id\":")
            o.string(p.id)
            o.raw(",\"inside\":")
            o.raw(p.inside ? "true" : "false")
            o.raw(",\"name\":")
            o.string(p.name)
        }
        if let routeLengthKm {
            out.raw(",\"route_length_km\":")
            out.number(routeLengthKm)
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
        o.raw("\"a\":")
        o.string(b.a)
        if let c = b.aCountry {
            o.raw(",\"a_country\":")
            o.string(c)
        }
        o.raw(",\"a_cut_off_km\":")
        o.number(b.aCutOffKm)
        o.raw(",\"a_main_body_km\":")
        o.number(b.aMainBodyKm)
        o.raw(",\"a_name\":")
        o.string(b.aName)
        o.raw(",\"a_other_parts_km\":")
        o.number(b.aOtherPartsKm)
        o.raw(",\"b\":")
        o.string(b.b)
        if let c = b.bCountry {
            o.raw(",\"b_country\":")
            o.string(c)
        }
        o.raw(",\"b_cut_off_km\":")
        o.number(b.bCutOffKm)
        o.raw(",\"b_main_body_km\":")
        o.number(b.bMainBodyKm)
        o.raw(",\"b_name\":")
        o.string(b.bName)
        o.raw(",\"b_other_parts_km\":")
        o.number(b.bOtherPartsKm)
        o.raw(",\"length_after_km\":")
        o.number(b.lengthAfterKm)
        o.raw(",\"length_before_km\":")
        o.number(b.lengthBeforeKm)
        o.raw(",\"severed\":")
        o.raw(b.severed ? "true" : "false")
    }

    private static func territory(_ t: TerritoryImpact, _ o: inout JSONByteWriter) {
        o.raw("\"area_inside_km2\":")
        o.number(t.areaInsideKm2)
        o.raw(",\"area_km2\":")
        o.number(t.areaKm2)
        o.raw(",\"area_percent\":")
        o.number(t.areaPercent)
        if let c = t.capital {
            o.raw(",\"capital\":")
            o.string(c)
        }
        o.raw(",\"clipped\":")
        o.raw(t.clipped ? "true" : "false")
        if let c = t.country {
            o.raw(",\"country\":")
            o.string(c)
        }
        if let c = t.countryName {
            o.raw(",\"country_name\":")
            o.string(c)
        }
        o.raw(",\"id\":")
        o.string(t.id)
        o.raw(",\"main_body_by\":")
        o.string(t.mainBodyBy)
        o.raw(",\"name\":")
        o.string(t.name)
        o.raw(",\"pieces\":[")
        for (k, p) in t.pieces.enumerated() {
            o.raw(k == 0 ? "{\"area_km2\":" : ",{\"area_km2\":")
            o.number(p.areaKm2)
            o.raw(",\"borders\":[")
            for (j, b) in p.borders.enumerated() {
                o.raw(j == 0 ? "{\"length_km\":" : ",{\"length_km\":")
                o.number(b.lengthKm)
                o.raw(",\"neighbor\":")
                o.string(b.neighbor)
                o.byte(UInt8(ascii: "}"))
            }
            o.raw("],\"role\":")
            o.string(p.role.rawValue)
            o.byte(UInt8(ascii: "}"))
        }
        o.raw("],\"route_length_inside_km\":")
        o.number(t.routeLengthInsideKm)
        o.raw(",\"split\":")
        o.raw(t.split ? "true" : "false")
    }

    private static func verdict(_ v: CorridorVerdict, _ o: inout JSONByteWriter) {
        var first = true
        func key(_ k: StaticString, _ o: inout JSONByteWriter) {
            if !first { o.byte(UInt8(ascii: ",")) }
            first = false
            o.byte(UInt8(ascii: "\""))
            o.raw(k)
            o.raw("\":")
        }
        func number(_ k: StaticString, _ v: Double?, _ o: inout JSONByteWriter) {
            guard let v else { return }
            key(k, &o)
            o.number(v)
        }
        func integer(_ k: StaticString, _ v: Int?, _ o: inout JSONByteWriter) {
            guard let v else { return }
            key(k, &o)
            o.integer(v)
        }
        func string(_ k: StaticString, _ v: String?, _ o: inout JSONByteWriter) {
            guard let v else { return }
            key(k, &o)
            o.string(v)
        }
        number("border_before_km", v.borderBeforeKm, &o)
        number("border_cut_off_km", v.borderCutOffKm, &o)
        number("border_on_main_body_km", v.borderOnMainBodyKm, &o)
        number("critical_width_m", v.criticalWidthM, &o)
        string("critical_width_note", v.criticalWidthNote, &o)
        number("cut_off_km2", v.cutOffKm2, &o)
        integer("cut_off_pieces", v.cutOffPieces, &o)
        string("kind", v.kind.rawValue, &o)
        string("level", v.level, &o)
        number("main_body_km2", v.mainBodyKm2, &o)
        string("model", v.model.rawValue, &o)
        string("neighbor", v.neighbor, &o)
        string("neighbor_country", v.neighborCountry, &o)
        string("neighbor_name", v.neighborName, &o)
        number("route_km", v.routeKm, &o)
        string("sentence", v.sentence, &o)
        integer("sliver_pieces", v.sliverPieces, &o)
        string("territory", v.territory, &o)
        if let c = v.territoryClipped {
            key("territory_clipped", &o)
            o.raw(c ? "true" : "false")
        }
        string("territory_country", v.territoryCountry, &o)
        string("territory_name", v.territoryName, &o)
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
