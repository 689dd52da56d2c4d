import Foundation
import Testing

/// Every kind of bad input, through every command that reads user data: a
/// non-zero exit below 128, exactly one message on standard error naming the
/// file (and the feature and JSON path where there is one), no output file.
@Suite struct BadInputMatrixTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        /// Text the message must contain besides the file name.
        var mentions: [String]
        var description: String { name }
    }

    static let square = "[[[0,0],[1,0],[1,1],[0,1],[0,0]]]"

    static func collection(_ geometry: String, id: String = "\"a\"", properties: String = "{}") -> String {
        #"{"type":"FeatureCollection","features":[{"type":"Feature","id":\#(id),"properties":\#(properties),"geometry":\#(geometry)}]}"#
    }

    static func polygon(_ coordinates: String) -> String { collection(#"{"type":"Polygon","coordinates":\#(coordinates)}"#) }

    static let cases: [Case] = {
        let duplicate = #"{"type":"Feature","id":"dup","properties":{},"geometry":{"type":"Polygon","coordinates":\#(square)}}"#
        let invalidUTF8 = Array(collection(#"{"type":"Polygon","coordinates":\#(square)}"#, properties: #"{"name":"XX"}"#).utf8)
        let xx = invalidUTF8.firstIndex(of: UInt8(ascii: "X"))!
        var badName = invalidUTF8
        badName.replaceSubrange(xx..<(xx + 2), with: [0xC3, 0x28, 0xFF])
        return [
            Case(name: "empty", bytes: [], mentions: ["empty"]),
            Case(name: "truncated", bytes: Array(polygon(square).utf8.dropLast(20)), mentions: ["end of input"]),
            Case(
                name: "deep nesting",
                bytes: Array(collection("null", properties: #"{"x":"# + String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000) + "}").utf8),
                mentions: ["nested deeper"]),
            Case(name: "NaN", bytes: Array(polygon("[[[NaN,0],[1,0],[1,1],[0,1],[0,0]]]").utf8), mentions: ["unexpected character 'N'"]),
            Case(name: "1e400", bytes: Array(polygon("[[[1e400,0],[1,0],[1,1],[0,1],[0,0]]]").utf8), mentions: ["feature 0", "$.features[0].geometry.coordinates[0][0]", "finite"]),
            Case(name: "out of range", bytes: Array(polygon("[[[200,0],[1,0],[1,1],[0,1],[0,0]]]").utf8), mentions: ["feature 0", "longitude 200"]),
            Case(
                name: "latitude first", bytes: Array(polygon("[[[39.2,46.4],[39.3,96.4],[39.4,46.5],[39.2,46.4]]]").utf8),
                mentions: ["feature 0", "swapped"]),
            Case(name: "string for a number", bytes: Array(polygon(#"[[["0",0],[1,0],[1,1],[0,1],[0,0]]]"#).utf8), mentions: ["feature 0", "numbers only"]),
            Case(name: "unknown type", bytes: Array(collection(#"{"type":"Polygn","coordinates":\#(square)}"#).utf8), mentions: ["feature 0 (id \"a\")", "Polygn"]),
            Case(name: "unclosed ring", bytes: Array(polygon("[[[0,0],[1,0],[1,1],[0,1]]]").utf8), mentions: ["feature 0 (id \"a\")", "not closed"]),
            Case(name: "short ring", bytes: Array(polygon("[[[0,0],[1,0],[0,0]]]").utf8), mentions: ["feature 0 (id \"a\")", "at least 4 positions"]),
            Case(name: "self-intersection", bytes: Array(polygon("[[[0,0],[1,1],[1,0],[0,1],[0,0]]]").utf8), mentions: ["feature 0 (id \"a\")", "Self-intersection"]),
            Case(
                name: "duplicate ids",
                bytes: Array(("{\"type\":\"FeatureCollection\",\"features\":[" + duplicate + "," + duplicate.replacingOccurrences(of: "[[[0,0],[1,0]", with: "[[[2,0],[1,0]").replacingOccurrences(of: "[0,1],[0,0]]]", with: "[2,1],[2,0]]]") + "]}").utf8),
                mentions: ["feature 1 (id \"dup\")", "duplicate id"]),
            Case(name: "null geometry", bytes: Array(collection("null").utf8), mentions: ["feature 0 (id \"a\")"]),
            Case(
                name: "GeometryCollection",
                bytes: Array(collection(#"{"type":"GeometryCollection","geometries":[{"type":"Polygon","coordinates":\#(square)}]}"#).utf8),
                mentions: ["feature 0 (id \"a\")", "GeometryCollection"]),
            Case(name: "binary garbage", bytes: (0..<4096).map { UInt8(truncatingIfNeeded: ($0 &* 197 &+ 13) | 0x80) }, mentions: ["byte 0"]),
            Case(name: "invalid UTF-8 in a name", bytes: badName, mentions: ["invalid UTF-8"]),
        ]
    }()

    static let commands: [(String, [String], Bool)] = [
        ("info", ["info"], false),
        ("adjacency", ["adjacency", "--format", "csv", "--data"], true),
        ("corridor", ["corridor", "--route", "0.2,0.5;0.8,0.5", "--width", "1km", "--format", "json", "--data"], true),
        ("map", ["map", "--format", "geojson", "--data"], true),
    ]

    func check(_ arguments: [String], file: String, writes: Bool, mentions: [String], in dir: URL) throws {
        // Named after the format the command is asked for (the extension must agree with --format).
        let format = arguments.firstIndex(of: "--format").map { arguments[$0 + 1] } ?? "json"
        let output = dir.appendingPathComponent("result.\(format)").path
        let r = try CLI.run(arguments + [file] + (writes ? ["-o", output] : []))
        #expect((1..<128).contains(r.status), "\(arguments[0]) \(file): exit \(r.status)")
        let lines = r.stderr.split(separator: "\n")
        #expect(lines.count == 1, "\(arguments[0]): \(r.stderr)")
        #expect(r.stderr.hasPrefix("mapcli: error: \(file)"), "\(arguments[0]): \(r.stderr)")
        for m in mentions { #expect(r.stderr.contains(m), "\(arguments[0]): \(r.stderr) lacks \(m)") }
        #expect(!FileManager.default.fileExists(atPath: output), "\(arguments[0]) left an output file")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { !$0.hasSuffix(".geojson") }
        #expect(leftovers.isEmpty, "\(arguments[0]) left \(leftovers)")
    }

    @Test(arguments: cases)
    func badInput(_ c: Case) throws {
        let dir = try CLI.temporaryDirectory()
        let file = dir.appendingPathComponent("input.geojson")
        try Data(c.bytes).write(to: file)
        for (_, arguments, writes) in Self.commands {
            try check(arguments, file: file.path, writes: writes, mentions: c.mentions, in: dir)
        }
    }

    @Test func aDirectoryOrAMissingFile() throws {
        let dir = try CLI.temporaryDirectory()
        let sub = dir.appendingPathComponent("folder.geojson")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        for (_, arguments, writes) in Self.commands {
            try check(arguments, file: sub.path, writes: writes, mentions: ["is a directory"], in: dir)
            try check(arguments, file: dir.appendingPathComponent("missing.geojson").path, writes: writes, mentions: ["no such file"], in: dir)
        }
    }

    @Test func anOutputPathThatCannotBeWritten() throws {
        let good = try CLI.temporaryDirectory().appendingPathComponent("ok.geojson")
        try Data(Self.polygon(Self.square).utf8).write(to: good)
        for (_, arguments, writes) in Self.commands where writes {
            let format = arguments.firstIndex(of: "--format").map { arguments[$0 + 1] } ?? "json"
            let r = try CLI.run(arguments + [good.path, "-o", "/nonexistent/folder/out.\(format)"])
            #expect(r.status == 1)
            #expect(r.stderr == "mapcli: error: /nonexistent/folder/out.\(format): cannot write: the folder /nonexistent/folder does not exist\n")
        }
    }

    @Test func limitsGiveAClearMessage() throws {
        let file = try CLI.temporaryDirectory().appendingPathComponent("ok.geojson")
        try Data(Self.polygon(Self.square).utf8).write(to: file)
        let r = try CLI.run(["adjacency", "--data", file.path, "--max-vertices", "3"])
        #expect(r.status == 1)
        #expect(r.stderr.contains("more than 3 positions (raise the limit with --max-vertices)"))
    }

    @Test func pipingIntoHeadEndsQuietly() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "'\(try CLI.binary().path)' adjacency --format csv | head -n 1"]
        process.environment = CLI.environment()
        process.currentDirectoryURL = CLI.packageRoot
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let errors = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(text == "a,a_name,b,b_name,contact,length_km,segments\n")
        // No error and no broken-pipe noise: only the caveats that go beside CSV.
        #expect(errors.split(separator: "\n").allSatisfy { $0.hasPrefix("mapcli: caveat: ") }, "\(errors)")
    }
}

