/// A map to publish: styled features (territories, borders, corridor, cut
/// pieces, places) in drawing order, the view, a title and the attribution.
/// The GeoJSON export and the SVG picture are both drawn from it, so they
/// always show the same thing.
public struct MapDocument: Sendable {
    public var title: String
    public var subtitle: String
    public var features: [Feature]
    /// The area to show.
    public var view: BoundingBox
    public var attribution: String
    /// Legend entries: label, colour, kind ("fill", "line", "dash", "point").
    public var legend: [LegendEntry]
}

public struct LegendEntry: Sendable, Hashable {
    public var label: String
    public var color: String
    public var kind: String
}

/// What to put on the map.
public struct MapOptions: Sendable {
    public var level: TerritoryLevel = .province
    /// A territory or place to centre the view on.
    public var focus: String?
    public var corridor: CorridorSpec?
    public init(level: TerritoryLevel = .province, focus: String? = nil, corridor: CorridorSpec? = nil) {
        self.level = level
        self.focus = focus
        self.corridor = corridor
    }
}

public enum MapBuilder {
    /// Fill colours by country (colour-blind-safe Tableau 10 hues).
    static let countryColors: [String: String] = [
        "AM": "#f28e2b", "AZ": "#4e79a7", "GE": "#59a14f", "IR": "#76b7b2", "TR": "#edc948",
    ]
    static let otherColors = ["#af7aa1", "#ff9da7", "#9c755f", "#bab0ac", "#8cd17d", "#b6992d", "#499894", "#86bcb6"]
    static let corridorColor = "#b10026"
    static let cutColor = "#ffd400"

    static func color(for t: Territory) -> String {
        let key = t.countryCode ?? t.id
        if let c = countryColors[key] { return c }
        let h = key.unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) & 0xFFFF }
        return otherColors[h % otherColors.count]
    }

    public static let attribution =
        "Boundaries © OpenStreetMap contributors (ODbL 1.0) · coasts: GSHHG (LGPL) · provinces: Natural Earth · places: GeoNames (CC BY 4.0)"

    public static func build(atlas: Atlas, options: MapOptions) throws(GeoError) -> MapDocument {
        let layer = atlas.isLayered
            ? atlas.territories(level: options.level, splitExclaves: true) : atlas.territories
        var report: CorridorReport?
        if let spec = options.corridor {
            report = try CorridorAnalysis.analyze(spec, atlas: atlas)
        }
        // The view: the focus, else the corridor, else everything.
        var view: BoundingBox?
        var title = "Borders"
        if let focus = options.focus {
            if let t = try? atlas.territory(named: focus) {
                view = t.geometry.boundingBox
                title = t.name
            } else {
                let p = try atlas.place(named: focus)
                view = BoundingBox(covering: [p.coordinate])
                title = p.name
            }
        }
        if let report {
            let box = report.corridor.boundingBox
            view = view.map { v in box.map { v.union($0) } ?? v } ?? box
            title = options.focus == nil ? report.name : "\(title): \(report.name)"
        }
        if view == nil {
            // The shipped data holds whole neighbours (Iran, Turkey): its
            // default view is the South Caucasus, not all of them.
            let region = atlas.isLayered
                ? atlas.territories(level: .country).filter { $0.countryCode.map(Atlas.defaultMapCountries.contains) ?? false } : []
            view = (region.isEmpty ? layer : region).compactMap(\.geometry.boundingBox)
                .reduce(nil) { (a: BoundingBox?, b) in a.map { $0.union(b) } ?? b }
        }
        guard var box = view else { throw GeoError(.analysis, "nothing to map") }
        box = padded(box, fraction: options.focus == nil && report == nil ? 0.02 : 0.25, minimumMeters: 15_000)

        var features: [Feature] = []
        let shown = layer.filter { $0.geometry.boundingBox.map(box.intersects) ?? false }
        let ctx = try GEOSContext()
        // What is drawn is cut a little beyond the view (a whole Iran is not
        // drawn for its corner); figures stay those of the whole territory.
        let drawn = padded(box, fraction: 0.05, minimumMeters: 0)
        func cut(_ g: Geometry) throws(GeoError) -> Geometry {
            guard let b = g.boundingBox, !(drawn.west <= b.west && b.east <= drawn.east && drawn.south <= b.south && b.north <= drawn.north)
            else { return g }
            return try ctx.value(of: ctx.make(g).clipped(to: drawn))
        }
        for t in shown {
            let parent = t.parentID.flatMap { atlas.territory(id: $0)?.name }
            var description = "\(t.name) (\(t.id))"
            if let parent { description += ", part of \(parent)" }
            description += ", \(NumberFormatting.fixed(t.areaKm2, 1)) km²"
            if t.isClipped { description += " (clipped to the region)" }
            let g = try cut(t.geometry)
            if g.polygons.isEmpty { continue }
            let label = try ctx.value(of: ctx.make(g).pointOnSurface()).points.first
            var props: [String: JSONValue] = [
                "layer": "territory", "id": .string(t.id), "title": .string(t.name), "description": .string(description),
                "fill": .string(color(for: t)), "fill-opacity": 0.55, "stroke": "#ffffff", "stroke-width": 0.5,
                "stroke-opacity": 0.8, "area_km2": .number(NumberFormatting.rounded(t.areaKm2, decimals: 3)),
            ]
            if let c = t.countryCode { props["country"] = .string(c) }
            if let label {
                // Two scalars, not an array: GIS formats (Shapefile, FlatGeobuf) take scalar fields only.
                props["label_lon"] = .number(NumberFormatting.rounded(label.longitude, decimals: 6))
                props["label_lat"] = .number(NumberFormatting.rounded(label.latitude, decimals: 6))
            }
            features.append(Feature(id: .string("territory:\(t.id)"), geometry: g.polygons.count == 1 ? .polygon(g.polygons[0]) : .multiPolygon(g.polygons), properties: props))
        }
        // Borders between the territories shown, international ones heavier.
        let graph = try AdjacencyEngine(options: .init(mode: .rook)).graph(of: shown)
        for b in graph.borders where !b.lines.isEmpty {
            let lines = try cut(b.lines.count == 1 ? .lineString(b.lines[0]) : .multiLineString(b.lines)).lineStrings
            if lines.isEmpty { continue }
            let ta = graph.territory(b.a), tb = graph.territory(b.b)
            let international = ta?.countryCode != tb?.countryCode || ta?.parentID != tb?.parentID && options.level == .country
            let names = "\(ta?.name ?? b.a) – \(tb?.name ?? b.b)"
            features.append(
                Feature(
                    id: .string("border:\(b.a)|\(b.b)"), geometry: lines.count == 1 ? .lineString(lines[0]) : .multiLineString(lines),
                    properties: [
                        "layer": .string(international ? "international-border" : "border"), "a": .string(b.a), "b": .string(b.b),
                        "title": .string(names), "description": .string("\(names): \(NumberFormatting.fixed(b.lengthKm, 2)) km"),
                        "length_km": .number(NumberFormatting.rounded(b.lengthKm, decimals: 3)),
                        "stroke": .string(international ? "#222222" : "#666666"), "stroke-width": .number(international ? 2 : 0.8),
                        "stroke-opacity": 1,
                    ]))
        }
        var legend: [LegendEntry] = []
        var seenCountries = Set<String>()
        for t in shown {
            let key = t.countryCode ?? t.id
            guard seenCountries.insert(key).inserted else { continue }
            let country = atlas.territories(level: .country).first { $0.countryCode == key }
            let name = (country?.name ?? key) + (country?.isClipped == true ? " (in part)" : "")
            legend.append(LegendEntry(label: name, color: color(for: t), kind: "fill"))
        }
        legend.sort { $0.label < $1.label }
        legend.append(LegendEntry(label: "international border", color: "#222222", kind: "line"))
        if options.level == .province { legend.append(LegendEntry(label: "province border", color: "#666666", kind: "thin")) }

        var subtitle = "\(options.level == .province ? "Provinces" : "Countries"); lengths geodesic on WGS84"
        if let report {
            subtitle = "\(report.name), \(NumberFormatting.fixed(report.widthM, 0)) m wide: " + VerdictWording.headline(report)
            // Pieces the corridor cuts off, at the coarsest level, with what they hold.
            let level = report.levels.first
            for t in level?.territories ?? [] {
                let shapes = level?.pieceGeometries[t.id] ?? []
                for (k, piece) in t.pieces.enumerated() where piece.role == .cutOff || piece.role == .sliver {
                    guard k < shapes.count else { continue }
                    let holds = piece.borders.map { b in
                        "the \(NumberFormatting.fixed(b.lengthKm, 2)) km border with \(atlas.territory(id: b.neighbor)?.name ?? b.neighbor)"
                    }
                    let what = "Cut off from \(t.name): \(NumberFormatting.fixed(piece.areaKm2, 2)) km²"
                        + (holds.isEmpty ? "" : ", holds " + holds.joined(separator: " and "))
                    var props: [String: JSONValue] = [
                        "layer": "cut-off", "territory": .string(t.id), "title": .string("Cut off from \(t.name)"),
                        "description": .string(what), "role": .string(piece.role.rawValue),
                        "area_km2": .number(piece.areaKm2), "fill": .string(cutColor), "fill-opacity": 0.9,
                        "stroke": "#000000", "stroke-width": 0.5,
                    ]
                    if piece.role == .cutOff {
                        // Two short lines: what it is, and the longest border it holds.
                        props["label"] = .string("Cut off from \(t.name): \(NumberFormatting.fixed(piece.areaKm2, 2)) km²")
                        // The border whose loss to the main body is a verdict, else the longest.
                        let lost = Set(report.verdicts.filter { $0.level == level?.level && $0.kind == .cutOff && $0.territory == t.id }.compactMap(\.neighbor))
                        let held = piece.borders.filter { lost.contains($0.neighbor) }
                        if let b = (held.isEmpty ? piece.borders : held).max(by: { $0.lengthKm < $1.lengthKm }) {
                            props["label_line2"] = .string(
                                "holds the \(NumberFormatting.fixed(b.lengthKm, 2)) km border with \(atlas.territory(id: b.neighbor)?.name ?? b.neighbor)")
                        }
                    }
                    if piece.role == .cutOff, let lp = try ctx.value(of: ctx.make(shapes[k]).pointOnSurface()).points.first {
                        props["label_lon"] = .number(NumberFormatting.rounded(lp.longitude, decimals: 6))
                        props["label_lat"] = .number(NumberFormatting.rounded(lp.latitude, decimals: 6))
                    }
                    features.append(Feature(id: .string("cut:\(t.id):\(k)"), geometry: shapes[k], properties: props))
                }
            }
            features.append(
                Feature(
                    id: .string("corridor:\(report.id)"), geometry: report.corridor,
                    properties: [
                        "layer": "corridor", "title": .string(report.name),
                        "description": .string("\(NumberFormatting.fixed(report.widthM, 0)) m wide, \(NumberFormatting.fixed(report.areaKm2, 2)) km²"),
                        "width_m": .number(report.widthM), "area_km2": .number(report.areaKm2),
                        "fill": .string(corridorColor), "fill-opacity": 0.5, "stroke": .string(corridorColor), "stroke-width": 1,
                    ]))
            if let route = options.corridor?.route {
                features.append(
                    Feature(
                        id: .string("route:\(report.id)"), geometry: .lineString(route),
                        properties: [
                            "layer": "route", "title": .string("\(report.name): route"),
                            "description": .string("\(NumberFormatting.fixed(report.routeLengthKm ?? 0, 2)) km"),
                            "stroke": "#000000", "stroke-width": 1.5, "stroke-opacity": 1,
                        ]))
            }
            legend.append(LegendEntry(label: "corridor (\(NumberFormatting.fixed(report.widthM, 0)) m)", color: corridorColor, kind: "fill"))
            legend.append(LegendEntry(label: "route", color: "#000000", kind: "dash"))
            if features.contains(where: { $0.properties["layer"] == "cut-off" }) {
                legend.append(LegendEntry(label: "cut off by the corridor", color: cutColor, kind: "fill"))
            }
        }
        // Places: those the data marks as featured, when it marks any (the shipped
        // places hold every capital; the story maps label the featured ones).
        let marked = atlas.places.contains { $0.properties["featured"]?.boolValue == true }
        for p in atlas.places where box.intersects(BoundingBox(covering: [p.coordinate])!) {
            if marked && p.properties["featured"]?.boolValue != true { continue }
            let capitalOf = p.capitalOf
            let capital = !capitalOf.isEmpty
            let consulate = p.note?.localizedCaseInsensitiveContains("consulate") ?? false
            var description = p.name
            let of = capitalOf.compactMap { atlas.territory(id: $0)?.name }
            if !of.isEmpty { description += ", capital of \(of.joined(separator: " and "))" }
            if let note = p.note { description += ". \(note)" }
            features.append(
                Feature(
                    id: .string("place:\(p.id)"), geometry: .point(p.coordinate),
                    properties: [
                        "layer": "place", "title": .string(consulate ? "\(p.name) (consulate)" : p.name), "description": .string(description),
                        "marker-color": .string(capital ? "#7a0177" : "#333333"), "marker-size": .string(capital ? "medium" : "small"),
                        "marker-symbol": .string(consulate ? "embassy" : (capital ? "town-hall" : "circle")),
                    ]))
        }
        if features.contains(where: { $0.properties["layer"] == "place" }) {
            legend.append(LegendEntry(label: "town", color: "#333333", kind: "point"))
            legend.append(LegendEntry(label: "capital", color: "#7a0177", kind: "point"))
        }
        return MapDocument(title: title, subtitle: subtitle, features: features, view: box,
            attribution: atlas.isLayered
                ? attribution : "Data: " + atlas.sources.map { $0 == "-" ? "standard input" : ($0.split(separator: "/").last.map(String.init) ?? $0) }.joined(separator: ", "),
            legend: legend)
    }

    /// The box grown by a fraction of its size on each side, and by at least `minimumMeters`.
    static func padded(_ b: BoundingBox, fraction: Double, minimumMeters: Double) -> BoundingBox {
        let lat = (b.south + b.north) / 2
        let minLat = minimumMeters / 111_000
        let minLon = minimumMeters / (111_000 * max(cos(lat * .pi / 180), 0.01))
        let dx = max((b.east - b.west) * fraction, minLon), dy = max((b.north - b.south) * fraction, minLat)
        return BoundingBox(
            west: max(b.west - dx, -180), south: max(b.south - dy, -90), east: min(b.east + dx, 180), north: min(b.north + dy, 90))
    }
}

import Foundation

extension String {
    func ifEmpty(_ other: String) -> String { isEmpty ? other : self }
}
