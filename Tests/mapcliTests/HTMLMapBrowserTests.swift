import Foundation
import Testing

/// The HTML map in a real browser: Debian's Chromium, headless, loads the
/// page of the shipped Syunik corridor from disk inside a harness page
/// (Browser/harness.html) that acts as a reader: it hovers Syunik, moves
/// the width slider, zooms with the wheel and the keyboard, and reports what
/// the page showed. Chromium runs with every host name unresolvable, and the
/// page's own resource timing must list no request at all.
@Suite(.serialized) struct HTMLMapBrowserTests {
    static func chromium() -> String? {
        for p in ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"] where FileManager.default.isExecutableFile(atPath: p) {
            return p
        }
        return nil
    }

    /// Runs the harness on a page; returns its JSON report and Chromium's log.
    static func drive(_ page: URL, width: Int = 1400, height: Int = 1000, hover: String = "AM-SU", mode: String = "reader") async throws -> ([String: Any], String) {
        guard let chromium = chromium() else {
            Issue.record("chromium is not installed (make test installs it as root: apt-get install chromium)")
            return ([:], "")
        }
        let harness = CLI.packageRoot.appendingPathComponent("Tests/mapcliTests/Browser/harness.html")
        var query = URLComponents(url: harness, resolvingAgainstBaseURL: false)!
        query.queryItems = [
            URLQueryItem(name: "map", value: page.absoluteString), URLQueryItem(name: "w", value: String(width)),
            URLQueryItem(name: "h", value: String(height)), URLQueryItem(name: "hover", value: hover), URLQueryItem(name: "mode", value: mode),
        ]
        let profile = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromium)
        process.arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files", "--host-resolver-rules=MAP * ~NOTFOUND",
            "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=20000",
            "--window-size=\(width + 40),\(height + 40)", "--dump-dom", query.url!.absoluteString,
        ]
        let out = profile.appendingPathComponent("dom.html"), err = profile.appendingPathComponent("log.txt")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try await CLI.runToEnd(process)
        let dom = try String(contentsOf: out, encoding: .utf8)
        let log = try String(contentsOf: err, encoding: .utf8)
        guard let start = dom.range(of: "<pre id=\"result\">"), let end = dom.range(of: "</pre>", range: start.upperBound..<dom.endIndex) else {
            Issue.record("the harness wrote no result; Chromium said: \(log.suffix(2000))")
            return ([:], log)
        }
        let text = String(dom[start.upperBound..<end.lowerBound])
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
        return (json, log)
    }

    @Test func theSyunikPageWorksOfflineInChromium() async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("syunik.html")
        let r = try CLI.run(["map", "--corridor", "syunik", "-o", page.path])
        #expect(r.status == 0, "\(r.stderr)")
        // The size budget: under 1 MB for the shipped Syunik page (the issue allows 3 MB).
        let bytes = try Data(contentsOf: page).count
        #expect(bytes < 1_000_000, "\(bytes) bytes")
        let (report, log) = try await Self.drive(page)
        #expect((report["errors"] as? [String]) == [], "\(report["errors"] ?? "no report")")
        #expect(!log.contains("Uncaught"), "a script error: \(log.split(separator: "\n").filter { $0.contains("Uncaught") })")
        // No request at all: not to a server (the resource timing lists none)…
        #expect((report["resources"] as? [String]) == [], "\(report["resources"] ?? "")")
        // …nor to a file beside it, which the resource timing never lists: the page's
        // Content Security Policy refuses such a load and Chromium logs the refusal. A copy of
        // the page that asks for a file beside it must be refused, in the log (so this check
        // can fail); the page itself must cause no refusal.
        try Data("\u{89}PNG".utf8).write(to: dir.appendingPathComponent("probe.png"))
        let control = dir.appendingPathComponent("control.html")
        try String(contentsOf: page, encoding: .utf8).replacingOccurrences(of: "<body>", with: "<body><img src=\"probe.png\">")
            .write(to: control, atomically: true, encoding: .utf8)
        let (_, controlLog) = try await Self.drive(control)
        let refusal = "violates the following Content Security Policy directive"
        #expect(controlLog.split(separator: "\n").contains { $0.contains(refusal) && $0.contains("probe.png") }, "the control's load of probe.png was not refused")
        #expect(!log.contains(refusal), "\(log.split(separator: "\n").filter { $0.contains(refusal) })")
        #expect((report["drawn"] as? Int ?? 0) >= 5, "territories drawn: \(report["drawn"] ?? 0)")
        // Syunik's facts: its area as `mapcli territories` measures it, to 0.1 km².
        let territories = try CLI.run(["territories", "--level", "province", "--format", "json"])
        let root = try JSONSerialization.jsonObject(with: Data(territories.stdout.utf8)) as! [String: Any]
        let syunik = (root["territories"] as! [[String: Any]]).first { $0["id"] as? String == "AM-SU" }!
        let km2 = syunik["area_km2"] as! Double
        let grouped = NumberFormatter()
        grouped.numberStyle = .decimal
        grouped.minimumFractionDigits = 1
        grouped.maximumFractionDigits = 1
        grouped.locale = Locale(identifier: "en_US")
        let expected = "Syunik (AM-SU), part of Armenia, \(grouped.string(from: NSNumber(value: km2))!) km²"
        #expect(report["tooltip"] as? String == expected)
        #expect(report["tooltipShown"] as? Bool == true)
        #expect(report["info"] as? String == expected)
        // The slider: 500 m (the corridor's own width) first, then the widest, 5 km.
        #expect(report["widthBefore"] as? String == "500 m")
        #expect(report["visibleBefore"] as? [String] == ["500"])
        #expect(report["widthAfter"] as? String == "5 km")
        #expect(report["visibleAfter"] as? [String] == ["5000"])
        // At 5 km the Armenia–Iran border is severed (mapcli corridor syunik --width 5km says so).
        let five = try CLI.run(["corridor", "syunik", "--width", "5km", "--format", "json"])
        #expect(five.stdout.contains("\"kind\":\"severed\"") || five.stdout.contains("\"kind\": \"severed\""))
        #expect((report["verdictsAfter"] as? String ?? "").contains("The 45.93 km border between Armenia and Iran is severed"))
        #expect(!(report["verdictsBefore"] as? String ?? "").contains("severed"))
        // Zoom by wheel and pan by key change the view; the scale bar follows.
        #expect(report["transformBefore"] as? String == "translate(0 0) scale(1)")
        #expect((report["transformAfterWheel"] as? String ?? "").hasSuffix("scale(1.25)"))
        #expect(report["transformAfterKey"] as? String != report["transformAfterWheel"] as? String)
        #expect((report["scaleBar"] as? String ?? "").hasSuffix("km"))
    }

    /// The SVG pictures at both levels, drawn by Chromium with DejaVu Sans: the boxes it measures for
    /// the label texts (not mapcli's estimates) never intersect.
    @Test(arguments: [["--level", "province"], ["--level", "country"], ["--corridor", "syunik", "--focus", "Syunik"], ["--corridor", "iran"]])
    func noTwoDrawnLabelsOverlapInTheBrowser(_ args: [String]) async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let svg = dir.appendingPathComponent("map.svg")
        #expect(try CLI.run(["map"] + args + ["-o", svg.path]).status == 0)
        let (report, _) = try await Self.drive(svg, mode: "labels")
        let labels = report["labels"] as? [String: Any] ?? [:]
        #expect((labels["count"] as? Int ?? 0) > 5, "\(args): \(labels)")
        #expect((labels["overlaps"] as? [String]) == [], "\(args): \(labels["overlaps"] ?? "no report")")
    }

    @Test func onAPhoneSizedScreenNothingOverflows() async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("syunik.html")
        #expect(try CLI.run(["map", "--corridor", "syunik", "-o", page.path]).status == 0)
        let (report, _) = try await Self.drive(page, width: 375, height: 740)
        #expect((report["errors"] as? [String]) == [], "\(report["errors"] ?? "no report")")
        // No horizontal scrolling: the page is no wider than the screen it is shown on.
        let pageWidth = report["pageWidth"] as? Int ?? .max, viewport = report["viewportWidth"] as? Int ?? 0
        #expect(viewport > 300 && viewport <= 375 && pageWidth <= viewport, "the page is \(pageWidth) px wide on a \(viewport) px screen")
        #expect(report["tooltipShown"] as? Bool == true)
        // The picture is cropped to the map itself: the legend column would leave it too small to read.
        let frame = (report["frame"] as? String ?? "").split(separator: " ").compactMap { Double($0) }
        let viewBox = (report["viewBox"] as? String ?? "").split(separator: " ").compactMap { Double($0) }
        #expect(frame.count == 4 && viewBox == frame, "viewBox \(viewBox), frame \(frame)")
    }
}
