/// A map to publish: styled features (territories, rivers, borders, the
/// corridor at one or several widths, cut pieces, places) in drawing order,
/// the view, labels, a locator, a title and the attribution. The GeoJSON
/// export, the SVG/PNG/PDF pictures and the HTML page are all drawn from it,
/// so they always show the same thing.
public struct MapDocument: Sendable {
    public var title: String
    public var subtitle: String
    /// Drawn first: territories, rivers, borders.
    public var base: [Feature]
    /// The corridor at each width asked for (one for a picture).
    public var variants: [MapVariant]
    /// The variant shown first (the corridor's own width, when among them).
    public var initialVariant: Int = 0
    /// Drawn last: places.
    public var overlay: [Feature]
    /// Names of the countries in view (at province level), with their label points.
    public var countryLabels: [MapLabel]
    /// The wider region, for a locator inset: outlines and the region's box.
    public var locator: MapLocator?
    /// The area to show.
    public var view: BoundingBox
    public var attribution: String
    /// Legend entries: label, colour, kind ("fill", "line", "dash", "point").
    public var legend: [LegendEntry]

    /// Everything drawn at the initial width, in drawing order (the GeoJSON export).
    public var features: [Feature] { base + (variants.indices.contains(initialVariant) ? variants[initialVariant].features : []) + overlay }
}

/// The corridor at one width: its features and what it does.
public struct MapVariant: Sendable {
    public var widthMeters: Double
    public var features: [Feature]
    /// The verdict sentences at the coarsest level, for the page beside the map.
    public var verdicts: [String]
    /// One line for a subtitle.
    public var headline: String
}

public struct MapLabel: Sendable, Hashable {
    public var text: String
    public var at: Coordinate
}

public struct MapLocator: Sendable {
    public var region: BoundingBox
    public var outlines: [Geometry]
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
    /// Widths to draw the corridor at (empty: the corridor's own).
    public var widthsMeters: [Double] = []
    public var title: String?
    public var subtitle: String?
    /// Progress of long work (large layers).
    public var progress: ProgressHandler?
    public init(level: TerritoryLevel = .province, focus: String? = nil, corridor: CorridorSpec? = nil) {
        self.level = level
        self.focus = focus
        self.corridor = corridor
    }
}

public enum MapBuilder {
    /// Fill colours by country: Okabe–Ito hues, assigned (by a search over
    /// the palette) so that neighbours, the corridor and the pieces it cuts
    /// off stay apart for readers with protanopia, deuteranopia or
    /// tritanopia as for others: at least 15 ΔE (CIE 1976) between any two
    /// that touch, at the opacity drawn (checked in MapPaletteTests).
    static let countryColors: [String: String] = [
        "AM": "#D55E00", "AZ": "#0072B2", "GE": "#56B4E9", "IR": "#CC79A7", "TR": "#F0E442", "RU": "#BBBBBB",
    ]
    /// The same palette for the user's own polygons, assigned by colouring
    /// the adjacency graph so that no two neighbours share a colour.
    public static let palette = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#BBBBBB"]
    static let territoryOpacity = 0.7
    static let corridorColor = "#b10026"
    static let cutColor = "#ffd400"
    static let riverColor = "#3a7bbf"

    static func color(for t: Territory) -> String {
        let key = t.countryCode ?? t.id
        if let c = countryColors[key] { return c }
        let h = key.unicodeScalars.reduce(0) { ($0 &* 31 &+ Int($1.value)) & 0xFFFF }
        return palette[h % palette.count]
    }

    /// A colour index per territory such that adjacent ones differ: greedy
    /// colouring, most-connected first (Welsh–Powell); ties by id, so the
    /// result is deterministic. Beyond the palette's size colours repeat
    /// only between territories that do not touch.
    public static func graphColoring(_ graph: AdjacencyGraph) -> [String: Int] {
        var neighbours: [String: Set<String>] = [:]
        for b in graph.borders {
            neighbours[b.a, default: []].insert(b.b)
            neighbours[b.b, default: []].insert(b.a)
        }
        let order = graph.territories.map(\.id).sorted { a, b in
            let da = neighbours[a]?.count ?? 0, db = neighbours[b]?.count ?? 0
            return da != db ? da > db : a < b
        }
        var color: [String: Int] = [:]
        for id in order {
            let used = Set((neighbours[id] ?? []).compactMap { color[$0] })
            var c = 0
            while used.contains(c) { c += 1 }
            color[id] = c
        }
        return color
    }

    public static let attribution =
        "Boundaries © OpenStreetMap contributors (ODbL 1.0) · coasts and rivers: GSHHG/WDBII (LGPL) · provinces: Natural Earth · places: GeoNames (CC BY 4.0)"

    public static func build(atlas: Atlas, options: MapOptions) throws(GeoError) -> MapDocument {
        let layered = atlas.isLayered
        let layer = layered
            ? atlas.territories(level: options.level, splitExclaves: true) : atlas.territories
        // The corridor at each width (the first one is the picture's).
        var reports: [CorridorReport] = []
        if let spec = options.corridor {
            if let route = spec.route, spec.polygon == nil, try AntimeridianFrame.route(route) != nil {
                throw GeoError(.invalidArgument, "a map of a corridor across 180° is not drawn yet; corridor --format geojson writes its geometries, split at 180° (RFC 7946)")
            }
            let widths = options.widthsMeters.isEmpty ? [spec.widthMeters] : options.widthsMeters
            if spec.polygon == nil {
                // One study for all widths: what does not depend on the width is made once.
                reports = try CorridorAnalysis.sweep(spec, widthsMeters: widths, atlas: atlas)
            } else {
                reports.append(try CorridorAnalysis.analyze(spec, atlas: atlas))
            }
        }
        let initial = reports.firstIndex { $0.widthM == options.corridor?.widthMeters } ?? 0
        let report = reports.indices.contains(initial) ? reports[initial] : nil
        // The view: the focus, else the corridor (at its widest), else everything.
        var view: BoundingBox?
        var title = layered ? "Borders" : "Borders of " + userDataName(atlas)
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
            let box = reports.compactMap { $0.corridor.boundingBox }.reduce(nil) { (a: BoundingBox?, b) in a.map { $0.union(b) } ?? b }
            view = view.map { v in box.map { v.union($0) } ?? v } ?? box
            title = options.focus == nil ? report.name : "\(title): \(report.name)"
        }
        if view == nil {
            // The shipped data holds whole neighbours (Iran, Turkey): its
            // default view is the South Caucasus, not all of them.
            let region = layered
                ? atlas.territories(level: .country).filter { $0.countryCode.map(Atlas.defaultMapCountries.contains) ?? false } : []
            view = (region.isEmpty ? layer : region).compactMap(\.geometry.boundingBox)
                .reduce(nil) { (a: BoundingBox?, b) in a.map { $0.union(b) } ?? b }
        }
        guard var box = view else { throw GeoError(.analysis, "nothing to map") }
        box = padded(box, fraction: options.focus == nil && report == nil ? 0.02 : 0.25, minimumMeters: 15_000)

        var base: [Feature] = []
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
        // Queen contacts too: territories meeting at a point get different colours.
        let graph = try AdjacencyEngine(options: .init(mode: .queen, progress: options.progress)).graph(of: shown)
        let coloring = layered ? [:] : graphColoring(graph)
        let countries = layered ? atlas.territories(level: .country) : []
        for (n, t) in shown.enumerated() {
            if n % 1000 == 0 { options.progress?("map", n, shown.count) }
            let parent = t.parentID.flatMap { atlas.territory(id: $0)?.name }
            let countryName = t.level == .province ? countries.first { $0.countryCode == t.countryCode && $0.parentID == nil }?.name : nil
            var description = "\(t.name) (\(t.id))"
            if let parent { description += ", part of \(parent)" } else if let countryName { description += ", \(countryName)" }
            description += ", \(VerdictWording.grouped(t.areaKm2, decimals: 1)) km²"
            if t.isClipped { description += " (clipped to the region)" }
            let g = try cut(t.geometry)
            if g.polygons.isEmpty { continue }
            let label = try ctx.value(of: ctx.make(g).pointOnSurface()).points.first
            let fill = coloring[t.id].map { palette[$0 % palette.count] } ?? color(for: t)
            var props: [String: JSONValue] = [
                "layer": "territory", "id": .string(t.id), "title": .string(t.name), "description": .string(description),
                "fill": .string(fill), "fill-opacity": .number(territoryOpacity), "stroke": "#ffffff", "stroke-width": 0.5,
                "stroke-opacity": 0.8, "area_km2": .number(NumberFormatting.rounded(t.areaKm2, decimals: 3)),
            ]
            if let c = t.countryCode { props["country"] = .string(c) }
            if let label {
                // Two scalars, not an array: GIS formats (Shapefile, FlatGeobuf) take scalar fields only.
                props["label_lon"] = .number(NumberFormatting.rounded(label.longitude, decimals: 6))
                props["label_lat"] = .number(NumberFormatting.rounded(label.latitude, decimals: 6))
            }
            base.append(Feature(id: .string("territory:\(t.id)"), geometry: g.polygons.count == 1 ? .polygon(g.polygons[0]) : .multiPolygon(g.polygons), properties: props))
        }
        options.progress?("map", shown.count, shown.count)
        // Rivers (the shipped data's), under the borders they often make.
        for r in atlas.rivers where r.geometry.boundingBox.map(box.intersects) ?? false {
            let lines = try cut(r.geometry).lineStrings
            if lines.isEmpty { continue }
            var props: [String: JSONValue] = [
                "layer": "river", "title": .string(r.name ?? "river"), "description": .string(r.name.map { "\($0) (river)" } ?? "river"),
                "stroke": .string(riverColor), "stroke-width": .number(r.major ? 1.4 : 0.8), "stroke-opacity": 0.9,
            ]
            if let n = r.name { props["name"] = .string(n) }
            base.append(Feature(id: .string("river:\(r.id)"), geometry: lines.count == 1 ? .lineString(lines[0]) : .multiLineString(lines), properties: props))
        }
        // Borders between the territories shown, international ones heavier.
        for b in graph.borders where !b.lines.isEmpty {
            let lines = try cut(b.lines.count == 1 ? .lineString(b.lines[0]) : .multiLineString(b.lines)).lineStrings
            if lines.isEmpty { continue }
            let ta = graph.territory(b.a), tb = graph.territory(b.b)
            let international = layered
                && (ta?.countryCode != tb?.countryCode || ta?.parentID != tb?.parentID && options.level == .country)
            let names = "\(ta?.name ?? b.a) – \(tb?.name ?? b.b)"
            base.append(
                Feature(
                    id: .string("border:\(b.a)|\(b.b)"), geometry: lines.count == 1 ? .lineString(lines[0]) : .multiLineString(lines),
                    properties: [
                        "layer": .string(international ? "international-border" : "border"), "a": .string(b.a), "b": .string(b.b),
                        "title": .string(names), "description": .string("\(names): \(NumberFormatting.fixed(b.lengthKm, 2)) km of shared border"),
                        "length_km": .number(NumberFormatting.rounded(b.lengthKm, decimals: 3)),
                        "stroke": .string(international ? "#222222" : "#666666"), "stroke-width": .number(international ? 2 : 0.8),
                        "stroke-opacity": 1,
                    ]))
        }
        var legend: [LegendEntry] = []
        if layered {
            var seenCountries = Set<String>()
            for t in shown {
                let key = t.countryCode ?? t.id
                guard seenCountries.insert(key).inserted else { continue }
                let country = countries.first { $0.countryCode == key }
                let name = (country?.name ?? key) + (country?.isClipped == true ? " (in part)" : "")
                legend.append(LegendEntry(label: name, color: color(for: t), kind: "fill"))
            }
            legend.sort { $0.label < $1.label }
            legend.append(LegendEntry(label: "international border", color: "#222222", kind: "line"))
            if options.level == .province { legend.append(LegendEntry(label: "province border", color: "#666666", kind: "thin")) }
        } else {
            // The user's polygons: coloured apart, not by country; the borders between them.
            legend.append(LegendEntry(label: "\(shown.count) polygon\(shown.count == 1 ? "" : "s") of \(userDataName(atlas))", color: palette[0], kind: "fill"))
            legend.append(LegendEntry(label: "shared border", color: "#666666", kind: "thin"))
        }
        if base.contains(where: { $0.properties["layer"] == "river" }) {
            legend.append(LegendEntry(label: "river", color: riverColor, kind: "river"))
        }

        var subtitle = layered
            ? "\(options.level == .province ? "Provinces" : "Countries"); lengths geodesic on WGS84"
            : "\(shown.count) polygons; lengths geodesic on WGS84"
        var variants: [MapVariant] = []
        for r in reports {
            variants.append(try variant(r, spec: options.corridor, atlas: atlas, ctx: ctx))
        }
        if let report, variants.indices.contains(initial) {
            let first = variants[initial]
            subtitle = "\(report.name), \(NumberFormatting.fixed(report.widthM, 0)) m wide: " + first.headline
            legend.append(LegendEntry(label: "corridor (\(variants.count > 1 ? "chosen width" : NumberFormatting.fixed(report.widthM, 0) + " m"))", color: corridorColor, kind: "fill"))
            if options.corridor?.route != nil { legend.append(LegendEntry(label: "route", color: "#000000", kind: "dash")) }
            if variants.contains(where: { v in v.features.contains { $0.properties["layer"] == "cut-off" } }) {
                legend.append(LegendEntry(label: "cut off by the corridor", color: cutColor, kind: "fill"))
            }
        }
        // Places: those the data marks as featured, when it marks any (the shipped
        // places hold every capital; the story maps label the featured ones).
        var overlay: [Feature] = []
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
            overlay.append(
                Feature(
                    id: .string("place:\(p.id)"), geometry: .point(p.coordinate),
                    properties: [
                        "layer": "place", "title": .string(consulate ? "\(p.name) (consulate)" : p.name), "description": .string(description),
                        "marker-color": .string(capital ? "#7a0177" : "#333333"), "marker-size": .string(capital ? "medium" : "small"),
                        "marker-symbol": .string(consulate ? "embassy" : (capital ? "town-hall" : "circle")),
                    ]))
        }
        if !overlay.isEmpty {
            legend.append(LegendEntry(label: "town", color: "#333333", kind: "point"))
            legend.append(LegendEntry(label: "capital", color: "#7a0177", kind: "point"))
        }
        // Country names at province level (at country level the territories are the countries).
        var countryLabels: [MapLabel] = []
        if layered && options.level == .province {
            for c in countries where c.parentID == nil && (c.geometry.boundingBox.map(box.intersects) ?? false) {
                guard shown.contains(where: { $0.countryCode == c.countryCode }) else { continue }
                let inView = try ctx.value(of: ctx.make(c.geometry).clipped(to: box))
                // The largest part in view holds the name.
                guard let largest = inView.polygons.max(by: { Geodesic.areaSquareMeters(.polygon($0)) < Geodesic.areaSquareMeters(.polygon($1)) }),
                    let at = try ctx.value(of: ctx.make(.polygon(largest)).pointOnSurface()).points.first
                else { continue }
                countryLabels.append(MapLabel(text: c.name, at: at))
            }
        }
        // The locator: the shipped countries (the wider region), or nothing for user data.
        var locator: MapLocator?
        if layered {
            let outlines = countries.filter { $0.parentID == nil }.map(\.geometry)
            if let region = outlines.compactMap(\.boundingBox).reduce(nil, { (a: BoundingBox?, b) in a.map { $0.union(b) } ?? b }) {
                locator = MapLocator(region: region, outlines: outlines)
            }
        }
        var document = MapDocument(
            title: options.title ?? title, subtitle: options.subtitle ?? subtitle, base: base, variants: variants, overlay: overlay,
            countryLabels: countryLabels, locator: locator, view: box,
            attribution: layered ? attribution : userAttribution(atlas), legend: legend)
        document.initialVariant = initial
        return document
    }

    /// The corridor's features at one width: the pieces it cuts off (with what they hold), the corridor, its route.
    static func variant(_ report: CorridorReport, spec: CorridorSpec?, atlas: Atlas, ctx: GEOSContext) throws(GeoError) -> MapVariant {
        var features: [Feature] = []
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
                    if let lp = try ctx.value(of: ctx.make(shapes[k]).pointOnSurface()).points.first {
                        props["label_lon"] = .number(NumberFormatting.rounded(lp.longitude, decimals: 6))
                        props["label_lat"] = .number(NumberFormatting.rounded(lp.latitude, decimals: 6))
                    }
                }
                features.append(Feature(id: .string("cut:\(t.id):\(k)"), geometry: shapes[k], properties: props))
            }
        }
        // What the corridor takes, largest first.
        let taken = (level?.territories ?? []).filter { $0.areaInsideKm2 > 0 }.sorted { $0.areaInsideKm2 > $1.areaInsideKm2 }
        let takes = taken.prefix(4).map { "\(NumberFormatting.fixed($0.areaInsideKm2, 2)) km² of \($0.name)" }.joined(separator: ", ")
            + (taken.count > 4 ? ", …" : "")
        features.append(
            Feature(
                id: .string("corridor:\(report.id)"), geometry: report.corridor,
                properties: [
                    "layer": "corridor", "title": .string(report.name),
                    "description": .string(
                        "\(report.name): \(NumberFormatting.fixed(report.widthM, 0)) m wide, \(NumberFormatting.fixed(report.areaKm2, 2)) km²"
                            + (takes.isEmpty ? "" : "; takes \(takes)")),
                    "width_m": .number(report.widthM), "area_km2": .number(report.areaKm2),
                    "fill": .string(corridorColor), "fill-opacity": 0.8, "stroke": .string(corridorColor), "stroke-width": 1,
                ]))
        if let route = spec?.route {
            features.append(
                Feature(
                    id: .string("route:\(report.id)"), geometry: .lineString(route),
                    properties: [
                        "layer": "route", "title": .string("\(report.name): route"),
                        "description": .string("\(report.name), route: \(NumberFormatting.fixed(report.routeLengthKm ?? 0, 2)) km"),
                        "stroke": "#000000", "stroke-width": 1.5, "stroke-opacity": 1,
                    ]))
        }
        let coarsest = report.levels.first?.level
        let verdicts = report.verdicts.filter { $0.level == coarsest }.map(\.sentence)
        return MapVariant(widthMeters: report.widthM, features: features, verdicts: verdicts, headline: VerdictWording.headline(report))
    }

    /// The user's files by name ("standard input" for -).
    static func userDataName(_ atlas: Atlas) -> String {
        atlas.sources.map { $0 == "-" ? "standard input" : ($0.split(separator: "/").last.map(String.init) ?? $0) }.joined(separator: ", ")
    }

    /// The user's data credited: each file's own attribution or licence where it states one, else its name.
    static func userAttribution(_ atlas: Atlas) -> String {
        "Data: " + userDataName(atlas) + (atlas.credits.isEmpty ? "" : " (" + atlas.credits.joined(separator: "; ") + ")")
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
