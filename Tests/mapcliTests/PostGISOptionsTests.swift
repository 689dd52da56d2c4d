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

    /// Nothing listens on port 1 of this socket folder: one line, exit 1, the password hidden.
    @Test func anUnreachableServerIsOneLineWithThePasswordHidden() throws {
        let dir = try CLI.temporaryDirectory()
        for args in [
            ["adjacency", "--engine", "postgis", "--db", "host=\(dir.path) port=1 user=u password=hunter2 dbname=gis", "--table", "t"],
            ["load", ConventionsTests.cells, "--db", "host=\(dir.path) port=1 user=u password=hunter2 dbname=gis", "--table", "t"],
        ] {
            let r = try CLI.run(args)
            #expect(r.status == 1, "\(args): \(r.stderr)")
            #expect(r.stderr.hasPrefix("mapcli: error: host=\(dir.path) port=1 user=u password=*** dbname=gis: cannot connect to PostgreSQL: "), "\(r.stderr)")
            #expect(!r.stderr.contains("hunter2"))
            #expect(r.stderr.split(separator: "\n").count == 1, "\(r.stderr)")
        }
    }
}
