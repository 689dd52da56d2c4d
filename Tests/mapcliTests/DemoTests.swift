import Foundation
import Testing

/// `make demo`'s own script (scripts/demo.sh), run with the built binary: its
/// output, its map and the README tell the same story.
@Suite struct DemoTests {
    @Test func theDemoTheMapAndTheReadmeAgree() async throws {
        let out = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: out) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["scripts/demo.sh", try CLI.binary().path, out.path]
        process.environment = CLI.environment()
        process.currentDirectoryURL = CLI.packageRoot
        let log = out.appendingPathComponent("demo.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try await CLI.runToEnd(process)
        try handle.close()
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(process.terminationStatus == 0, "\(text.suffix(2000))")

        // The verdicts at 500 m and the width from which the border is severed.
        #expect(text.contains("Armenia is cut off from Iran: its main body"))
        #expect(text.contains("the whole 45.93 km border lies on a piece cut off from it"))
        #expect(text.contains("Syunik (Armenia) is cut off from East Azerbaijan (Iran)"))
        #expect(text.contains("can now be reached only by crossing the corridor"))
        let severedRow = try #require(text.components(separatedBy: "\n").first { $0.contains("country: Armenia–Iran border severed") })
        let severedFrom = try #require(severedRow.split(separator: " ").last.map(String.init))

        // The map says the same in its subtitle, and draws the cut-off piece with what it holds.
        let map = try String(contentsOf: out.appendingPathComponent("syunik-corridor.geojson"), encoding: .utf8)
        #expect(map.contains("Armenia cut off from Iran"))
        #expect(map.contains("\"layer\":\"cut-off\""))
        #expect(map.contains("holds the 45.93 km border with Iran"))
        let svg = try String(contentsOf: out.appendingPathComponent("syunik-corridor.svg"), encoding: .utf8)
        #expect(svg.contains("Cut off from Armenia"))
        for file in ["syunik-corridor.png", "iran-corridor.png", "syunik-corridor.json", "country-borders.geojson"] {
            #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(file).path), "\(file)")
        }

        // The README's story and caption.
        let readme = try String(contentsOf: CLI.packageRoot.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("cuts Armenia's main body off from Iran at any width"))
        #expect(readme.contains("severed from \(severedFrom) m"), "the demo says severed from \(severedFrom) m")
        #expect(!readme.contains("intact at 500 m"))
    }
}
