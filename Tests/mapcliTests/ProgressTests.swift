import Foundation
import Testing

/// Progress goes to standard error on a terminal only.
@Suite struct ProgressTests {
    func gridFile(_ n: Int) throws -> URL {
        var features: [String] = []
        for r in 0..<n {
            for c in 0..<n {
                let x0 = 10 + Double(c) / 100, x1 = 10 + Double(c + 1) / 100, y0 = 50 + Double(r) / 100, y1 = 50 + Double(r + 1) / 100
                features.append(#"{"type":"Feature","id":"\#(r)-\#(c)","properties":{},"geometry":{"type":"Polygon","coordinates":[[[\#(x0),\#(y0)],[\#(x1),\#(y0)],[\#(x1),\#(y1)],[\#(x0),\#(y1)],[\#(x0),\#(y0)]]]}}"#)
            }
        }
        let url = try CLI.temporaryDirectory().appendingPathComponent("grid.geojson")
        try Data(("{\"type\":\"FeatureCollection\",\"features\":[" + features.joined(separator: ",") + "]}").utf8).write(to: url)
        return url
    }

    @Test func quietWhenStandardErrorIsNotATerminal() throws {
        let r = try CLI.run(["adjacency", "--data", try gridFile(20).path, "--format", "csv"])
        #expect(r.status == 0)
        #expect(r.stderr.isEmpty)
        // Queen mode: 2·20·19 shared edges and 2·19² corner contacts, plus the header.
        #expect(r.stdout.split(separator: "\n").count == 1 + 2 * 20 * 19 + 2 * 19 * 19)
    }

    @Test func shownOnATerminal() throws {
        // util-linux's script(1) gives the command a terminal (Debian's bsdutils, an Essential
        // package: on every Debian machine; a missing one fails here rather than skipping).
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "/usr/bin/script (bsdutils) is missing")
        let grid = try gridFile(40)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let command = "\(try CLI.binary().path) adjacency --data \(grid.path) --format csv -o \(grid.path).csv"
        process.arguments = ["-qec", command, "/dev/null"]
        process.environment = CLI.environment(["MAPCLI_PROGRESS_AFTER": "0"])
        let out = Pipe()
        process.standardOutput = out
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("mapcli: adjacency: 0/1600 territories"))
    }
}
