import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Maps of any data and any corridor, fit to publish (issue 15).
@Suite struct MapPublishingTests {
    static let golden = CLI.packageRoot.appendingPathComponent("Tests/mapcliTests/Golden")

    @Test func namesWithControlAndMarkupCharactersGiveValidSVGAndHTML() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let nasty = "A<b>&\\\"B'\\u0007\\u0000\\r\\n</svg><script>x()</script>"
        let layer = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a","name":"\#(nasty)"},"geometry":{"type":"Polygon","coordinates":[[[10,50],[10.1,50],[10.1,50.1],[10,50.1],[10,50]]]}},{"type":"Feature","properties":{"id":"b","name":"plain"},"geometry":{"type":"Polygon","coordinates":[[[10.1,50],[10.2,50],[10.2,50.1],[10.1,50.1],[10.1,50]]]}}]}"#
        let file = dir.appendingPathComponent("nasty.geojson")
        try layer.write(to: file, atomically: true, encoding: .utf8)
        let svg = try CLI.run(["map", "--data", file.path, "--format", "svg"])
        #expect(svg.status == 0, "\(svg.stderr)")
        let parser = XMLParser(data: Data(svg.stdout.utf8))
        #expect(parser.parse(), "not well-formed: \(String(describing: parser.parserError))")
        #expect(!svg.stdout.contains("<script>") && !svg.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(svg.stdout.contains("A&lt;b&gt;&amp;"))
        let html = try CLI.run(["map", "--data", file.path, "--format", "html"])
        #expect(html.status == 0, "\(html.stderr)")
        // The only script is the page's own; the name's markup is text.
        #expect(html.stdout.components(separatedBy: "<script>").count == 2)
        #expect(html.stdout.contains("&lt;/svg&gt;&lt;script&gt;x()&lt;/script&gt;"))
        #expect(!html.stdout.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func aMapOfUserDataCreditsTheFileColoursNeighboursApartAndAssumesNoCountries() throws {
        let cells = Self.golden.appendingPathComponent("voronoi-300.geojson")
        let r = try CLI.run(["map", "--data", cells.path, "--format", "geojson"])
        #expect(r.status == 0, "\(r.stderr)")
        let root = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let attribution = root["attribution"] as? String ?? ""
        #expect(attribution == "Data: voronoi-300.geojson", "\(attribution)")
        #expect(!attribution.contains("OpenStreetMap") && !attribution.contains("GeoNames"))
        var fill: [String: String] = [:]
        for f in root["features"] as! [[String: Any]] {
            let p = f["properties"] as! [String: Any]
            if p["layer"] as? String == "territory" { fill[p["id"] as! String] = p["fill"] as? String }
        }
        #expect(fill.count == 300)
        // Every pair shapely finds adjacent (voronoi-300-shapely.csv, made independently) differs in colour.
        let pairs = try String(contentsOf: Self.golden.appendingPathComponent("voronoi-300-shapely.csv"), encoding: .utf8)
            .split(separator: "\n").dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(pairs.count == 845)
        for p in pairs { #expect(fill[p[0]] != nil && fill[p[0]] != fill[p[1]], "\(p[0])–\(p[1]) share \(fill[p[0]] ?? "?")") }
        let svg = try CLI.run(["map", "--data", cells.path, "--format", "svg"])
        #expect(svg.stdout.contains("Data: voronoi-300.geojson · made with mapcli"))
        #expect(!svg.stdout.contains("Armenia") && !svg.stdout.contains("international border"))
        #expect(svg.stdout.contains("300 polygons of voronoi-300.geojson"))
    }

    @Test func aFileThatCreditsItselfIsCreditedSo() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = try String(contentsOf: Self.golden.appendingPathComponent("two-squares.geojson"), encoding: .utf8)
        let credited = text.replacingOccurrences(of: #"{"type":"FeatureCollection","#, with: #"{"type":"FeatureCollection","attribution":"© Example Survey 2026, CC BY 4.0","#)
        #expect(credited != text)
        let file = dir.appendingPathComponent("districts.geojson")
        try credited.write(to: file, atomically: true, encoding: .utf8)
        let r = try CLI.run(["map", "--data", file.path, "--format", "svg"])
        #expect(r.stdout.contains("Data: districts.geojson (© Example Survey 2026, CC BY 4.0)"), "\(r.stderr)")
    }

    @Test func customCorridorsAreDrawnOnShippedAndUserData() throws {
        let shipped = try CLI.run(["map", "--route", "45.9,39.3;46.4,39.2", "--width", "2km", "--format", "svg"])
        #expect(shipped.status == 0, "\(shipped.stderr)")
        #expect(shipped.stdout.contains("<path class=\"corridor\""))
        #expect(shipped.stdout.contains("<path class=\"route\""))
        #expect(shipped.stdout.contains("2000 m wide"))
        let squares = Self.golden.appendingPathComponent("two-squares.geojson").path
        let user = try CLI.run(["map", "--data", squares, "--route", "10.05,50.05;10.15,50.05", "--width", "1km", "--format", "geojson"])
        #expect(user.status == 0, "\(user.stderr)")
        #expect(user.stdout.contains("\"layer\":\"corridor\""))
        let html = try CLI.run(["map", "--data", squares, "--route", "10.05,50.05;10.15,50.05", "--widths", "500m,1km,2km", "--format", "html"])
        #expect(html.status == 0, "\(html.stderr)")
        #expect(html.stdout.components(separatedBy: "<g class=\"variant\"").count == 4)
        let widthsOnPicture = try CLI.run(["map", "--route", "45.9,39.3;46.4,39.2", "--widths", "1km,2km", "--format", "svg"])
        #expect(widthsOnPicture.status == 2)
    }

    @Test func pdfAndPNGComeFromTheSameRendererAtTheAskedResolution() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("m.pdf"), png = dir.appendingPathComponent("m.png")
        #expect(try CLI.run(["map", "--corridor", "syunik", "--size", "800", "--dpi", "96", "--title", "A corridor through Syunik", "-o", pdf.path]).status == 0)
        let svg = try CLI.run(["map", "--corridor", "syunik", "--size", "800", "--title", "A corridor through Syunik", "--format", "svg"])
        #expect(svg.stdout.contains(">A corridor through Syunik</text>"), "the title is not drawn")
        let untitled = try CLI.run(["map", "--corridor", "syunik", "--size", "800", "--format", "svg"])
        #expect(!untitled.stdout.contains("A corridor through Syunik"))
        // The PDF, read back by poppler (pdfinfo, pdftotext): one page the size of the
        // SVG in points at 96 dpi (1 px = 72/96 pt), with the title and the legend as text.
        let svgWidth = Double(svg.stdout.split(separator: "width=\"")[1].split(separator: "\"")[0])!
        let svgHeight = Double(svg.stdout.split(separator: "height=\"")[1].split(separator: "\"")[0])!
        let info = try Self.poppler("pdfinfo", pdf.path)
        #expect(info.contains("Pages:           1"), "\(info)")
        let pageSize = info.split(separator: "\n").first { $0.hasPrefix("Page size:") }.map(String.init) ?? ""
        let points = pageSize.split(separator: " ").compactMap { Double($0) }
        #expect(points.count == 2 && abs(points[0] - svgWidth * 0.75) < 1 && abs(points[1] - svgHeight * 0.75) < 1, "\(pageSize) for an SVG \(svgWidth) × \(svgHeight) px")
        let text = try Self.poppler("pdftotext", pdf.path, "-")
        #expect(text.contains("A corridor through Syunik"), "\(text.prefix(300))")
        #expect(text.contains("Syunik"))
        #expect(try CLI.run(["map", "--corridor", "syunik", "--size", "800", "--dpi", "192", "-o", png.path]).status == 0)
        // PNG size = SVG size × dpi / 96: read the SVG's width and the PNG's IHDR width.
        let bytes = [UInt8](try Data(contentsOf: png))
        let pngWidth = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }
        #expect(abs(Double(pngWidth) - svgWidth * 2) <= 1, "PNG \(pngWidth) px for an SVG \(svgWidth) px wide")
    }

    /// Runs a poppler tool (Debian poppler-utils, installed by `make deps`) and returns its output.
    static func poppler(_ tool: String, _ arguments: String...) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(tool) \(arguments)")
        return text
    }
}
