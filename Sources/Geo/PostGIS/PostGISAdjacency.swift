import Foundation

/// Adjacency computed inside PostGIS (issue 18): the pairwise work runs as one
/// SQL query in the database and only the borders come back, streamed row by
/// row, into the same `AdjacencyGraph` (and so the same report writers) as
/// mapcli's own engine.
///
/// The query, written to distribute (docs/postgis.md):
/// - Partition key: a grid cell. Every polygon is listed once per cell of a
///   regular grid (in degrees) that its bounding box touches — a polygon
///   crossing cells is repeated. `mapcli load` writes these rows as
///   `<table>_cells (cell, id, g)`; without it they are made on the fly.
/// - Co-location: candidate pairs are joined within a cell only
///   (`a.cell = b.cell AND a.g && b.g`, the GiST operator on boxes), so on
///   Citus, with the cells table distributed by `cell`, the join runs on each
///   shard without moving rows.
/// - Deduplication: a pair whose boxes meet is found in every cell both are
///   listed in; it is kept only in the cell holding the lower-left corner of
///   the intersection of their boxes — a point inside both boxes, so both are
///   listed there, and exactly one cell holds it.
/// - Per pair: `ST_Relate` (interiors meeting is an overlap, refused as in
///   exact mode, with its area from one more query; boundary/boundary
///   dimension 1 is an edge, 0 a point), the boundaries' intersection, sent
///   back as WKB, and its length on the WGS84 ellipsoid (`geography`),
///   segmentized to 0.1° first so that edges are followed as straight in
///   longitude/latitude (mapcli's convention) rather than as geodesics: a
///   geodesic chord of a 0.1° piece is shorter than the lon/lat line by under
///   a millimetre (8s²/3L, s = L²·tan φ / 8R). mapcli merges the lines
///   (`LineMerging`, tested against GEOS's line merger) and finds tripoints.
/// - A table mapcli did not load gets its partition rows in a temporary
///   table, indexed and analysed like `<table>_cells` (the planner misjudged
///   them by ten orders of magnitude when they were made inside the query).
/// Differences from mapcli's own engine, by design: no antimeridian seam
/// (territories meeting across 180° are not joined), and lengths from PostGIS
/// (within a metre of mapcli's on the tested layers). Tolerance mode:
/// `PostGISTolerance.swift`, on its own definition.
public struct PostGISAdjacency: AdjacencyBackend {
    public var table: PostGISTable
    public var options: AdjacencyEngine.Options
    /// Grid cells to aim for: the layer's features / `featuresPerCell` (at least 1).
    public var featuresPerCell: Int = 32
    /// Only the borders of this feature (by id), for `neighbors` and `border`: the pairs
    /// with it in them, among the features whose boxes meet its box. Its borders'
    /// tripoints are the same as in the whole layer (a third territory at a tripoint of
    /// X–Y borders X too, and two borders of X ending there make it a tripoint).
    public var around: String?

    public init(table: PostGISTable, options: AdjacencyEngine.Options = .init()) {
        self.table = table
        self.options = options
    }

    public func adjacencyGraph() throws(GeoError) -> AdjacencyGraph { try run().graph }

    /// The graph, and what to say beside it on standard error (a reprojection in the database).
    public func run() throws(GeoError) -> (graph: AdjacencyGraph, notes: [String]) {
        guard options.toleranceMeters >= 0, options.toleranceMeters.isFinite else {
            throw GeoError(.invalidArgument, "the tolerance must be a finite number of metres ≥ 0")
        }
        if options.toleranceMeters > 0 && around != nil { throw Self.noToleranceAround }
        let (db, t) = try Self.open(table)
        let territories = try Self.territories(t, db)
        if options.toleranceMeters > 0 {
            return (try toleranceGraph(t, db, territories, toleranceMeters: options.toleranceMeters), t.notes)
        }
        return (try graph(t, db, territories), t.notes)
    }

    static let noToleranceAround = GeoError(
        .invalidArgument, "--engine postgis with --tolerance answers adjacency for the whole table; neighbors and border on it are exact only for now")

    /// For `neighbors` and `border`: the features named (by id, name or alias, as the table's
    /// ids and names allow) and the borders of the first, on one connection, the table
    /// checked and its names read once.
    public func run(aroundNamed names: [String]) throws(GeoError) -> (found: [Territory], graph: AdjacencyGraph, notes: [String]) {
        guard options.toleranceMeters == 0 else { throw Self.noToleranceAround }
        let (db, t) = try Self.open(table)
        let territories = try Self.territories(t, db)
        let atlas = Atlas(territories: territories)
        let found = try names.map { (name: String) throws(GeoError) in try atlas.territory(named: name) }
        var around = self
        around.around = found.first?.id
        return (found, try around.graph(t, db, territories), t.notes)
    }

    /// A connection to the table's database, PostGIS there, the table found and checked.
    static func open(_ table: PostGISTable) throws(GeoError) -> (PostgresConnection, ResolvedTable) {
        let db = try PostgresConnection(table.connection)
        try requirePostGIS(db)
        return (db, try ResolvedTable.resolve(table, db))
    }

    /// JIT compiles the expression tree for seconds and saves nothing on calls into PostGIS;
    /// notices (a temporary table dropped that was not there) are not for the user.
    static func prepareSession(_ db: PostgresConnection) throws(GeoError) {
        try db.query("SET jit = off", what: "setting up the session")
        try db.query("SET client_min_messages = warning", what: "setting up the session")
    }

    /// The layer's extent in degrees and its number of features.
    static func extent(_ t: ResolvedTable, _ db: PostgresConnection, _ display: String) throws(GeoError) -> (BoundingBox, Int) {
        let e = try db.query(
            "SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e), n FROM (SELECT ST_Extent(\(t.geometryWGS84)) AS e, count(*) AS n FROM \(t.relation)) s",
            what: "measuring the layer's extent")
        guard e.rowCount == 1, let w = e.value(0, 0).flatMap(Double.init), let s = e.value(0, 1).flatMap(Double.init),
            let east = e.value(0, 2).flatMap(Double.init), let n = e.value(0, 3).flatMap(Double.init), let count = e.value(0, 4).flatMap(Int.init)
        else {
            throw GeoError(.database, "the table is empty", file: display)
        }
        return (BoundingBox(west: w, south: s, east: east, north: n), count)
    }

    /// The graph of the borders found in the database: sorted, rook mode applied, tripoints.
    func graph(of found: [Border], _ territories: [Territory], toleranceMeters: Double) -> AdjacencyGraph {
        var borders = found.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
        if options.mode == .rook { borders.removeAll { $0.contact == .point } }
        AdjacencyEngine.addTripoints(&borders)
        options.progress?("adjacency (PostGIS)", territories.count, territories.count)
        return AdjacencyGraph(
            territories: territories.sorted { $0.id < $1.id }, borders: borders, mode: options.mode, toleranceMeters: toleranceMeters,
            method: .postgis)
    }

    static func territories(_ t: ResolvedTable, _ db: PostgresConnection) throws(GeoError) -> [Territory] {
        var territories: [Territory] = []
        try db.stream("SELECT \(t.id)::text, \(t.name)::text FROM \(t.relation)", what: "reading ids and names") { (row: PostgresRow) throws(GeoError) in
            let id = row.text(0) ?? ""
            territories.append(Territory(id: id, name: row.text(1) ?? id, level: .province, kind: "feature", geometry: .multiPolygon([])))
        }
        return territories
    }

    static func requirePostGIS(_ db: PostgresConnection) throws(GeoError) {
        let r = try db.query("SELECT extversion FROM pg_extension WHERE extname = 'postgis'", what: "looking for PostGIS")
        guard r.rowCount == 1 else {
            throw GeoError(.database, "the database has no PostGIS extension (CREATE EXTENSION postgis)", file: db.connection.display)
        }
    }

    /// The grid of the partition key.
    struct Grid {
        var x0: Double, y0: Double, size: Double, nx: Int
        /// The cell of a point given by SQL expressions.
        func cell(_ x: String, _ y: String) -> String {
            "(floor((\(x) - \(x0)) / \(size))::bigint + floor((\(y) - \(y0)) / \(size))::bigint * \(nx))"
        }
        /// Every cell a box touches, as a set-returning FROM item over a geometry expression.
        func cells(of g: String) -> String {
            """
            generate_series(floor((ST_XMin(\(g)) - \(x0)) / \(size))::bigint, floor((ST_XMax(\(g)) - \(x0)) / \(size))::bigint) ix,
            generate_series(floor((ST_YMin(\(g)) - \(y0)) / \(size))::bigint, floor((ST_YMax(\(g)) - \(y0)) / \(size))::bigint) iy
            """
        }
        var comment: String { "mapcli grid \(x0) \(y0) \(size) \(nx)" }
        init(x0: Double, y0: Double, size: Double, nx: Int) {
            (self.x0, self.y0, self.size, self.nx) = (x0, y0, size, nx)
        }
        init?(comment: String) {
            let parts = comment.split(separator: " ")
            guard parts.count == 6, parts[0] == "mapcli", parts[1] == "grid", let x0 = Double(parts[2]), let y0 = Double(parts[3]),
                let size = Double(parts[4]), let nx = Int(parts[5]), size > 0, nx > 0
            else { return nil }
            self.init(x0: x0, y0: y0, size: size, nx: nx)
        }
        /// A grid of about `cells` square cells over a box (degrees, written to 1e-9°).
        static func over(west: Double, south: Double, east: Double, north: Double, cells: Int) -> Grid {
            let w = max(east - west, 1e-9), h = max(north - south, 1e-9)
            var size = (w * h / Double(max(cells, 1))).squareRoot()
            size = max(size, max(w, h) / 65_536)
            size = (size * 1e9).rounded(.up) / 1e9
            let x0 = (west * 1e9).rounded(.down) / 1e9, y0 = (south * 1e9).rounded(.down) / 1e9
            return Grid(x0: x0, y0: y0, size: size, nx: Int((w / size).rounded(.down)) + 2)
        }
    }

    /// The grid for a table: the one `mapcli load` wrote beside it, else one over its extent.
    func grid(_ t: ResolvedTable, _ db: PostgresConnection) throws(GeoError) -> (Grid, usesCellsTable: Bool) {
        if let cells = t.cellsRelation {
            let r = try db.query("SELECT obj_description($1::regclass, 'pg_class')", [cells], what: "reading the grid of \(cells)")
            if r.rowCount == 1, let comment = r.value(0, 0), let g = Grid(comment: comment) { return (g, true) }
        }
        let (box, count) = try Self.extent(t, db, table.connection.display)
        return (Grid.over(west: box.west, south: box.south, east: box.east, north: box.north, cells: max(1, count / max(featuresPerCell, 1))), false)
    }

    /// The pair query: candidate pairs within a cell, kept in one cell, with what each needs.
    static func pairQuery(cellsTable: String, grid: Grid, around: Bool = false) -> String {
        // Each expensive value is referenced once or twice only: PostgreSQL inlines a CTE used
        // once and copies its expressions into every reference (a boundary intersection used
        // four times is computed four times). The lines are merged by mapcli (LineMerging,
        // tested against GEOS's ST_LineMerge), the length measured here.
        """
        WITH pairs AS (
          SELECT a.id AS a, b.id AS b, ST_Relate(a.g, b.g) AS m, ST_Intersection(ST_Boundary(a.g), ST_Boundary(b.g)) AS s
          FROM \(cellsTable) a JOIN \(cellsTable) b ON a.cell = b.cell AND a.id < b.id COLLATE "C" AND a.g && b.g
          WHERE a.cell = \(grid.cell("GREATEST(ST_XMin(a.g), ST_XMin(b.g))", "GREATEST(ST_YMin(a.g), ST_YMin(b.g))"))
            AND ST_Intersects(a.g, b.g)\(around ? " AND (a.id = $1 OR b.id = $1)" : "")
        )
        SELECT a, b, m, encode(ST_AsBinary(ST_Force2D(s)), 'hex'), ST_Length(ST_Segmentize(s, 0.1)::geography) FROM pairs
        """
    }

    /// The partition rows of a table mapcli did not load (or of the features around one),
    /// in a temporary table with the same columns, indexed and analysed as `mapcli load`
    /// does: the planner then estimates the join as on a loaded table (made inside the query,
    /// they were estimated at 10¹⁰ rows, and the join spilled to disk).
    /// With `grownByDegrees`, each polygon is listed in the cells its box grown by that much touches
    /// (tolerance mode).
    static func temporaryCells(
        _ t: ResolvedTable, grid: Grid, around: String?, grownByDegrees d: Double = 0, _ db: PostgresConnection
    ) throws(GeoError) -> String {
        let name = "pg_temp.mapcli_cells"
        try db.query("DROP TABLE IF EXISTS \(name)", what: "preparing the partition rows")
        let filter = around == nil ? "" : "WHERE \(t.geometry) && (SELECT \(t.geometry) FROM \(t.relation) WHERE \(t.id)::text = $1)"
        try db.query(
            """
            CREATE TEMPORARY TABLE mapcli_cells AS
            SELECT (ix + iy * \(grid.nx))::bigint AS cell, src.id, src.g
            FROM (SELECT \(t.id)::text AS id, \(t.geometryWGS84) AS g FROM \(t.relation) \(filter)) src, \(grid.cells(of: d > 0 ? "ST_Expand(src.g, \(d))" : "src.g"))
            """, around.map { [$0] } ?? [], what: "writing the partition rows")
        try db.query("CREATE INDEX ON \(name) USING gist (g)", what: "indexing the partition rows")
        try db.query("ANALYZE \(name)", what: "analysing the partition rows")
        return name
    }

    func graph(_ t: ResolvedTable, _ db: PostgresConnection, _ territories: [Territory]) throws(GeoError) -> AdjacencyGraph {
        let names = Dictionary(territories.map { ($0.id, $0.name) }, uniquingKeysWith: { x, _ in x })
        let cellGrid: Grid, usesCells: Bool
        if let around {
            guard names[around] != nil else { throw GeoError(.lookup, "no feature with id \"\(around)\"", file: table.connection.display) }
            // A few features (those whose boxes meet its box): one cell holds them all.
            (cellGrid, usesCells) = (Grid(x0: -540, y0: -270, size: 1080, nx: 1), false)
        } else {
            (cellGrid, usesCells) = try grid(t, db)
        }
        try Self.prepareSession(db)
        let cellsTable = try usesCells ? t.cellsRelation! : Self.temporaryCells(t, grid: cellGrid, around: around, db)
        options.progress?("adjacency (PostGIS)", 0, territories.count)
        var borders: [Border] = []
        var overlapping: (String, String)?
        try db.stream(Self.pairQuery(cellsTable: cellsTable, grid: cellGrid, around: around != nil), around.map { [$0] } ?? [], what: "the adjacency query") {
            (row: PostgresRow) throws(GeoError) in
            guard overlapping == nil, let x = row.text(0), let y = row.text(1), let matrix = row.text(2) else { return }
            let chars = Array(matrix)
            if chars.first != "F" {
                overlapping = (x, y)
                return
            }
            let shared = try row.text(3).map { (hex: String) throws(GeoError) in try WKBReader.geometry(hex: hex) }
            var lines = shared?.lineStrings ?? []
            let points = shared?.points ?? []
            if lines.isEmpty && points.isEmpty && (chars.count < 5 || chars[4] != "0") { return }
            if lines.count > 1 { lines = LineMerging.mergeLines(lines) }
            let (a, b) = x < y ? (x, y) : (y, x)
            let sorted = Border.canonicalLines(lines)
            borders.append(
                Border(
                    a: a, b: b, contact: sorted.isEmpty ? .point : .edge, lengthMeters: row.text(4).flatMap(Double.init) ?? 0,
                    lines: sorted.map(\.line), points: points.sorted(by: AdjacencyEngine.coordinateOrder)))
        }
        if let (x, y) = overlapping {
            let area = try db.query(
                """
                SELECT ST_Area(ST_Intersection(a.g, b.g)::geography) FROM
                  (SELECT \(t.geometryWGS84) AS g FROM \(t.relation) WHERE \(t.id)::text = $1) a,
                  (SELECT \(t.geometryWGS84) AS g FROM \(t.relation) WHERE \(t.id)::text = $2) b
                """, [x, y], what: "measuring an overlap")
            let km2 = (area.value(0, 0).flatMap(Double.init) ?? 0) / 1e6
            throw GeoError(
                .analysis,
                "\(names[x] ?? x) (\(x)) and \(names[y] ?? y) (\(y)) overlap by \(NumberFormatting.fixed(km2, 6)) km²; exact mode needs polygons that share edges without overlapping: use --tolerance (e.g. --tolerance 50m) with mapcli's own engine for data that do not align")
        }
        return graph(of: borders, territories, toleranceMeters: 0)
    }
}

/// Where the pairwise work of adjacency runs: mapcli's own engine on
/// territories in memory, or the database (`PostGISAdjacency`).
public protocol AdjacencyBackend: Sendable {
    func adjacencyGraph() throws(GeoError) -> AdjacencyGraph
}

/// mapcli's own engine on territories held in memory.
public struct InMemoryAdjacency: AdjacencyBackend {
    public var engine: AdjacencyEngine
    public var territories: [Territory]
    public init(engine: AdjacencyEngine, territories: [Territory]) {
        self.engine = engine
        self.territories = territories
    }
    public func adjacencyGraph() throws(GeoError) -> AdjacencyGraph { try engine.graph(of: territories) }
}
