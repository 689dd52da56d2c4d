import Foundation
import Testing

/// The PostGIS engine's options (issue 18), as far as they can be checked
/// without a server: usage errors are exit 2 with a hint, an unreachable
/// server exit 1 with one line. scripts/test-postgis-engine.sh (make test)
/// runs the engine and mapcli load against a real PostgreSQL + PostGIS.
@Suite struct PostGISOptionsTests {
    @Test func theEngineOptionsGoTogether() throws {
        let cases: [([String], String)] = [
            (["adjacency", "--engine", "postgis", "--table", "t"], "--engine postgis needs --db and --table"),
            (["adjacency", "--db", "postgresql://localhost/gis", "--table", "t"], "go with --engine postgis"),
            (["neighbors", "x", "--engine", "postgis", "--db", "postgresql:///gis", "--table", "t", "--data", ConventionsTests.cells], "--data and its options go with the memory engine"),
            (["border", "x", "y", "--id-column", "code"], "go with --engine postgis"),
            (["adjacency", "--engine", "postgis", "--db", "x", "--table", "t", "--features-per-cell", "0"], "--features-per-cell must be at least 1"),
            (["load", "--db", "postgresql:///gis", "--table", "t"], "Missing expected argument '<file> ...'"),
            (["load", ConventionsTests.cells, "--table", "t"], "Missing expected argument '--db"),
        ]
        for (args, message) in cases {
            let r = try CLI.run(args)
            #expect(r.status == 2, "\(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains(message), "\(args): \(r.stderr)")
        }
    }

    /// Nothing listens on port 1 of this socket folder: one error line, exit 1, the password hidden.
    @Test func anUnreachableServerIsOneLineWithThePasswordHidden() throws {
        let dir = try CLI.temporaryDirectory()
        for args in [
            ["adjacency", "--engine", "postgis", "--db", "host=\(dir.path) port=1 user=u password=hunter2 dbname=gis", "--table", "t"],
            ["load", ConventionsTests.cells, "--db", "host=\(dir.path) port=1 user=u password=hunter2 dbname=gis", "--table", "t"],
        ] {
            let r = try CLI.run(args)
            #expect(r.status == 1, "\(args): \(r.stderr)")
            // A password on the command line draws its warning first (issue 29), then the one error line.
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 2, "\(r.stderr)")
            #expect(lines.first?.hasPrefix("mapcli: warning: a password given on the command line") == true, "\(r.stderr)")
            #expect(lines.last?.hasPrefix("mapcli: error: host=\(dir.path) port=1 user=u password=*** dbname=gis: cannot connect to PostgreSQL: ") == true, "\(r.stderr)")
            #expect(!r.stderr.contains("hunter2"))
        }
    }

    /// Issue 29: a --table longer than PostgreSQL keeps (63 bytes, and 57 for the name
    /// beside its NAME_cells) is refused before any file is read or any server reached;
    /// before, it reached the server, which cut the names with a notice.
    @Test func tableNamesPostgreSQLWouldCutAreRefusedUpFront() throws {
        let squares = CLI.packageRoot.appendingPathComponent("Tests/mapcliTests/Golden/two-squares.geojson").path
        let noServer = "host=/nonexistent-mapcli-socket-dir port=1 dbname=x"
        let long = try CLI.run(["load", squares, "--db", noServer, "--table", String(repeating: "t", count: 58)])
        #expect(long.status == 2)
        #expect(long.stderr.contains("the table name is 58 bytes; PostgreSQL keeps 63"), "\(long.stderr)")
        let schema = try CLI.run(["load", squares, "--db", noServer, "--table", String(repeating: "s", count: 64) + ".t"])
        #expect(schema.status == 2)
        #expect(schema.stderr.contains("the schema name is 64 bytes"), "\(schema.stderr)")
        // 57 bytes pass the check and go on to the (missing) server.
        let fits = try CLI.run(["load", squares, "--db", noServer, "--table", String(repeating: "t", count: 57)])
        #expect(fits.status == 1 && fits.stderr.contains("cannot connect to PostgreSQL"), "\(fits.stderr)")
    }
}
