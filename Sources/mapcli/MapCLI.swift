import ArgumentParser
import Foundation
import Geo

/// The root command. Subcommands only parse arguments, call the `Geo`
/// library and choose a writer for its report.
struct MapCLI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mapcli",
        abstract: "Borders and corridors of the South Caucasus (or of any GeoJSON polygons), backed by GEOS.",
        discussion: """
            Data: the shipped geodata/ (OpenStreetMap borders, © OpenStreetMap contributors, ODbL; \
            GSHHG coasts, LGPL; Natural Earth provinces; GeoNames towns, CC BY 4.0) unless --data names \
            your own GeoJSON. The shipped data are looked for in $MAPCLI_GEODATA, then ./geodata, then \
            beside the binary (../share/mapcli/geodata after make install).
            Lengths are geodesic on the WGS84 ellipsoid, in km; areas in km².
            Conventions: the human format is called text in every command; --level defaults to \
            province; --data takes one file per flag (repeat it); lengths need a unit (50m, 1km).

            Exit codes: 0 success, 1 bad input or failed analysis, 2 usage error.

            Examples:
              mapcli info geodata/countries.geojson
              mapcli territories --level province --country AM
              mapcli where Kapan
              mapcli neighbors Syunik
              mapcli border Armenia Iran
              mapcli adjacency --level country --format csv
              mapcli path Nakhchivan "Mainland Azerbaijan" --avoid Armenia
              mapcli corridor syunik --widths 500m,1km,2km
              mapcli corridor compare syunik iran --width 1km
              mapcli map --corridor syunik --width 1km --focus Syunik -o syunik.png
            """,
        version: MapCLIVersion.string,
        subcommands: [
            Info.self, Territories.self, Where.self, Neighbors.self, Border.self, Adjacency.self, Path.self, CorridorCommand.self, MapCommand.self,
            Load.self, GenerateManual.self,
        ]
    )
}

enum MapCLIVersion {
    static let string = "0.1.0"
}

/// Entry point: runs the command and ends the process with its exit code.
@main
enum Main {
    static func main() {
        signal(SIGPIPE, SIG_DFL)
        TemporaryFiles.installSignalHandlers()
        exit(MapCLI.execute(Array(CommandLine.arguments.dropFirst())))
    }
}

extension MapCLI {
    /// Parses and runs one command line, maps errors to the documented exit
    /// codes (0 ok, 1 bad input or failed analysis, 2 usage) and prints
    /// diagnostics on standard error; help and the version go to standard
    /// output. The process's entry point and the in-process tests both call it.
    static func execute(_ arguments: [String]) -> Int32 {
        // A password on the command line: kept out of every message, and the user told why not to.
        if arguments.reduce(false, { Secrets.register($1) || $0 }) {
            Console.error(
                "mapcli: warning: a password given on the command line can be read by other users of this machine (ps, /proc); give it with PGPASSWORD, ~/.pgpass or a service file")
        }
        do {
            var command = try parseAsRoot(negativePointsAsPositionals(arguments))
            try command.run()
            return 0
        } catch let error as GeoError {
            Console.error("mapcli: error: \(error)")
            return 1
        } catch let error as ExitCode {
            return error.rawValue
        } catch {
            let code = exitCode(for: error)
            let message = fullMessage(for: error)
            if code == .success {
                if !message.isEmpty { Console.out(message + "\n") }
                return 0
            }
            if code.rawValue == EX_USAGE {
                Console.error(message)
                return 2
            }
            if !message.isEmpty { Console.error(message) }
            return code.rawValue
        }
    }
}

extension MapCLI {
    /// `mapcli where -30,0`: a point west of Greenwich or south of the equator
    /// starts with a dash, which the argument parser reads as an option. For
    /// `where`, whose one positional is the place or point, an argument that
    /// reads as negative numbers (`-30,0`, `-5.5,36`) is moved after `--`, so
    /// it is the positional it was meant as; nothing else changes.
    static func negativePointsAsPositionals(_ arguments: [String]) -> [String] {
        guard arguments.first == "where", !arguments.contains("--") else { return arguments }
        func isNegativeNumbers(_ a: String) -> Bool {
            guard a.hasPrefix("-"), a.count > 1 else { return false }
            let parts = a.split(separator: ",", omittingEmptySubsequences: false)
            return (1...3).contains(parts.count) && parts.allSatisfy { Double($0.trimmingCharacters(in: .whitespaces)) != nil }
        }
        let points = arguments.dropFirst().filter(isNegativeNumbers)
        guard !points.isEmpty else { return arguments }
        return [arguments[0]] + arguments.dropFirst().filter { !isNegativeNumbers($0) } + ["--"] + points
    }
}
