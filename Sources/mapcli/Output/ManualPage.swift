import ArgumentParser
import Foundation

/// mapcli's man page (mdoc), written from the command tree itself: the JSON
/// that swift-argument-parser describes a command with (`_dumpHelp()`, the
/// `--experimental-dump-help` output), read here with a small `Decodable`
/// mirror of its fields. `make install` runs `mapcli generate-manual`, so the
/// page needs no second build of swift-argument-parser for a plugin tool.
///
/// Invariants:
/// 1. Every command and every argument that `--help` shows is on the page, in
///    the order `--help` shows them; hidden ones are not.
/// 2. The page is ASCII: every other character is written as groff's
///    `\[uXXXX]` (so `km²` and `©` survive any locale), a backslash as `\e`,
///    and a text line that would start with `.` or `'` is guarded with `\&`.
/// 3. The same tree and date give the same bytes.
struct ManualPage {
    struct Command: Decodable {
        var commandName: String
        var superCommands: [String]?
        var abstract: String?
        var discussion: String?
        var shouldDisplay: Bool?
        var subcommands: [Command]?
        var arguments: [Argument]?
    }

    struct Argument: Decodable {
        struct Name: Decodable {
            var kind: String
            var name: String
        }
        var kind: String
        var shouldDisplay: Bool
        var isOptional: Bool
        var isRepeating: Bool
        var names: [Name]?
        var valueName: String?
        var defaultValue: String?
        var abstract: String?
        var discussion: String?
    }

    private struct Dump: Decodable {
        var command: Command
    }

    let root: Command
    /// `.Dd`'s date, as mdoc writes it ("December 7, 2026").
    let date: String

    /// The page of a command type, from its own description.
    init<C: ParsableCommand>(of command: C.Type, date: Date) throws {
        let dump = try JSONDecoder().decode(Dump.self, from: Data(command._dumpHelp().utf8))
        self.root = dump.command
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "MMMM d, yyyy"
        self.date = format.string(from: date)
    }

    /// The whole page.
    var text: String {
        var lines: [String] = []
        let name = root.commandName
        lines += [
            ".\\\" Written by \(Self.escape(name)) generate-manual from its own command descriptions.",
            ".Dd \(date)",
            ".Dt \(name.uppercased()) 1",
            ".Os",
            ".Sh NAME",
            ".Nm \(name)",
            ".Nd \(Self.quoted(root.abstract ?? ""))",
            ".Sh SYNOPSIS",
            ".Nm",
            ".Ar subcommand",
            ".Op Ar options",
            ".Nm",
            ".Fl -version | -help",
            ".Sh DESCRIPTION",
        ]
        lines += Self.prose(root.discussion)
        lines += Self.argumentList(root.arguments)
        lines.append(".Sh COMMANDS")
        for command in Self.shown(root.subcommands) {
            lines += commandSection(command, path: [name])
        }
        lines += [
            ".Sh EXIT STATUS",
            "0: success; 1: bad input or a failed analysis; 2: a usage error.",
            ".Sh ENVIRONMENT",
            ".Bl -tag -width 6n",
            ".It Ev MAPCLI_GEODATA",
            "The folder of the shipped data, looked for first; then ./geodata, then ../share/mapcli/geodata beside the binary.",
            ".El",
            ".Sh AUTHORS",
            "The mapcli developers.",
        ]
        return lines.joined(separator: "\n") + "\n"
    }

    private func commandSection(_ command: Command, path: [String]) -> [String] {
        let full = path + [command.commandName]
        var lines = [".Ss \(Self.quoted(full.joined(separator: " ")))"]
        if let abstract = command.abstract, !abstract.isEmpty {
            lines.append(Self.escape(abstract))
        }
        if let discussion = command.discussion, !discussion.isEmpty {
            lines.append(".Pp")
            lines += Self.prose(discussion)
        }
        lines += Self.argumentList(command.arguments)
        for sub in Self.shown(command.subcommands) {
            lines += commandSection(sub, path: full)
        }
        return lines
    }

    private static func shown(_ commands: [Command]?) -> [Command] {
        (commands ?? []).filter { $0.shouldDisplay != false && $0.commandName != "help" }
    }

    /// One tagged list of a command's arguments (positionals, options, flags).
    private static func argumentList(_ arguments: [Argument]?) -> [String] {
        let shown = (arguments ?? []).filter(\.shouldDisplay)
        guard !shown.isEmpty else { return [] }
        var lines = [".Bl -tag -width 6n"]
        for argument in shown {
            lines.append(".It " + item(argument))
            var help = escape(argument.abstract ?? "")
            if let value = argument.defaultValue, !value.isEmpty {
                help += (help.isEmpty ? "" : " ") + "(default: \(escape(value)))"
            }
            if !help.isEmpty { lines.append(help) }
            if let discussion = argument.discussion, !discussion.isEmpty {
                lines.append(".Pp")
                lines += prose(discussion)
            }
        }
        lines.append(".El")
        return lines
    }

    /// An argument as an `.It` line: `Fl o , Fl -output Ar output`, `Ar files ...`.
    private static func item(_ argument: Argument) -> String {
        let value = quoted(argument.valueName ?? "value") + (argument.isRepeating ? " ..." : "")
        if argument.kind == "positional" { return "Ar " + value }
        let names = (argument.names ?? []).map { name -> String in
            switch name.kind {
            case "long": return "Fl " + quoted("-" + name.name)
            default: return "Fl " + quoted(name.name)
            }
        }
        let flags = names.joined(separator: " , ")
        return argument.kind == "option" ? flags + " Ar " + value : flags
    }

    /// Discussion text: paragraphs split at blank lines, a line break kept as
    /// one, indented lines (the examples) kept as written, in a literal display.
    private static func prose(_ text: String?) -> [String] {
        guard let text, !text.isEmpty else { return [] }
        var lines: [String] = []
        var literal = false
        var pendingBreak = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let isIndented = line.hasPrefix("  ")
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if literal { lines.append(".Ed"); literal = false }
                pendingBreak = true
                continue
            }
            if isIndented != literal {
                lines.append(isIndented ? ".Bd -literal -offset indent" : ".Ed")
                literal = isIndented
                pendingBreak = false
            } else if pendingBreak {
                lines.append(".Pp")
                pendingBreak = false
            } else if !literal, let last = lines.last, !last.hasPrefix(".") {
                lines.append(".br")  // a line break in the help is kept
            }
            lines.append(escape(isIndented ? String(line.dropFirst(2)) : String(line)))
        }
        if literal { lines.append(".Ed") }
        return lines
    }

    /// A text line as roff reads it: ASCII only, backslashes escaped, no
    /// leading control character (invariant 2).
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\e"
            case "\t": out += " "
            case _ where scalar.value < 0x20: continue
            case _ where scalar.value < 0x7F: out.unicodeScalars.append(scalar)
            default: out += "\\[u" + String(format: "%04X", scalar.value) + "]"
            }
        }
        if out.hasPrefix(".") || out.hasPrefix("'") { out = "\\&" + out }
        return out
    }

    /// A macro argument: in double quotes, with a quote inside written `\(dq`.
    static func quoted(_ text: String) -> String {
        "\"" + escape(text).replacingOccurrences(of: "\"", with: "\\(dq") + "\""
    }
}
