import Foundation
import Testing

@testable import Geo

/// What can be checked without a server (scripts/test-postgis-engine.sh runs
/// the engine against a real PostgreSQL + PostGIS in `make test`).
@Suite struct PostGISTests {
    @Test func connectionStringsAsUsersWriteThem() {
        #expect(PostgresConnectionString("PG:host=/tmp dbname=gis").conninfo == "host=/tmp dbname=gis")
        #expect(PostgresConnectionString("postgresql://u@localhost/gis").conninfo == "postgresql://u@localhost/gis")
        #expect(PostgresConnectionString.names("postgres://x") && PostgresConnectionString.names("PG:dbname=x") && !PostgresConnectionString.names("x.gpkg"))
    }

    @Test func passwordsAreNotShown() {
        #expect(PostgresConnectionString("postgresql://ana:s3cret@db.example/gis").display == "postgresql://ana:***@db.example/gis")
        #expect(PostgresConnectionString("host=db user=ana password=s3cret dbname=gis").display == "host=db user=ana password=*** dbname=gis")
        #expect(PostgresConnectionString("postgresql://db/gis?user=ana&password=s3cret&sslmode=require").display == "postgresql://db/gis?user=ana&password=***&sslmode=require")
    }

    /// The partition key's grid over a box, with figures worked by hand: 10° × 8° in
    /// about 6 cells gives square cells of √(80/6) = 3.651483716…°, rounded up to
    /// 1e-9° (3.651483717°), from the box's south-west corner; 10 / 3.651483717 = 2.74
    /// cells across, so 2 + 2 columns (a spare one each side of a box that reaches
    /// the east edge); the table's comment gives the same grid back. That each pair is
    /// kept in exactly one cell is what scripts/test-postgis-engine.sh shows on a real
    /// server: its pairs are mapcli's own engine's, row for row, with no pair twice.
    @Test func theGridOverABoxAndItsComment() {
        let grid = PostGISAdjacency.Grid.over(west: 40, south: 36, east: 50, north: 44, cells: 6)
        #expect(grid.x0 == 40 && grid.y0 == 36)
        #expect(grid.size == 3.651483717)
        #expect(grid.nx == 4)
        #expect(PostGISAdjacency.Grid(comment: grid.comment).map { ($0.x0, $0.y0, $0.size, $0.nx) } ?? (0, 0, 0, 0) == (grid.x0, grid.y0, grid.size, grid.nx))
        #expect(PostGISAdjacency.Grid(comment: "mapcli grid 1 2") == nil)
    }
}
