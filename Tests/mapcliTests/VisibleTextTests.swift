import Foundation
import Testing

@testable import mapcli

/// Issue 29: what the data hold is shown, not obeyed, in text and DOT
/// output: an ESC or NUL in an id cannot drive a terminal or end a DOT
/// string, and a right-to-left override in a name cannot reorder a line.
@Suite struct VisibleTextTests {
    static let cells =
        #"{"type":"FeatureCollection","features":["#
        + #"{"type":"Feature","properties":{"id":"a\u001b[31m","name":"Ab\u202Ecd"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}},"#
        + #"{"type":"Feature","properties":{"id":"b\u0000x","name":"تهران"},"geometry":{"type":"Polygon","coordinates":[[[1,0],[2,0],[2,1],[1,1],[1,0]]]}}]}"#

    @Test func controlsAndOverridesAreShownInTextAndDOT() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = try HostileInputTests.write(Self.cells, "cells.geojson", in: dir)
        for format in ["text", "dot"] {
            let r = try CLI.run(["adjacency", "--data", file, "--format", format])
            #expect(r.status == 0, "\(r.stderr)")
            #expect(!r.stdout.unicodeScalars.contains { [0x1B, 0x00, 0x202E].contains($0.value) }, "\(format)")
            #expect(r.stdout.contains("a<U+001B>[31m") && r.stdout.contains("b<U+0000>x"), "\(format): \(r.stdout)")
        }
        let text = try CLI.run(["territories", "--data", file])
        #expect(text.stdout.contains("Ab<U+202E>cd"), "\(text.stdout)")
        // Right-to-left letters are letters: Tehran's name stays as written.
        #expect(text.stdout.contains("تهران"))
        // JSON carries the data unchanged (its encoder escapes the control characters).
        let json = try CLI.run(["territories", "--data", file, "--format", "json"])
        #expect(json.stdout.contains("\u{202E}") && json.stdout.contains("\\u001b"), "\(json.stdout)")
    }

    /// A 100,000-character name is not echoed whole on standard error (issue 29);
    /// the word shortened is the name in its quotes: 100,002 characters.
    @Test func aLongNameIsShortenedInMessages() throws {
        let name = String(repeating: "x", count: 100_000)
        let r = try CLI.run(["neighbors", name])
        #expect(r.status == 1)
        #expect(r.stderr.count < 1_000 && r.stderr.contains("xxx… (100002 characters)"), "\(r.stderr.prefix(300))")
        let words = String(repeating: "ab ", count: 3_000)
        #expect(Console.shortened(words).count < 4_100 && Console.shortened(words).hasSuffix("(a line of 9000 characters, shortened)"))
    }

    @Test func escapingByHand() {
        #expect(VisibleText.escaped("plain\tline\n") == "plain\tline\n")
        #expect(VisibleText.escaped("\u{7F}\u{85}\u{2066}x\u{2069}") == "<U+007F><U+0085><U+2066>x<U+2069>")
    }
}
