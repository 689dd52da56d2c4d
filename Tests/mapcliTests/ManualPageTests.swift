import Foundation
import Testing

@testable import mapcli

/// The man page `make install` writes (`mapcli generate-manual`), checked
/// against `--help`, which swift-argument-parser renders by its own code from
/// the same commands: the page must name every command and option the help
/// shows. scripts/test-install.sh reads the installed page back through `man`.
@Suite struct ManualPageTests {
    /// Expected strings written by hand from groff(7) and mdoc(7): `\e` prints a
    /// backslash, `\&` keeps a leading dot or quote from being read as a
    /// request, `\[u00B2]` is U+00B2 SUPERSCRIPT TWO, `\(dq` a double quote.
    @Test func textIsEscapedAsGroffReadsIt() {
        #expect(ManualPage.escape(".x \\ km²") == "\\&.x \\e km\\[u00B2]")
        #expect(ManualPage.escape("'quoted'") == "\\&'quoted'")
        #expect(ManualPage.escape("© 6 ≈ 10 cm") == "\\[u00A9] 6 \\[u2248] 10 cm")
        #expect(ManualPage.quoted("say \"hi\"") == "\"say \\(dqhi\\(dq\"")
    }

    @Test func everyCommandAndOptionThatHelpShowsIsOnThePage() throws {
        let page = try ManualPage(of: MapCLI.self, date: Date(timeIntervalSince1970: 0)).text
        #expect(page.unicodeScalars.allSatisfy { $0.value < 0x80 }, "the page is ASCII")
        #expect(page.contains("\n.Dd January 1, 1970\n"))
        #expect(!page.contains("generate-manual\""), "a hidden command is not on the page")

        var commands: [[String]] = []
        var queue: [[String]] = [[]]
        while let path = queue.first {
            queue.removeFirst()
            let help = try CLI.run(path + ["--help"])
            try #require(help.status == 0, "mapcli \(path.joined(separator: " ")) --help: \(help.stderr)")
            try #require(path.count <= 2, "a help screen listed \(path) as a command")
            let sub = Self.subcommands(inHelp: help.stdout)
            queue += sub.map { path + [$0] }
            guard !path.isEmpty else { continue }
            commands.append(path)
            let heading = ".Ss \"mapcli \(path.joined(separator: " "))\"\n"
            guard let start = page.range(of: heading) else {
                Issue.record("no section for mapcli \(path.joined(separator: " "))")
                continue
            }
            let rest = page[start.upperBound...]
            let section = rest[..<(rest.range(of: "\n.Ss ")?.lowerBound ?? rest.endIndex)]
            for option in Self.longOptions(inHelp: help.stdout) where option != "help" {
                #expect(section.contains("Fl \"-\(option)\""), "mapcli \(path.joined(separator: " ")): --\(option) is not on the page")
            }
        }
        // The help's own tree: ten commands and corridor's two.
        #expect(commands.count == 12, "\(commands)")
        #expect(commands.contains(["corridor", "compare"]))
    }

    /// Names in a help screen's SUBCOMMANDS list ("  show (default)   What…").
    static func subcommands(inHelp help: String) -> [String] {
        guard let list = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        let lines = help[list.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
        return lines.prefix { !$0.isEmpty }.compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
            return line.dropFirst(2).split(separator: " ").first.map(String.init)
        }
    }

    /// The long options a help screen lists ("  -o, --output <output>   …").
    static func longOptions(inHelp help: String) -> [String] {
        guard let list = help.range(of: "OPTIONS:\n") else { return [] }
        return help[list.upperBound...].split(separator: "\n").compactMap { line in
            let text = line.drop { $0 == " " }
            guard line.count - text.count == 2, text.hasPrefix("-") else { return nil }
            guard let long = text.range(of: "--") else { return nil }
            return String(text[long.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" })
        }
    }
}
