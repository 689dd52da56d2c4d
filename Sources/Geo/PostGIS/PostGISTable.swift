/// A layer that lives in PostGIS: a table (or view) with an id, a name and a
/// polygon geometry column, found and checked through the catalogue before
/// any pairwise work is sent to the server.
///
/// Invariants:
/// - Identifiers are never pasted from user text into SQL: the table is
///   resolved by `to_regclass` (a parameter), columns are checked against
///   `pg_attribute`, and both go into queries quoted by `quote_ident` /
///   `regclass` output as the server spells them.
/// - The geometry column is PostGIS `geometry`, of polygons (by its type
///   modifier, else by a scan that stops at the first other type), with an
///   SRID; queries read it as `ST_Transform(g, 4326)` when it is not 4326.
/// - Ids are unique and not NULL, geometries not NULL, not empty and valid
///   (each checked by a query that stops at the first offender, which the
///   error names).
public struct PostGISTable: Sendable, Hashable {
    public var connection: PostgresConnectionString
    /// `table` or `schema.table`, as `to_regclass` reads it.
    public var table: String
    public var idColumn: String?
    public var geometryColumn: String?
    public var nameColumn: String?

    public init(connection: PostgresConnectionString, table: String, idColumn: String? = nil, geometryColumn: String? = nil, nameColumn: String? = nil) {
        self.connection = connection
        self.table = table
        self.idColumn = idColumn
        self.geometryColumn = geometryColumn
        self.nameColumn = nameColumn
    }
}

/// A table found in the catalogue, with SQL fragments safe to use.
struct ResolvedTable {
    /// The table as the server names it (`regclass` output, quoted where needed).
    let relation: String
    let id: String
    let name: String
    let geometry: String
    let srid: Int
    /// The geometry in WGS84 degrees, as an SQL expression over the table's columns.
    var geometryWGS84: String { srid == 4326 ? geometry : "ST_Transform(\(geometry), 4326)" }
    /// Said on standard error by the caller (a reprojection).
    var notes: [String] = []
    /// The companion of cells written by `mapcli load`, when it is there and as new as the table's last load.
    var cellsRelation: String?

    static func resolve(_ t: PostGISTable, _ db: PostgresConnection) throws(GeoError) -> ResolvedTable {
        func fail(_ message: String) -> GeoError {
            var e = GeoError(.database, message, file: t.connection.display)
            e.layer = t.table
            return e
        }
        let found = try db.query("SELECT to_regclass($1)::oid::text, to_regclass($1)::text", [t.table], what: "finding the table")
        guard found.rowCount == 1, let oid = found.value(0, 0), let relation = found.value(0, 1) else {
            throw fail("no table or view named \"\(t.table)\" (give schema.table, as psql's \\dt lists it)")
        }
        let columns = try db.query(
            """
            SELECT a.attname, quote_ident(a.attname), t.typname, format_type(a.atttypid, a.atttypmod)
            FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
            WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum
            """, [oid], what: "reading the table's columns")
        var byName: [String: (quoted: String, type: String, full: String)] = [:]
        var order: [String] = []
        for r in 0..<columns.rowCount {
            guard let name = columns.value(r, 0), let quoted = columns.value(r, 1), let type = columns.value(r, 2), let full = columns.value(r, 3) else { continue }
            byName[name] = (quoted, type, full)
            order.append(name)
        }
        let list = order.joined(separator: ", ")
        func column(_ name: String, _ option: String) throws(GeoError) -> (quoted: String, type: String, full: String) {
            guard let c = byName[name] else { throw fail("has no column \"\(name)\" (\(option)); its columns: \(list)") }
            return c
        }
        // The geometry column.
        let geometryName: String
        if let g = t.geometryColumn {
            geometryName = g
        } else {
            let candidates = order.filter { byName[$0]?.type == "geometry" }
            guard let only = candidates.first else {
                throw fail("has no PostGIS geometry column (its columns: \(list)); a geography column can be cast: CREATE VIEW v AS SELECT …, g::geometry")
            }
            guard candidates.count == 1 else {
                throw fail("has several geometry columns (\(candidates.joined(separator: ", "))): say which with --geom-column")
            }
            geometryName = only
        }
        let g = try column(geometryName, "--geom-column")
        guard g.type == "geometry" else { throw fail("column \"\(geometryName)\" is \(g.full), not a PostGIS geometry") }
        // The id and name columns.
        let idName: String
        if let i = t.idColumn {
            idName = i
        } else if byName["id"] != nil {
            idName = "id"
        } else {
            throw fail("has no column \"id\": say which column names the features with --id-column (its columns: \(list))")
        }
        let id = try column(idName, "--id-column")
        let nameQuoted: String
        if let n = t.nameColumn {
            nameQuoted = try column(n, "--name-column").quoted
        } else {
            nameQuoted = byName["name"]?.quoted ?? id.quoted
        }
        // Polygons only: by the type modifier when there is one, else by looking.
        let declared = g.full.lowercased()
        if let open = declared.firstIndex(of: "(") {
            let kind = declared[declared.index(after: open)...].prefix { $0.isLetter }
            if !["polygon", "multipolygon", "geometry"].contains(String(kind)) {
                throw fail("column \"\(geometryName)\" holds \(kind) geometries (\(g.full)); adjacency needs polygons")
            }
        }
        let geometry = g.quoted
        var table = ResolvedTable(relation: relation, id: id.quoted, name: nameQuoted, geometry: geometry, srid: 0)
        let other = try db.query(
            """
            SELECT \(id.quoted)::text, GeometryType(\(geometry)) FROM \(relation)
            WHERE \(geometry) IS NULL OR GeometryType(\(geometry)) NOT IN ('POLYGON', 'MULTIPOLYGON') OR ST_IsEmpty(\(geometry)) LIMIT 1
            """, what: "checking the geometry types")
        if other.rowCount > 0 {
            let fid = other.value(0, 0) ?? "NULL"
            let type = other.value(0, 1)
            var e = fail(type == nil ? "the geometry is NULL" : type == "POLYGON" || type == "MULTIPOLYGON" ? "the \(type!.lowercased()) is empty" : "a \(type!) where a polygon was expected; adjacency needs polygons")
            e.featureID = fid
            throw e
        }
        let duplicate = try db.query(
            "SELECT \(id.quoted)::text, count(*) FROM \(relation) GROUP BY 1 HAVING count(*) > 1 OR \(id.quoted) IS NULL ORDER BY 1 LIMIT 1",
            what: "checking the ids")
        if duplicate.rowCount > 0 {
            guard let value = duplicate.value(0, 0) else { throw fail("a feature has a NULL id (column \(id.quoted))") }
            throw fail("duplicate id \"\(value)\" (\(duplicate.value(0, 1) ?? "?") features); ids must be unique")
        }
        let srids = try db.query("SELECT DISTINCT ST_SRID(\(geometry)) FROM \(relation) LIMIT 2", what: "reading the SRID")
        guard srids.rowCount == 1, let srid = srids.value(0, 0).flatMap(Int.init) else {
            throw fail("column \"\(geometryName)\" mixes SRIDs; give it one (ST_Transform)")
        }
        guard srid != 0 else {
            throw fail("column \"\(geometryName)\" has no SRID (0): say what it is with UpdateGeometrySRID, or load it with mapcli load")
        }
        table = ResolvedTable(relation: relation, id: id.quoted, name: nameQuoted, geometry: geometry, srid: srid)
        if srid != 4326 { table.notes.append("\(relation): reprojected from SRID \(srid) to WGS84 (EPSG:4326) in the database") }
        let invalid = try db.query(
            "SELECT \(id.quoted)::text, ST_IsValidReason(\(geometry)) FROM \(relation) WHERE NOT ST_IsValid(\(geometry)) ORDER BY 1 LIMIT 1",
            what: "checking validity")
        if invalid.rowCount > 0 {
            var e = GeoError(.invalidGeometry, "invalid polygon: \(invalid.value(0, 1) ?? "?") (repair it with ST_MakeValid, or read it with --data and --repair)", file: t.connection.display)
            e.layer = t.table
            e.featureID = invalid.value(0, 0)
            throw e
        }
        // A partition companion written by mapcli load.
        // Only for the columns it was written from (id, geom in 4326), as mapcli load writes them.
        if t.idColumn ?? "id" == "id", geometryName == "geom", srid == 4326 {
            let companion = relation.hasSuffix("\"") ? String(relation.dropLast()) + "_cells\"" : relation + "_cells"
            let cells = try db.query("SELECT to_regclass($1)::text", [companion], what: "finding the cells table")
            table.cellsRelation = cells.rowCount == 1 ? cells.value(0, 0) : nil
        }
        return table
    }
}
