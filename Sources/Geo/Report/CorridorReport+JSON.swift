/// The corridor report as JSON, written directly: the same keys and values
/// as its `Codable` form (snake_case, sorted, absent optionals left out), one
/// array entry per line, as bytes. A corridor across 100,000 small cells
/// links a quarter of a million pairs, which the encoder takes a second for.
extension CorridorReport {
    public func jsonChunks() -> [[UInt8]] {
        var out = JSONByteWriter(capacity: 256 + links.count * 120 + territories.count * 160 + borderChanges.count * 140 + places.count * 80)
        out.raw("{\"area_km2\":")
        out.number(areaKm2)
        out.raw(",\"border_changes\":[")
        lines(borderChanges, &out) { c, o in
            Self.pair(c.a, c.aName, c.b, c.bName, &o)
            o.raw(",\"length_after_km\":")
            o.number(c.lengthAfterKm)
            o.raw(",\"length_before_km\":")
            o.number(c.lengthBeforeKm)
            o.raw(",\"severed\":")
            o.raw(c.severed ? "true" : "false")
        }
        out.raw(",\"id\":")
        out.string(id)
        out.raw(",\"level\":")
        out.string(level)
        out.raw(",\"links\":[")
        lines(links, &out) { l, o in
            Self.pair(l.a, l.aName, l.b, l.bName, &o)
            if let km = l.routeKm {
                o.raw(",\"route_km\":")
                o.number(km, decimals: 3)
            }
        }
        out.raw(",\"name\":")
        out.string(name)
        out.raw(",\"places\":[")
        lines(places, &out) { p, o in
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
        out.raw(",\"territories\":[")
        lines(territories, &out) { t, o in
            o.raw("\"area_inside_km2\":")
            o.number(t.areaInsideKm2)
            o.raw(",\"area_percent\":")
            o.number(t.areaPercent)
            o.raw(",\"id\":")
            o.string(t.id)
            o.raw(",\"name\":")
            o.string(t.name)
            o.raw(",\"pieces_km2\":[")
            for (k, v) in t.piecesKm2.enumerated() {
                if k > 0 { o.byte(UInt8(ascii: ",")) }
                o.number(v)
            }
            o.raw("],\"route_length_inside_km\":")
            o.number(t.routeLengthInsideKm)
            o.raw(",\"split\":")
            o.raw(t.split ? "true" : "false")
        }
        out.raw(",\"width_m\":")
        out.number(widthM)
        out.raw("}\n")
        return [out.bytes]
    }

    /// `[` already written: one object per line, then `]`.
    private func lines<T>(_ items: [T], _ out: inout JSONByteWriter, _ body: (T, inout JSONByteWriter) -> Void) {
        for (i, item) in items.enumerated() {
            out.raw(i == 0 ? "\n{" : ",\n{")
            body(item, &out)
            out.byte(UInt8(ascii: "}"))
        }
        out.raw(items.isEmpty ? "]" : "\n]")
    }

    private static func pair(_ a: String, _ aName: String, _ b: String, _ bName: String, _ out: inout JSONByteWriter) {
        out.raw("\"a\":")
        out.string(a)
        out.raw(",\"a_name\":")
        out.string(aName)
        out.raw(",\"b\":")
        out.string(b)
        out.raw(",\"b_name\":")
        out.string(bName)
    }
}
