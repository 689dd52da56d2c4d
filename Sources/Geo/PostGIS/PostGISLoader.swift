/// `mapcli load`: territories written into a PostGIS table ready for
/// `--engine postgis`, in one transaction (a failed load leaves nothing).
///
/// What it writes:
/// - `<table> (id text PRIMARY KEY, name text NOT NULL,
///   geom geometry(MultiPolygon, 4326) NOT NULL)`, rows sent by COPY as EWKB,
///   with a GiST index on `geom`;
/// - `<table>_cells (cell bigint, id text, g geometry)`: the partition key,
///   one row per grid cell each polygon's box touches (polygons that cross
///   cells are repeated), indexed on `cell` and by GiST on `g`; the grid is
///   kept in the table's comment (`mapcli grid x0 y0 size nx`), so that the
///   adjacency query finds the same cells. On Citus, distribute it by `cell`
///   (docs/postgis.md).
/// An existing table is replaced only when asked (`replace`).
public struct PostGISLoader {
    public var connection: PostgresConnectionString
    public var table: String
    public var replace: Bool
    /// Grid cells aimed at: features / featuresPerCell.
    public var featuresPerCell: Int = 32

    public init(connection: PostgresConnectionString, table: String, replace: Bool = false) {
        self.connection = connection
        self.table = table
        self.replace = replace
    }

    public struct Summary: Sendable {
        public var table: String
        public var features: Int
        public var cellsTable: String
        public var cellRows: Int
        public var cells: Int
    }

    public func load(_ territories: [Territory]) throws(GeoError) -> Summary {
        guard !territories.isEmpty else { throw GeoError(.schema, "nothing to load: the layer is empty") }
        let parts = table.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty }) else {
            throw GeoError(.invalidArgument, "--table \(table): give table or schema.table")
        }
        let db = try PostgresConnection(connection)
        try PostGISAdjacency.requirePostGIS(db)
        // Identifiers quoted by the server.
        let quoted = try db.query(
            "SELECT quote_ident($1), quote_ident($1 || '_cells'), quote_ident($2)", [parts.last!, parts.count == 2 ? parts[0] : "public"],
            what: "quoting the table name")
        guard let name = quoted.value(0, 0), let cellsName = quoted.value(0, 1), let schema = quoted.value(0, 2) else {
            throw GeoError(.database, "could not quote \(table)", file: connection.display)
        }
        let relation = parts.count == 2 ? "\(schema).\(name)" : name
        let cellsRelation = parts.count == 2 ? "\(schema).\(cellsName)" : cellsName
        try db.query("BEGIN", what: "starting the load")
        do throws(GeoError) {
            let exists = try db.query("SELECT to_regclass($1)", [relation], what: "looking for the table")
            if exists.value(0, 0) != nil {
                guard replace else {
                    throw GeoError(.invalidArgument, "table \(relation) exists already: --replace to overwrite it", file: connection.display)
                }
                try db.query("DROP TABLE IF EXISTS \(cellsRelation)", what: "dropping the old cells")
                try db.query("DROP TABLE \(relation)", what: "dropping the old table")
            }
            try db.query(
                "CREATE TABLE \(relation) (id text PRIMARY KEY, name text NOT NULL, geom geometry(MultiPolygon, 4326) NOT NULL)",
                what: "creating the table")
            var west = Double.infinity, south = Double.infinity, east = -Double.infinity, north = -Double.infinity
            try db.copyIn("COPY \(relation) (id, name, geom) FROM STDIN", what: "copying the features") { (flush: (inout [UInt8]) throws(GeoError) -> Void) throws(GeoError) in
                var buffer: [UInt8] = []
                buffer.reserveCapacity(1 << 20)
                for t in territories {
                    if let b = t.geometry.boundingBox {
                        west = min(west, b.west)
                        south = min(south, b.south)
                        east = max(east, b.east)
                        north = max(north, b.north)
                    }
                    Self.copyField(t.id, into: &buffer)
                    buffer.append(9)
                    Self.copyField(t.name, into: &buffer)
                    buffer.append(9)
                    WKBWriter.multiPolygonHex(t.geometry.polygons, into: &buffer)
                    buffer.append(10)
                    if buffer.count >= 1 << 20 { try flush(&buffer) }
                }
                try flush(&buffer)
            }
            try db.query("CREATE INDEX ON \(relation) USING gist (geom)", what: "indexing the table")
            let grid = PostGISAdjacency.Grid.over(
                west: west, south: south, east: east, north: north, cells: max(1, territories.count / max(featuresPerCell, 1)))
            try db.query(
                """
                CREATE TABLE \(cellsRelation) AS
                SELECT (ix + iy * \(grid.nx))::bigint AS cell, t.id, t.geom AS g FROM \(relation) t, \(grid.cells(of: "t.geom"))
                """, what: "writing the partition key")
            try db.query("CREATE INDEX ON \(cellsRelation) (cell)", what: "indexing the cells")
            try db.query("CREATE INDEX ON \(cellsRelation) USING gist (g)", what: "indexing the cells")
            try db.query("COMMENT ON TABLE \(cellsRelation) IS '\(grid.comment)'", what: "recording the grid")
            let counts = try db.query("SELECT count(*), count(DISTINCT cell) FROM \(cellsRelation)", what: "counting the cells")
            try db.query("COMMIT", what: "committing the load")
            try db.query("ANALYZE \(relation)", what: "analysing the table")
            try db.query("ANALYZE \(cellsRelation)", what: "analysing the cells")
            return Summary(
                table: relation, features: territories.count, cellsTable: cellsRelation,
                cellRows: counts.value(0, 0).flatMap(Int.init) ?? 0, cells: counts.value(0, 1).flatMap(Int.init) ?? 0)
        } catch {
            _ = try? db.query("ROLLBACK", what: "rolling back")
            throw error
        }
    }

    /// A text field of COPY's text format: backslash, tab, line breaks escaped.
    static func copyField(_ s: String, into out: inout [UInt8]) {
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\\"): out += [92, 92]
            case 9: out += [92, UInt8(ascii: "t")]
            case 10: out += [92, UInt8(ascii: "n")]
            case 13: out += [92, UInt8(ascii: "r")]
            default: out.append(b)
            }
        }
    }
}
