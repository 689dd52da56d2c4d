import Foundation

/// Draws a `MapDocument` as SVG: a transverse Mercator projection centred on
/// the view (conformal, so shapes are true and north is up at the centre),
/// fills, rivers and borders, the corridor, places, labels that never
/// overlap (`LabelPlacement`, checked before anything is written), a legend,
/// a locator inset, a scale bar in km and the data attribution.
///
/// Interactive mode (for the HTML page) adds `data-id` and `data-info` to
/// every shape, draws every corridor width in its own group (the first
/// shown), and leaves the scale bar to the page, which redraws it on zoom.
public struct SVGRenderer: Sendable {
    /// Width of the map frame in pixels; the height follows the view.
    public var mapWidth: Double = 1000
    public var legendWidth: Double = 290
    public var margin: Double = 16
    public var interactive = false

    public init(mapWidth: Double = 1000, interactive: Bool = false) {
        self.mapWidth = mapWidth
        self.interactive = interactive
    }

    /// The SVG and what became of the labels.
    public struct Rendered: Sendable {
        public var svg: String
        public var labels: [LabelPlacement.Placed]
        /// Labels left out for lack of room, as their text would have read.
        public var droppedLabels: [String]
        /// Pixels per metre at the centre of the view.
        public var pixelsPerMeter: Double
        public var width: Double
        public var height: Double
        /// The box labels were placed in, and the box kept clear around each
        /// place's dot (by the place's id), in the picture's pixels.
        public var labelFrame: LabelPlacement.Box
        public var dots: [String: LabelPlacement.Box]
    }

    public func render(_ map: MapDocument) throws(GeoError) -> String { try renderDetailed(map).svg }

    public func renderDetailed(_ map: MapDocument) throws(GeoError) -> Rendered {
        let projection = try LocalProjection(center: map.view.center)
        // The view's corners and edge midpoints in metres give the frame.
        let v = map.view
        let probes = [
            Coordinate(longitude: v.west, latitude: v.south), Coordinate(longitude: v.east, latitude: v.south),
            Coordinate(longitude: v.west, latitude: v.north), Coordinate(longitude: v.east, latitude: v.north),
            Coordinate(longitude: v.center.longitude, latitude: v.south), Coordinate(longitude: v.center.longitude, latitude: v.north),
        ]
        let xy = try projection.forward(probes)
        let minX = xy.map(\.longitude).min()!, maxX = xy.map(\.longitude).max()!
        let minY = xy.map(\.latitude).min()!, maxY = xy.map(\.latitude).max()!
        let scale = mapWidth / (maxX - minX)  // px per metre
        let mapHeight = ((maxY - minY) * scale).rounded()
        let titleLines = wrap(map.subtitle, width: mapWidth + legendWidth, fontSize: 13)
        let headerHeight = 40.0 + 17 * Double(titleLines.count)
        let footerHeight = 26.0
        let locatorHeight = map.locator == nil ? 0.0 : 190
        let legendHeight = 44 + Double(map.legend.count) * 22 + 3 * 14 + 12 + locatorHeight
        let width = margin * 3 + mapWidth + legendWidth
        let height = margin * 2 + headerHeight + max(mapHeight, legendHeight, 260) + footerHeight
        let ox = margin, oy = margin + headerHeight

        func px(_ c: Coordinate) -> (Double, Double) {
            (ox + (c.longitude - minX) * scale, oy + (maxY - c.latitude) * scale)
        }
        func pxOf(_ c: Coordinate) throws(GeoError) -> (Double, Double) { px(try projection.forward([c])[0]) }
        func f(_ v: Double) -> String { NumberFormatting.json(NumberFormatting.rounded(v, decimals: 1)) }
        func inFrame(_ p: (Double, Double), inset: Double = 0) -> Bool {
            p.0 >= ox + inset && p.0 <= ox + mapWidth - inset && p.1 >= oy + inset && p.1 <= oy + mapHeight - inset
        }

        /// Projects and thins a ring or line: drops points within `tolerance` px of the last kept one.
        func path(_ seq: [Coordinate], close: Bool, tolerance: Double = 0.4) throws(GeoError) -> String {
            let pts = try projection.forward(seq).map(px)
            guard var last = pts.first else { return "" }
            var d = "M\(f(last.0)) \(f(last.1))"
            for (i, p) in pts.enumerated().dropFirst() {
                let isLast = i == pts.count - 1
                if !isLast && abs(p.0 - last.0) < tolerance && abs(p.1 - last.1) < tolerance { continue }
                d += "L\(f(p.0)) \(f(p.1))"
                last = p
            }
            return close ? d + "Z" : d
        }

        func data(_ feature: Feature) -> String {
            guard interactive else { return "" }
            let p = feature.properties
            let id = p["id"]?.stringValue ?? feature.id?.description ?? ""
            let info = p["description"]?.stringValue ?? p["title"]?.stringValue ?? ""
            return " data-id=\"\(escape(id, attribute: true))\" data-info=\"\(escape(info, attribute: true))\""
        }

        /// One feature as SVG (labels are placed later, all together).
        func shape(_ feature: Feature) throws(GeoError) -> String {
            guard let g = feature.geometry else { return "" }
            let p = feature.properties
            let layer = p["layer"]?.stringValue ?? ""
            let title = escape(p["description"]?.stringValue ?? p["title"]?.stringValue ?? "")
            switch g.dimension {
            case 2:
                var d = ""
                for polygon in g.polygons { for ring in polygon.rings { d += try path(ring, close: true) } }
                let fill = p["fill"]?.stringValue ?? "#555555"
                let fo = p["fill-opacity"]?.numberValue ?? 0.6
                let stroke = p["stroke"]?.stringValue ?? "#555555"
                let sw = p["stroke-width"]?.numberValue ?? 1
                return "<path class=\"\(layer)\" d=\"\(d)\" fill=\"\(fill)\" fill-opacity=\"\(NumberFormatting.json(fo))\" fill-rule=\"evenodd\" stroke=\"\(stroke)\" stroke-width=\"\(NumberFormatting.json(sw))\"\(data(feature))><title>\(title)</title></path>\n"
            case 1:
                var d = ""
                for l in g.lineStrings { d += try path(l.coordinates, close: false) }
                let stroke = p["stroke"]?.stringValue ?? "#555555"
                let sw = p["stroke-width"]?.numberValue ?? 2
                let dash = layer == "route" ? " stroke-dasharray=\"6 4\"" : ""
                // A river gets a white casing, so that it shows on any fill.
                let casing = layer == "river"
                    ? "<path class=\"river casing\" d=\"\(d)\" fill=\"none\" stroke=\"#ffffff\" stroke-opacity=\"0.85\" stroke-width=\"\(NumberFormatting.json(sw + 1.6))\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>\n" : ""
                return casing + "<path class=\"\(layer)\" d=\"\(d)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(NumberFormatting.json(sw))\" stroke-linejoin=\"round\" stroke-linecap=\"round\"\(dash)\(data(feature))><title>\(title)</title></path>\n"
            default:
                var out = ""
                for c in g.points {
                    let (x, y) = try pxOf(c)
                    guard inFrame((x, y)) else { continue }
                    let color = p["marker-color"]?.stringValue ?? "#333333"
                    let r = p["marker-size"]?.stringValue == "medium" ? 5.0 : 3.5
                    out += "<circle class=\"\(layer)\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\" fill=\"\(color)\" stroke=\"#ffffff\" stroke-width=\"1\"\(data(feature))><title>\(title)</title></circle>\n"
                }
                return out
            }
        }

        var body = ""
        for feature in map.base { body += try shape(feature) }
        var variantGroups = ""
        for (k, variant) in map.variants.enumerated() {
            var group = ""
            for feature in variant.features { group += try shape(feature) }
            if interactive {
                variantGroups += "<g class=\"variant\" data-variant=\"\(k)\" data-width-m=\"\(NumberFormatting.json(variant.widthMeters))\"\(k == map.initialVariant ? "" : " style=\"display:none\"")>\n\(group)</g>\n"
            } else if k == map.initialVariant {
                variantGroups += group
            }
        }
        var overlay = ""
        for feature in map.overlay { overlay += try shape(feature) }

        // Labels: most important first; none may overlap another or a dot.
        let frame = LabelPlacement.Box(x: ox + 2, y: oy + 2, width: mapWidth - 4, height: mapHeight - 4)
        var placer = LabelPlacement(frame: frame)
        // The scale bar's corner (drawn on the map, bottom left).
        if !interactive { placer.addObstacle(LabelPlacement.Box(x: ox + 8, y: oy + mapHeight - 40, width: 260, height: 36)) }
        var dots: [String: Int] = [:]
        var dotBoxes: [String: LabelPlacement.Box] = [:]
        for feature in map.overlay {
            guard case .point(let c)? = feature.geometry else { continue }
            let (x, y) = try pxOf(c)
            guard inFrame((x, y)) else { continue }
            let r = feature.properties["marker-size"]?.stringValue == "medium" ? 5.0 : 3.5
            let box = LabelPlacement.Box(x: x - r - 1, y: y - r - 1, width: 2 * r + 2, height: 2 * r + 2)
            dots[feature.id?.description ?? ""] = placer.addObstacle(box)
            dotBoxes[feature.id?.description ?? ""] = box
        }
        var kinds: [String: String] = [:]
        var texts: [String: String] = [:]
        func request(_ id: String, _ lines: [String], size: Double, bold: Bool, at p: (Double, Double),
            _ candidates: ([(dx: Double, dy: Double, anchor: LabelPlacement.Anchor)], Int), kind: String, own: Int? = nil) {
            kinds[id] = kind
            texts[id] = lines.joined(separator: " ")
            placer.place(
                LabelPlacement.Request(
                    id: id, lines: lines, fontSize: size, bold: bold, anchor: p, candidates: candidates.0,
                    leaderFrom: candidates.1, ownObstacle: own))
        }
        for label in map.countryLabels {
            let p = try pxOf(label.at)
            guard inFrame(p, inset: 10) else { continue }
            request("country:\(label.text)", [label.text.uppercased()], size: 14, bold: true, at: p, LabelPlacement.onArea(fontSize: 14, leader: false, spread: true), kind: "country-label")
        }
        if !interactive, map.variants.indices.contains(map.initialVariant) {
            let first = map.variants[map.initialVariant]
            for feature in first.features where feature.properties["layer"] == "cut-off" {
                guard let text = feature.properties["label"]?.stringValue, let lon = feature.properties["label_lon"]?.numberValue,
                    let lat = feature.properties["label_lat"]?.numberValue
                else { continue }
                let lines = [text] + (feature.properties["label_line2"]?.stringValue.map { [$0] } ?? [])
                let p = try pxOf(Coordinate(longitude: lon, latitude: lat))
                // Cut-off pieces are often too small to hold text: beside them, with a leader line.
                let ring = LabelPlacement.leaderRing(distances: [50, 80, 120, 170], fontSize: 11)
                request(feature.id?.description ?? text, lines, size: 11, bold: true, at: p, (ring, 0), kind: "callout-label")
            }
        }
        let places = map.overlay.sorted { a, b in
            let ca = a.properties["marker-size"]?.stringValue == "medium", cb = b.properties["marker-size"]?.stringValue == "medium"
            return ca != cb ? ca : (a.id?.description ?? "") < (b.id?.description ?? "")
        }
        for feature in places {
            guard case .point(let c)? = feature.geometry, let name = feature.properties["title"]?.stringValue else { continue }
            let p = try pxOf(c)
            guard inFrame(p) else { continue }
            let r = feature.properties["marker-size"]?.stringValue == "medium" ? 5.0 : 3.5
            request(feature.id?.description ?? name, [name], size: 12, bold: true, at: p, LabelPlacement.aroundPoint(radius: r, fontSize: 12), kind: "place-label", own: dots[feature.id?.description ?? ""])
        }
        let territories = map.base.filter { $0.properties["layer"] == "territory" }
            .sorted { ($0.properties["area_km2"]?.numberValue ?? 0) > ($1.properties["area_km2"]?.numberValue ?? 0) }
        let countryLevel = map.countryLabels.isEmpty && map.locator != nil
        for feature in territories {
            guard let name = feature.properties["title"]?.stringValue, let lon = feature.properties["label_lon"]?.numberValue,
                let lat = feature.properties["label_lat"]?.numberValue
            else { continue }
            let p = try pxOf(Coordinate(longitude: lon, latitude: lat))
            guard inFrame(p, inset: 4) else { continue }
            let size = countryLevel ? 13.0 : 11
            request(feature.id?.description ?? name, [countryLevel ? name.uppercased() : name], size: size, bold: countryLevel, at: p,
                LabelPlacement.onArea(fontSize: size, leader: false, spread: countryLevel), kind: countryLevel ? "country-label" : "territory-label")
        }
        // River names where there is room, at the middle of each named river's longest line.
        for feature in map.base where feature.properties["layer"] == "river" {
            guard let name = feature.properties["name"]?.stringValue, let line = feature.geometry?.lineStrings.max(by: { $0.coordinates.count < $1.coordinates.count }),
                line.coordinates.count > 1
            else { continue }
            let p = try pxOf(line.coordinates[line.coordinates.count / 2])
            guard inFrame(p, inset: 10) else { continue }
            request(feature.id?.description ?? name, [name], size: 10, bold: false, at: p, LabelPlacement.onArea(fontSize: 10, leader: false), kind: "river-label")
        }
        let overlaps = placer.placedOverlaps()
        guard overlaps.isEmpty else {
            throw GeoError(.analysis, "label placement failed: \(overlaps.map { "\($0.0) over \($0.1)" }.joined(separator: ", "))")
        }
        var labels = ""
        for l in placer.placed {
            if let leader = l.leader {
                labels += "<line class=\"leader\" x1=\"\(f(leader.x1))\" y1=\"\(f(leader.y1))\" x2=\"\(f(leader.x2))\" y2=\"\(f(leader.y2))\" stroke=\"#000000\" stroke-width=\"0.8\"/>"
            }
            let anchor = l.anchor == .middle ? " text-anchor=\"middle\"" : ""
            for (k, line) in l.lines.enumerated() {
                labels += "<text class=\"\(kinds[l.id] ?? "label")\" x=\"\(f(l.x))\" y=\"\(f(l.y + Double(k) * l.fontSize * 1.2))\"\(anchor)>\(escape(line))</text>\n"
            }
        }

        // Scale bar: a round length near a fifth of the frame.
        var scaleBar = ""
        if !interactive {
            let target = (maxX - minX) / 5
            let magnitude = pow(10, (log10(target)).rounded(.down))
            let step = [1.0, 2, 5, 10].map { $0 * magnitude }.last { $0 <= target } ?? magnitude
            let barPx = step * scale
            let bx = ox + 14, by = oy + mapHeight - 18
            let km = step / 1000
            let kmText = km >= 1 ? NumberFormatting.json(km) + " km" : NumberFormatting.json(step) + " m"
            scaleBar = "<g class=\"scale-bar\"><rect x=\"\(f(bx - 6))\" y=\"\(f(by - 20))\" width=\"\(f(barPx + 70))\" height=\"30\" fill=\"#ffffff\" fill-opacity=\"0.8\"/>"
            scaleBar += "<rect x=\"\(f(bx))\" y=\"\(f(by))\" width=\"\(f(barPx / 2))\" height=\"5\" fill=\"#000000\"/><rect x=\"\(f(bx + barPx / 2))\" y=\"\(f(by))\" width=\"\(f(barPx / 2))\" height=\"5\" fill=\"#ffffff\" stroke=\"#000000\" stroke-width=\"0.8\"/>"
            scaleBar += "<text x=\"\(f(bx))\" y=\"\(f(by - 5))\">0</text><text x=\"\(f(bx + barPx))\" y=\"\(f(by - 5))\" text-anchor=\"middle\">\(kmText)</text></g>\n"
        }

        // Legend.
        let lx = ox + mapWidth + margin
        var legend = "<g class=\"legend\"><text x=\"\(f(lx))\" y=\"\(f(oy + 14))\" class=\"legend-title\">Legend</text>\n"
        for (i, e) in map.legend.enumerated() {
            let y = oy + 34 + Double(i) * 22
            switch e.kind {
            case "fill": legend += "<rect x=\"\(f(lx))\" y=\"\(f(y - 11))\" width=\"22\" height=\"14\" fill=\"\(e.color)\" fill-opacity=\"0.7\" stroke=\"#444444\" stroke-width=\"0.5\"/>"
            case "point": legend += "<circle cx=\"\(f(lx + 11))\" cy=\"\(f(y - 4))\" r=\"3.5\" fill=\"\(e.color)\"/>"
            case "dash": legend += "<line x1=\"\(f(lx))\" y1=\"\(f(y - 4))\" x2=\"\(f(lx + 22))\" y2=\"\(f(y - 4))\" stroke=\"\(e.color)\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
            case "thin": legend += "<line x1=\"\(f(lx))\" y1=\"\(f(y - 4))\" x2=\"\(f(lx + 22))\" y2=\"\(f(y - 4))\" stroke=\"\(e.color)\" stroke-width=\"0.8\"/>"
            case "river": legend += "<path d=\"M\(f(lx)) \(f(y - 2))q5.5 -5 11 0t11 0\" fill=\"none\" stroke=\"\(e.color)\" stroke-width=\"1.4\"/>"
            default: legend += "<line x1=\"\(f(lx))\" y1=\"\(f(y - 4))\" x2=\"\(f(lx + 22))\" y2=\"\(f(y - 4))\" stroke=\"\(e.color)\" stroke-width=\"2\"/>"
            }
            legend += "<text x=\"\(f(lx + 30))\" y=\"\(f(y))\">\(escape(e.label))</text>\n"
        }
        let center = map.view.center
        let notes = [
            "Transverse Mercator on WGS84, centred at",
            "\(NumberFormatting.fixed(center.longitude, 3))°E \(NumberFormatting.fixed(center.latitude, 3))°N; north is up there.",
            "Lengths and areas: geodesic (WGS84).",
        ]
        let notesTop = oy + 44 + Double(map.legend.count) * 22
        for (k, note) in notes.enumerated() {
            legend += "<text x=\"\(f(lx))\" y=\"\(f(notesTop + Double(k) * 14))\" class=\"small\">\(escape(note))</text>"
        }
        let dropped = placer.dropped.map { texts[$0] ?? $0 }
        if !dropped.isEmpty {
            legend += "<!-- labels left out for lack of room: \(escape(dropped.joined(separator: ", ")).replacingOccurrences(of: "--", with: "- -")) -->"
        }
        if let locator = map.locator {
            legend += try locatorInset(locator, view: map.view, x: lx, y: notesTop + 3 * 14 + 4, width: legendWidth - 10, height: locatorHeight - 14)
        }
        legend += "</g>\n"

        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" data-px-per-m="\(NumberFormatting.json(scale))" data-frame="\(f(ox)) \(f(oy)) \(f(mapWidth)) \(f(mapHeight))">
            <title>\(escape(map.title))</title>
            <style>
            text { font-size: 12px; fill: #222222; }
            .title { font-size: 20px; font-weight: bold; }
            .subtitle { font-size: 13px; fill: #444444; }
            .legend-title { font-size: 14px; font-weight: bold; }
            .small { font-size: 10px; fill: #555555; }
            .territory-label { font-size: 11px; fill: #333333; font-style: italic; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-opacity: 0.7; }
            .country-label { font-size: 14px; font-weight: bold; fill: #111111; letter-spacing: 0; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-opacity: 0.8; }
            .callout-label { font-size: 11px; font-weight: bold; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }
            .place-label { font-size: 12px; font-weight: bold; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }
            .river-label { font-size: 10px; font-style: italic; fill: #1f5f9f; paint-order: stroke; stroke: #ffffff; stroke-width: 2px; }
            .territory-label, .country-label, .callout-label, .place-label, .river-label, .leader { pointer-events: none; }
            </style>
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text class="title" x="\(f(margin))" y="\(f(margin + 20))">\(escape(map.title))</text>

            """
        for (k, line) in titleLines.enumerated() {
            svg += "<text class=\"subtitle\" x=\"\(f(margin))\" y=\"\(f(margin + 42 + Double(k) * 17))\">\(escape(line))</text>\n"
        }
        svg += """
            <defs><clipPath id="frame"><rect x="\(f(ox))" y="\(f(oy))" width="\(f(mapWidth))" height="\(f(mapHeight))"/></clipPath></defs>
            <rect x="\(f(ox))" y="\(f(oy))" width="\(f(mapWidth))" height="\(f(mapHeight))" fill="#eef3f7"/>
            <g clip-path="url(#frame)"><g class="map-content">

            """
        svg += body + variantGroups + overlay + "<g class=\"labels\">\n" + labels + "</g></g></g>\n"
        svg += "<rect x=\"\(f(ox))\" y=\"\(f(oy))\" width=\"\(f(mapWidth))\" height=\"\(f(mapHeight))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>\n"
        svg += scaleBar + legend
        svg += "<text class=\"small\" x=\"\(f(ox))\" y=\"\(f(height - margin))\">\(escape(map.attribution)) · made with mapcli</text>\n</svg>\n"
        return Rendered(
            svg: svg, labels: placer.placed, droppedLabels: dropped, pixelsPerMeter: scale, width: width, height: height, labelFrame: frame,
            dots: dotBoxes)
    }

    /// The wider region in a small frame, the map's view outlined in red.
    func locatorInset(_ locator: MapLocator, view: BoundingBox, x: Double, y: Double, width: Double, height: Double) throws(GeoError) -> String {
        let region = locator.region
        let projection = try LocalProjection(center: region.center)
        let corners = try projection.forward([
            Coordinate(longitude: region.west, latitude: region.south), Coordinate(longitude: region.east, latitude: region.north),
            Coordinate(longitude: region.west, latitude: region.north), Coordinate(longitude: region.east, latitude: region.south),
            Coordinate(longitude: region.center.longitude, latitude: region.north), Coordinate(longitude: region.center.longitude, latitude: region.south),
        ])
        let minX = corners.map(\.longitude).min()!, maxX = corners.map(\.longitude).max()!
        let minY = corners.map(\.latitude).min()!, maxY = corners.map(\.latitude).max()!
        let s = min(width / (maxX - minX), height / (maxY - minY))
        func f(_ v: Double) -> String { NumberFormatting.json(NumberFormatting.rounded(v, decimals: 1)) }
        func px(_ c: Coordinate) -> (Double, Double) { (x + (c.longitude - minX) * s, y + (maxY - c.latitude) * s) }
        var out = "<g class=\"locator\"><rect x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f((maxX - minX) * s))\" height=\"\(f((maxY - minY) * s))\" fill=\"#eef3f7\" stroke=\"#888888\" stroke-width=\"0.5\"/>"
        var d = ""
        for g in locator.outlines {
            for polygon in g.polygons {
                let ring = try projection.forward(polygon.exterior).map(px)
                guard var last = ring.first else { continue }
                var part = "M\(f(last.0)) \(f(last.1))"
                var n = 0
                for p in ring.dropFirst() where abs(p.0 - last.0) >= 1 || abs(p.1 - last.1) >= 1 {
                    part += "L\(f(p.0)) \(f(p.1))"
                    last = p
                    n += 1
                }
                if n >= 2 { d += part + "Z" }
            }
        }
        out += "<path d=\"\(d)\" fill=\"#dddddd\" stroke=\"#777777\" stroke-width=\"0.5\"/>"
        let box = try projection.forward([
            Coordinate(longitude: view.west, latitude: view.south), Coordinate(longitude: view.east, latitude: view.south),
            Coordinate(longitude: view.east, latitude: view.north), Coordinate(longitude: view.west, latitude: view.north),
        ]).map(px)
        out += "<path d=\"M" + box.map { "\(f($0.0)) \(f($0.1))" }.joined(separator: "L") + "Z\" fill=\"none\" stroke=\"#d62728\" stroke-width=\"1.5\"/>"
        out += "<text class=\"small\" x=\"\(f(x))\" y=\"\(f(y + (maxY - minY) * s + 11))\">Locator: the map's area in red</text></g>\n"
        return out
    }

    /// Words broken into lines that fit `width` px.
    func wrap(_ text: String, width: Double, fontSize: Double) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in text.split(separator: " ") {
            let next = current.isEmpty ? String(word) : current + " " + word
            if !current.isEmpty && LabelPlacement.textWidth(next, fontSize: fontSize, bold: false) > width {
                lines.append(current)
                current = String(word)
            } else {
                current = next
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.isEmpty ? [""] : lines
    }

    func escape(_ s: String, attribute: Bool = false) -> String { MarkupText.escape(s, attribute: attribute) }
}
