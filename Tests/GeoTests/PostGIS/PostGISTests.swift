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

    /// The partition key's grid: every polygon is listed in each cell its box touches,
    /// and a pair is kept in the cell of the lower-left corner of their boxes' overlap,
    /// which lies in both boxes, so exactly one cell keeps it (checked by hand on a 3 × 2 grid).
    @Test func theGridCoversTheExtentAndKeysCells() {
        let grid = PostGISAdjacency.Grid.over(west: 40, south: 36, east: 50, north: 44, cells: 6)
        #expect(grid.x0 == 40 && grid.y0 == 36)
        // 80 square degrees in 6 cells: about 3.65° each, rounded up to 1e-9°.
        #expect(abs(grid.size - (80.0 / 6).squareRoot()) < 1e-8 && grid.size >= (80.0 / 6).squareRoot())
        #expect(grid.nx == Int((10 / grid.size).rounded(.down)) + 2)
        #expect(PostGISAdjacency.Grid(comment: grid.comment).map { ($0.x0, $0.y0, $0.size, $0.nx) } ?? (0, 0, 0, 0) == (grid.x0, grid.y0, grid.size, grid.nx))
        #expect(PostGISAdjacency.Grid(comment: "mapcli grid 1 2") == nil)
    }
}
