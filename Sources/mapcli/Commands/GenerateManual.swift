import ArgumentParser
import Foundation

/// `mapcli generate-manual`: the man page on standard output (hidden from
/// `--help`; `make install` runs it).
struct GenerateManual: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate-manual",
        abstract: "Write mapcli's man page (mdoc) to standard output.",
        shouldDisplay: false)

    @Option(help: "The page's date, YYYY-MM-DD (default: today, UTC).")
    var date: String?

    func validate() throws {
        if let date, Self.parse(date) == nil {
            throw ValidationError("--date \(date): expected YYYY-MM-DD")
        }
    }

    static func parse(_ text: String) -> Date? {
        let format = DateFormatter()
        format.locale = Locale(identifier: "en_US_POSIX")
        format.timeZone = TimeZone(identifier: "UTC")
        format.dateFormat = "yyyy-MM-dd"
        return format.date(from: text)
    }

    func run() throws {
        let page = try ManualPage(of: MapCLI.self, date: date.flatMap(Self.parse) ?? Date())
        Console.out(page.text)
    }
}
