import Foundation
import Testing

/// Hostile and odd input (issue 16): every case ends with a clear message and
/// exit code 1 or 2, never a crash (a signal's 128+n) or a partial file.
@Suite struct HostileInputTests {
    static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static func squares(_ names: [(String, String)]) -> String {
        var features: [String] = []
        for (k, (id, name)) in names.enumerated() {
            let x = 10 + Double(k) * 0.1
            let escapedName = name.unicodeScalars.map { $0.value < 0x20 ? String(format: "\\u%04x", $0.value) : String($0) }.joined()
            features.append(
                #"{"type":"Feature","properties":{"id":"\#(id)","name":"\#(escapedName)"},"geometry":{"type":"Polygon","coordinates":[[[\#(x),50],[\#(x + 0.1),50],[\#(x + 0.1),50.1],[\#(x),50.1],[\#(x),50]]]}}"#)
        }
        return #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}"
    }

    @Test func emptyGeometriesAreRefusedNotCrashedOn() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let square = #"{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Polygon","coordinates":[[[10,50],[10.1,50],[10.1,50.1],[10,50.1],[10,50]]]}}"#
        for (type, name) in [("Polygon", "empty-polygon"), ("MultiPolygon", "empty-multipolygon")] {
            let file = try Self.write(
                #"{"type":"FeatureCollection","features":[\#(square),{"type":"Feature","properties":{"id":"e"},"geometry":{"type":"\#(type)","coordinates":[]}}]}"#,
                "\(name).geojson", in: dir)
            for args in [["adjacency"], ["adjacency", "--tolerance", "10m"], ["neighbors", "a"], ["border", "a", "e"], ["path", "a", "e"]] {
                let r = try CLI.run(args + ["--data", file])
                #expect(r.status == 1, "\(args) on an empty \(type): exit \(r.status)")
                #expect(r.stderr.contains("feature 1 (id \"e\"): the \(type) is empty (no coordinates)"), "\(args): \(r.stderr)")
            }
        }
        let none = try Self.write(#"{"type":"FeatureCollection","features":[]}"#, "none.geojson", in: dir)
        let r = try CLI.run(["adjacency", "--data", none])
        #expect(r.status == 1)
        #expect(r.stderr.contains("holds no features"), "\(r.stderr)")
    }

    @Test func aFullStandardOutputIsAnErrorNotACrash() throws {
        guard FileManager.default.fileExists(atPath: "/dev/full") else { return }
        // Both writers: the table's (CSV, in parts) and the JSON's.
        for format in ["csv", "json"] {
            let (status, message) = try CLI.run(
                ["adjacency", "--format", format], standardInput: FileHandle.nullDevice, standardOutput: try #require(FileHandle(forWritingAtPath: "/dev/full")))
            #expect(status == 1, "\(format): exit \(status): \(message)")
            #expect(message.contains("cannot write to standard output: No space left on device"), "\(format): \(message)")
        }
    }

    @Test func streamsStopAtTheInputLimit() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A device without end: refused at the limit, in moments, not after filling memory.
        let start = Date()
        let zero = try CLI.run(["info", "--max-input-mb", "16", "/dev/zero"])
        #expect(zero.status == 1)
        #expect(zero.stderr.contains("larger than the limit of 16 MB"), "\(zero.stderr)")
        #expect(zero.stderr.contains("stopped reading at the limit"), "\(zero.stderr)")
        #expect(Date().timeIntervalSince(start) < 20)
        // Standard input, 20 MB of zeros against a 16 MB limit.
        let big = dir.appendingPathComponent("zeros")
        try Data(count: 20 << 20).write(to: big)
        let (status, message) = try CLI.run(
            ["info", "--max-input-mb", "16", "-"], standardInput: try FileHandle(forReadingFrom: big), standardOutput: FileHandle.nullDevice)
        #expect(status == 1)
        #expect(message.contains("stopped reading at the limit"), "\(message)")
    }

    /// A zip counts by what it holds once decompressed (issue 29): 3,233 bytes
    /// holding 3 MiB (Tests/Fixtures/bomb/README.md) are refused under a 2 MB
    /// limit, from the zip's directory, before anything is decompressed.
    @Test func aZipIsMeasuredByWhatItHolds() throws {
        let zip = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/bomb/whitespace.zip").path
        let r = try CLI.run(["info", zip, "--max-input-mb", "2"])
        #expect(r.status == 1 && r.stderr.contains("holds 3 MB once decompressed, over the --max-input-mb limit of 2 MB"), "\(r.stderr)")
        let data = try CLI.run(["territories", "--data", zip, "--max-input-mb", "2"])
        #expect(data.status == 1 && data.stderr.contains("once decompressed"), "\(data.stderr)")
    }

    /// A .dbf that does not match its .shp is said (issue 29; GDAL reads it
    /// without a word): a damaged header (its length set to 0), and a table
    /// with fewer records than shapes. Natural Earth 110m's .dbf holds 177
    /// records, its header 193 bytes (read off the file).
    @Test func aDbfThatDoesNotMatchItsShpIsSaid() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let source = CLI.packageRoot.appendingPathComponent("Tests/Fixtures/naturalearth")
        for ext in ["shp", "shx", "dbf", "prj"] {
            try FileManager.default.copyItem(at: source.appendingPathComponent("naturalearth_lowres.\(ext)"), to: dir.appendingPathComponent("w.\(ext)"))
        }
        let dbf = dir.appendingPathComponent("w.dbf")
        let original = try Data(contentsOf: dbf)
        var damaged = original
        damaged[8] = 0
        damaged[9] = 0
        try damaged.write(to: dbf)
        let shp = dir.appendingPathComponent("w.shp").path
        let r = try CLI.run(["info", shp])
        #expect(r.stderr.contains("w.dbf has a damaged header (header length 0 bytes"), "\(r.stderr)")
        var fewer = original
        fewer[4] = 170
        try fewer.write(to: dbf)
        let t = try CLI.run(["info", shp])
        #expect(t.stderr.contains("w.dbf holds 170 records for 177 shapes: the 7 shapes past its end were not read"), "\(t.stderr)")
        try original.write(to: dbf)
        #expect(!(try CLI.run(["info", shp]).stderr.contains(".dbf")))
    }

    @Test func csvAndTablesHoldLineBreaksAndNULsSafely() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.write(Self.squares([("a", "West\r\nside"), ("b", "Nul\u{0}here")]), "names.geojson", in: dir)
        let csv = try CLI.run(["adjacency", "--data", file, "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        // RFC 4180: the CRLF is inside a quoted field; the NUL is replaced.
        #expect(csv.stdout.contains("a,\"West\r\nside\",b,Nul\u{FFFD}here,edge"), "\(csv.stdout.debugDescription)")
        #expect(!csv.stdout.unicodeScalars.contains("\u{0}"))
        let text = try CLI.run(["adjacency", "--data", file])
        // In a table the NUL is shown, not dropped (issue 29: `<U+0000>`, as VisibleText writes it).
        #expect(text.stdout.contains("West side") && text.stdout.contains("Nul<U+0000>here"), "\(text.stdout)")
        #expect(!text.stdout.unicodeScalars.contains { $0 == "\r" || $0 == "\u{0}" })
    }

    /// Issue 29: an id or name that a spreadsheet would run as a formula is written with a
    /// `'` before it (OWASP's CSV-injection advice), in both CSV writers (the adjacency's
    /// byte writer and the neighbours' table); plain numbers, negative ones included, stay
    /// numbers. Before, `=cmd|' /C calc'!A0` went into the CSV as it was.
    @Test func csvCellsThatWouldRunAsFormulasAreInert() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.write(Self.squares([("=cmd|' /C calc'!A0", "@SUM(1+1)"), ("-12.5", "-2+3+cmd|' /C calc'!A0")]), "formulas.geojson", in: dir)
        let csv = try CLI.run(["adjacency", "--data", file, "--format", "csv"])
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(csv.stdout.contains("-12.5,'-2+3+cmd|' /C calc'!A0,'=cmd|' /C calc'!A0,'@SUM(1+1),edge,"), "\(csv.stdout)")
        let table = try CLI.run(["neighbors", "--data", file, "--format", "csv", "--", "-12.5"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("'=cmd|' /C calc'!A0,'@SUM(1+1)"), "\(table.stdout)")
        #expect(!table.stdout.contains(",=") && !table.stdout.contains(",@"), "\(table.stdout)")
    }

    @Test func anExactIdWinsOverOneThatDiffersInCase() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try Self.write(Self.squares([("abc", "lower"), ("ABC", "upper"), ("x", "third")]), "ids.geojson", in: dir)
        let r = try CLI.run(["neighbors", "--data", file, "abc", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("abc,lower,ABC,upper,edge"), "\(r.stdout)")
        // Folded matching still works where no name is exact.
        #expect(try CLI.run(["neighbors", "--data", file, "Abc"]).status == 1)
        // NFC and NFD of one id: one id, and the message says why.
        let nf = try Self.write(Self.squares([("caf\u{E9}", "nfc"), ("cafe\u{301}", "nfd")]), "nf.geojson", in: dir)
        let dup = try CLI.run(["adjacency", "--data", nf])
        #expect(dup.status == 1)
        #expect(dup.stderr.contains("another Unicode normalisation"), "\(dup.stderr)")
    }

    @Test func hexAndOtherNonDecimalLengthsAreRefused() throws {
        for w in ["0x10m", "nanm", "infkm", "1e400m"] {
            let r = try CLI.run(["corridor", "syunik", "--width", w])
            #expect(r.status == 2, "\(w): exit \(r.status)")
        }
    }

    /// JSON is written to a hidden temporary file; a Shapefile by GDAL into a hidden staging
    /// folder (issue 16, finding 9): a stop by SIGTERM removes either.
    @Test(arguments: ["json", "shp"])
    func aStoppedWriteLeavesNoTemporaryFile(format: String) throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A 200 × 200 grid: its JSON answer takes long enough to write to be stopped while writing.
        var features: [String] = []
        for i in 0..<200 {
            for j in 0..<200 {
                let (x, y) = (10 + Double(i) * 0.01, 50 + Double(j) * 0.01)
                features.append(#"{"type":"Feature","properties":{"id":"c\#(i)_\#(j)"},"geometry":{"type":"Polygon","coordinates":[[[\#(x),\#(y)],[\#(x + 0.01),\#(y)],[\#(x + 0.01),\#(y + 0.01)],[\#(x),\#(y + 0.01)],[\#(x),\#(y)]]]}}"#)
            }
        }
        let layer = try Self.write(#"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}", "grid.geojson", in: dir)
        let outDir = dir.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
        var stoppedWhileWriting = false
        for _ in 0..<5 where !stoppedWhileWriting {
            let process = Process()
            process.executableURL = try CLI.binary()
            process.environment = CLI.environment()
            process.arguments = ["adjacency", "--data", layer, "-o", outDir.appendingPathComponent("a.\(format)").path]
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(120)
            while process.isRunning && Date() < deadline {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: outDir.path)) ?? []
                if names.contains(where: { $0.contains(".tmp-") }) {
                    kill(process.processIdentifier, SIGTERM)
                    break
                }
                usleep(2000)
            }
            process.waitUntilExit()
            // Stopped by the signal (not finished just before it): the write was caught in progress.
            stoppedWhileWriting = process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGTERM
            let left = try FileManager.default.contentsOfDirectory(atPath: outDir.path)
            #expect(!left.contains { $0.contains(".tmp-") }, "left behind: \(left)")
            for name in (try? FileManager.default.contentsOfDirectory(atPath: outDir.path)) ?? [] {
                try? FileManager.default.removeItem(at: outDir.appendingPathComponent(name))
            }
        }
        #expect(stoppedWhileWriting, "the write was never caught in progress")
    }

    /// Issue 29: `-o /dev/stdout` writes to standard output; before, the finished file was
    /// renamed over the link, which destroyed /dev/stdout for every process and left the
    /// real output empty. Run with a /dev of its own (a tmpfs in a throwaway mount
    /// namespace, with the links a system has and the few devices bound in), never
    /// against the machine's /dev; and once through a link of our own in a temporary folder.
    @Test func descriptorNamesAreWrittenInPlaceNotRenamedOver() async throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let expected = try CLI.run(["territories", "--format", "json"]).stdout
        #expect(expected.hasPrefix("{"))
        let script = """
            set -e
            old=$(mktemp -d)
            mount --rbind /dev "$old"
            mount -t tmpfs tmpfs /dev
            for n in null zero urandom random full; do touch /dev/$n; mount --bind "$old/$n" /dev/$n; done
            ln -s /proc/self/fd /dev/fd
            ln -s /proc/self/fd/1 /dev/stdout
            ln -s /proc/self/fd/2 /dev/stderr
            "$MAPCLI" territories --format json -o /dev/stdout > "$OUT/stdout.json"
            "$MAPCLI" territories --format json -o /dev/stderr 2> "$OUT/stderr.json"
            "$MAPCLI" territories --format json -o /dev/fd/1 > "$OUT/fd1.json"
            if [ -L /dev/stdout ] && [ -L /dev/stderr ]; then echo links kept > "$OUT/links"; fi
            ln -s /proc/self/fd/1 "$OUT/link"
            "$MAPCLI" territories --format json -o "$OUT/link" > "$OUT/via-link.json"
            if [ -L "$OUT/link" ]; then echo kept > "$OUT/own-link"; fi
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        process.arguments = ["--map-root-user", "--mount", "--propagation", "private", "/bin/bash", "-c", script]
        process.environment = CLI.environment(["MAPCLI": try CLI.binary().path, "OUT": dir.path])
        process.currentDirectoryURL = CLI.packageRoot
        let err = dir.appendingPathComponent("log")
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: err)
        try await CLI.runToEnd(process)
        let log = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
        #expect(process.terminationStatus == 0, "\(log)")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("links").path), "/dev/stdout or /dev/stderr was replaced")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("own-link").path), "a link to /proc/self/fd/1 was replaced")
        for name in ["stdout.json", "stderr.json", "fd1.json", "via-link.json"] {
            let text = (try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8)) ?? ""
            #expect(text == expected, "\(name): \(text.count) bytes, \(expected.count) expected")
        }
        // The machine's own /dev/stdout was never touched.
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: "/dev/stdout")) == "/proc/self/fd/1")
    }
}

/// The antimeridian (issue 16, finding 5; issue 28): cells split there meet across it; a ring
/// written across it is refused, not done wrong; a route across it is read the short way.
@Suite struct AntimeridianTests {
    @Test func aRingWrittenAcross180IsRefusedSplitCellsMeetAndARouteCrossesIt() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A ring from 179° E to 179° W the short way, written across 180° (not split).
        let across = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"x"},"geometry":{"type":"Polygon","coordinates":[[[179,10],[-179,10],[-179,11],[179,11],[179,10]]]}}]}"#
        let file = try HostileInputTests.write(across, "across.geojson", in: dir)
        let r = try CLI.run(["adjacency", "--data", file])
        #expect(r.status == 1)
        #expect(r.stderr.contains("crosses the antimeridian from 179,10 to -179,10"), "\(r.stderr)")
        // The same cell split at 180° (RFC 7946 §3.1.9) as two cells: they share 10°–11° N of the
        // meridian, 110.611 km (Simpson's rule on the meridian arc, by hand; see AntimeridianSeamTests).
        let split = #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"w"},"geometry":{"type":"Polygon","coordinates":[[[179,10],[180,10],[180,11],[179,11],[179,10]]]}},{"type":"Feature","properties":{"id":"e"},"geometry":{"type":"Polygon","coordinates":[[[-180,10],[-179,10],[-179,11],[-180,11],[-180,10]]]}}]}"#
        let splitFile = try HostileInputTests.write(split, "split.geojson", in: dir)
        let s = try CLI.run(["adjacency", "--data", splitFile, "--format", "csv"])
        #expect(s.status == 0, "\(s.stderr)")
        #expect(s.stdout == "a,a_name,b,b_name,contact,length_km,segments\ne,e,w,w,edge,110.611,1\n", "\(s.stdout)")
        let path = try CLI.run(["path", "--data", splitFile, "w", "e"])
        #expect(path.status == 0 && path.stdout.contains("w (w) borders e (e) directly"), "\(path.stdout)\(path.stderr)")
        // A route across the dateline is read the short way (issue 28), not as a corridor 359°
        // wide: 1 km of the 110.611 km border lies under it (a transverse Mercator centred on 180°
        // is true to scale along that meridian, so the ±500 m edges cut 1.000 km of it, by hand).
        let route = try CLI.run(["corridor", "--data", splitFile, "--route", "179.5,10.5;-179.5,10.5", "--width", "1km", "--format", "json"])
        #expect(route.status == 0, "\(route.stderr)")
        let j = try #require(try JSONSerialization.jsonObject(with: Data(route.stdout.utf8)) as? [String: Any])
        let levels = try #require(j["levels"] as? [[String: Any]])
        let border = try #require((levels.first?["borders"] as? [[String: Any]])?.first)
        #expect(border["length_before_km"] as? Double == 110.611)
        #expect(abs((border["length_after_km"] as? Double ?? 0) - 109.611) <= 0.001, "\(border)")
        let routeKm = try #require(j["route_length_km"] as? Double)
        #expect(abs(routeKm - 109.47) < 0.1, "\(routeKm) km: 1° of longitude at 10.5° N is 109.47 km (pyproj)")
        // Its GeoJSON is split at 180° (RFC 7946 §3.1.9), every longitude in range.
        let g = try CLI.run(["corridor", "--data", splitFile, "--route", "179.5,10.5;-179.5,10.5", "--width", "1km", "--format", "geojson"])
        #expect(g.status == 0, "\(g.stderr)")
        #expect(g.stdout.contains("\"MultiPolygon\"") && g.stdout.contains("\"MultiLineString\""), "\(g.stdout.prefix(400))")
        let collection = try #require(try JSONSerialization.jsonObject(with: Data(g.stdout.utf8)) as? [String: Any])
        var longitudes: [Double] = []
        func collect(_ any: Any?) {
            if let position = any as? [Double], position.count == 2 { longitudes.append(position[0]) } else if let list = any as? [Any] { list.forEach(collect) }
        }
        for f in collection["features"] as? [[String: Any]] ?? [] { collect((f["geometry"] as? [String: Any])?["coordinates"]) }
        #expect(!longitudes.isEmpty && longitudes.allSatisfy { abs($0) <= 180 }, "\(longitudes.filter { abs($0) > 180 }.prefix(3))")
        #expect(longitudes.contains(180) && longitudes.contains(-180))
        // A map of it is not drawn yet: said, not drawn wrong.
        let map = try CLI.run(["map", "--data", splitFile, "--route", "179.5,10.5;-179.5,10.5", "-o", dir.appendingPathComponent("m.svg").path])
        #expect(map.status == 1 && map.stderr.contains("a map of a corridor across 180° is not drawn yet"), "\(map.stderr)")
    }
}

