import Foundation

/// Draws a `MapDocument` as SVG: a transverse Mercator projection centred on
/// the view (conformal, so shapes are true and north is up at the centre),
/// fills and borders, the corridor, labelled places, a legend, a scale bar
/// in km and the data attribution.
public struct SVGRenderer: Sendable {
    /// Width of the map frame in pixels; the height follows the view.
    public var mapWidth: Double = 1000
    public var legendWidth: Double = 290
    public var margin: Double = 16

    public init() {}

    public func render(_ map: MapDocument) throws(GeoError) -> String {
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
        let headerHeight = 58.0, footerHeight = 26.0
        let width = margin * 3 + mapWidth + legendWidth
        let height = margin * 2 + headerHeight + max(mapHeight, 260) + footerHeight
        let ox = margin, oy = margin + headerHeight

        func px(_ c: Coordinate) -> (Double, Double) {
            (ox + (c.longitude - minX) * scale, oy + (maxY - c.latitude) * scale)
        }
        func f(_ v: Double) -> String { NumberFormatting.json(NumberFormatting.rounded(v, decimals: 1)) }

        /// Projects and thins a ring or line: drops points within 0.4 px of the last kept one.
        func path(_ seq: [Coordinate], close: Bool) throws(GeoError) -> String {
            let pts = try projection.forward(seq).map(px)
            guard var last = pts.first else { return "" }
            var d = "M\(f(last.0)) \(f(last.1))"
            for (i, p) in pts.enumerated().dropFirst() {
                let isLast = i == pts.count - 1
                if !isLast && abs(p.0 - last.0) < 0.4 && abs(p.1 - last.1) < 0.4 { continue }
                d += "L\(f(p.0)) \(f(p.1))"
                last = p
            }
            return close ? d + "Z" : d
        }

        var body = ""
        var labels = ""
        var callouts = 0
        for feature in map.features {
            guard let g = feature.geometry else { continue }
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
                body += "<path class=\"\(layer)\" d=\"\(d)\" fill=\"\(fill)\" fill-opacity=\"\(NumberFormatting.json(fo))\" fill-rule=\"evenodd\" stroke=\"\(stroke)\" stroke-width=\"\(NumberFormatting.json(sw))\"><title>\(title)</title></path>\n"
                if layer == "territory", let lon = p["label_lon"]?.numberValue, let lat = p["label_lat"]?.numberValue {
                    let (x, y) = px(try projection.forward([Coordinate(longitude: lon, latitude: lat)])[0])
                    if x > ox + 20 && x < ox + mapWidth - 20 && y > oy + 10 && y < oy + mapHeight - 10 {
                        labels += "<text class=\"territory-label\" x=\"\(f(x))\" y=\"\(f(y))\" text-anchor=\"middle\">\(escape(p["title"]?.stringValue ?? ""))</text>\n"
                    }
                }
                if layer == "cut-off", let text = p["label"]?.stringValue, let lon = p["label_lon"]?.numberValue,
                    let lat = p["label_lat"]?.numberValue
                {
                    // A callout below the piece (cut-off pieces are often too small to hold text).
                    let (x, y) = px(try projection.forward([Coordinate(longitude: lon, latitude: lat)])[0])
                    let second = p["label_line2"]?.stringValue
                    let ty = min(y + 40 + Double(callouts) * 34, oy + mapHeight - 44)
                    let half = Double(max(text.count, second?.count ?? 0)) * 3.4 + 6
                    let tx = min(max(x, ox + half), ox + mapWidth - half)
                    callouts += 1
                    labels += "<line class=\"callout\" x1=\"\(f(x))\" y1=\"\(f(y))\" x2=\"\(f(tx))\" y2=\"\(f(ty - 11))\" stroke=\"#000000\" stroke-width=\"0.8\"/>"
                    labels += "<text class=\"callout-label\" x=\"\(f(tx))\" y=\"\(f(ty))\" text-anchor=\"middle\">\(escape(text))</text>\n"
                    if let second {
                        labels += "<text class=\"callout-label\" x=\"\(f(tx))\" y=\"\(f(ty + 13))\" text-anchor=\"middle\">\(escape(second))</text>\n"
                    }
                }
            case 1:
                var d = ""
                for l in g.lineStrings { d += try path(l.coordinates, close: false) }
                let stroke = p["stroke"]?.stringValue ?? "#555555"
                let sw = p["stroke-width"]?.numberValue ?? 2
                let dash = layer == "route" ? " stroke-dasharray=\"6 4\"" : ""
                body += "<path class=\"\(layer)\" d=\"\(d)\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(NumberFormatting.json(sw))\" stroke-linejoin=\"round\"\(dash)><title>\(title)</title></path>\n"
            default:
                for c in g.points {
                    let (x, y) = px(try projection.forward([c])[0])
                    guard x >= ox && x <= ox + mapWidth && y >= oy && y <= oy + mapHeight else { continue }
                    let color = p["marker-color"]?.stringValue ?? "#333333"
                    let r = p["marker-size"]?.stringValue == "medium" ? 5.0 : 3.5
                    body += "<circle class=\"\(layer)\" cx=\"\(f(x))\" cy=\"\(f(y))\" r=\"\(f(r))\" fill=\"\(color)\" stroke=\"#ffffff\" stroke-width=\"1\"><title>\(title)</title></circle>\n"
                    labels += "<text class=\"place-label\" x=\"\(f(x + r + 3))\" y=\"\(f(y + 4))\">\(escape(p["title"]?.stringValue ?? ""))</text>\n"
                }
            }
        }

        // Scale bar: a round length near a fifth of the frame.
        let target = (maxX - minX) / 5
        let magnitude = pow(10, (log10(target)).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.last { $0 <= target } ?? magnitude
        let barPx = step * scale
        let bx = ox + 14, by = oy + mapHeight - 18
        let km = step / 1000
        let kmText = km >= 1 ? NumberFormatting.json(km) + " km" : NumberFormatting.json(step) + " m"
        var scaleBar = "<g class=\"scale-bar\"><rect x=\"\(f(bx - 6))\" y=\"\(f(by - 20))\" width=\"\(f(barPx + 70))\" height=\"30\" fill=\"#ffffff\" fill-opacity=\"0.8\"/>"
        scaleBar += "<rect x=\"\(f(bx))\" y=\"\(f(by))\" width=\"\(f(barPx / 2))\" height=\"5\" fill=\"#000000\"/><rect x=\"\(f(bx + barPx / 2))\" y=\"\(f(by))\" width=\"\(f(barPx / 2))\" height=\"5\" fill=\"#ffffff\" stroke=\"#000000\" stroke-width=\"0.8\"/>"
        scaleBar += "<text x=\"\(f(bx))\" y=\"\(f(by - 5))\">0</text><text x=\"\(f(bx + barPx))\" y=\"\(f(by - 5))\" text-anchor=\"middle\">\(kmText)</text></g>\n"

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
        for (k, note) in notes.enumerated() {
            legend += "<text x=\"\(f(lx))\" y=\"\(f(oy + 44 + Double(map.legend.count) * 22 + Double(k) * 14))\" class=\"small\">\(escape(note))</text>"
        }
        legend += "</g>\n"

        var svg = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">
            <title>\(escape(map.title))</title>
            <style>
            text { font-size: 12px; fill: #222222; }
            .title { font-size: 20px; font-weight: bold; }
            .subtitle { font-size: 13px; fill: #444444; }
            .legend-title { font-size: 14px; font-weight: bold; }
            .small { font-size: 10px; fill: #555555; }
            .territory-label { font-size: 11px; fill: #333333; font-style: italic; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; stroke-opacity: 0.7; }
            .callout-label { font-size: 11px; font-weight: bold; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }
            .place-label { font-size: 12px; font-weight: bold; paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }
            path:hover { stroke-width: 3; }
            </style>
            <rect width="100%" height="100%" fill="#ffffff"/>
            <text class="title" x="\(f(margin))" y="\(f(margin + 20))">\(escape(map.title))</text>
            <text class="subtitle" x="\(f(margin))" y="\(f(margin + 42))">\(escape(map.subtitle))</text>
            <defs><clipPath id="frame"><rect x="\(f(ox))" y="\(f(oy))" width="\(f(mapWidth))" height="\(f(mapHeight))"/></clipPath></defs>
            <rect x="\(f(ox))" y="\(f(oy))" width="\(f(mapWidth))" height="\(f(mapHeight))" fill="#eef3f7"/>
            <g clip-path="url(#frame)">

            """
        svg += body + labels + "</g>\n"
        svg += "<rect x=\"\(f(ox))\" y=\"\(f(oy))\" width=\"\(f(mapWidth))\" height=\"\(f(mapHeight))\" fill=\"none\" stroke=\"#333333\" stroke-width=\"1\"/>\n"
        svg += scaleBar + legend
        svg += "<text class=\"small\" x=\"\(f(ox))\" y=\"\(f(height - margin))\">\(escape(map.attribution)) · made with mapcli</text>\n</svg>\n"
        return svg
    }

    func escape(_ s: String) -> String { MarkupText.escape(s) }
}
