/// Tolerance mode in PostGIS (`--engine postgis --tolerance 50m`, issue 18):
/// boundaries that run within the tolerance of each other count as a shared
/// border, found by the database with `ST_DWithin` and `geography` buffers.
///
/// The definition, and where it differs from mapcli's own tolerance mode
/// (which probes perpendicular to each boundary, `ToleranceAdjacency`):
/// - Candidates: boxes grown by the tolerance (in degrees, at the layer's
///   highest latitude) meet, and `ST_DWithin` on the ellipsoid holds.
/// - The stretch of A matched with B: A's boundary inside B's boundary
///   buffered by the tolerance (`ST_Buffer` on `geography`, which PostGIS
///   does in a local metric projection); and B's inside A's. The length is the
///   mean of the two, on the ellipsoid (measured by mapcli on the returned
///   lines); the lines drawn are A's (A the lower id). mapcli's probes also
///   match only facing sides, so a side running on in line with the other's
///   end is matched here for up to the tolerance and not there.
/// - The contact is an edge when that mean exceeds 4 × the tolerance (as the
///   C reference of `make bench`), else a point, at the middle of the
///   shortest line between them: corners within the tolerance are points
///   here where mapcli's probes may find a stretch a few centimetres long.
/// - Overlap: the area of the intersection on the ellipsoid; widest gap: the
///   largest distance from a vertex of A's matched stretch to B.
/// The partition key is the exact query's grid, drawn over boxes grown by the
/// tolerance (a temporary table, always: cells written by mapcli load are of
/// the ungrown boxes), and the same deduplication.
extension PostGISAdjacency {
    func toleranceGraph(_ t: ResolvedTable, _ db: PostgresConnection, _ territories: [Territory], toleranceMeters tol: Double) throws(GeoError)
        -> AdjacencyGraph
    {
        let (box, count) = try Self.extent(t, db, table.connection.display)
        let d = AdjacencyEngine.degrees(forMeters: tol, near: box)
        let grid = Grid.over(
            west: box.west - d, south: box.south - d, east: box.east + d, north: box.north + d, cells: max(1, count / max(featuresPerCell, 1)))
        try Self.prepareSession(db)
        let cells = try Self.temporaryCells(t, grid: grid, around: nil, grownByDegrees: d, db)
        // The matched stretches are used several times each: computed once (MATERIALIZED; this
        // path works on a temporary table, never a distributed one).
        let sql = """
            WITH pairs AS (
              SELECT a.id AS a, b.id AS b, a.g AS ag, b.g AS bg
              FROM \(cells) a JOIN \(cells) b ON a.cell = b.cell AND a.id < b.id COLLATE "C" AND ST_Expand(a.g, \(d)) && b.g
              WHERE a.cell = \(grid.cell("GREATEST(ST_XMin(a.g), ST_XMin(b.g)) - \(d)", "GREATEST(ST_YMin(a.g), ST_YMin(b.g)) - \(d)"))
                AND ST_DWithin(a.g::geography, b.g::geography, $1::float8)
            ),
            near AS MATERIALIZED (
              SELECT a, b, ag, bg,
                ST_CollectionExtract(ST_Intersection(ST_Boundary(ag), ST_Buffer(ST_Boundary(bg)::geography, $1::float8)::geometry), 2) AS lab,
                ST_CollectionExtract(ST_Intersection(ST_Boundary(bg), ST_Buffer(ST_Boundary(ag)::geography, $1::float8)::geometry), 2) AS lba
              FROM pairs
            )
            SELECT a, b, encode(ST_AsBinary(ST_Force2D(lab)), 'hex'), encode(ST_AsBinary(ST_Force2D(lba)), 'hex'),
                   CASE WHEN ST_Intersects(ag, bg) THEN ST_Area(ST_Intersection(ag, bg)::geography) ELSE 0 END,
                   CASE WHEN ST_IsEmpty(lab) THEN ST_Distance(ag::geography, bg::geography)
                        ELSE (SELECT max(ST_Distance(p.geom::geography, bg::geography)) FROM ST_DumpPoints(lab) p) END,
                   encode(ST_AsBinary(ST_Force2D(ST_Centroid(ST_ShortestLine(ag, bg)))), 'hex')
            FROM near
            """
        options.progress?("adjacency (PostGIS)", 0, territories.count)
        var borders: [Border] = []
        try db.stream(sql, [String(tol)], what: "the tolerance query") { (row: PostgresRow) throws(GeoError) in
            guard let x = row.text(0), let y = row.text(1) else { return }
            let ab = try row.text(2).map { (hex: String) throws(GeoError) in try WKBReader.geometry(hex: hex).lineStrings } ?? []
            let ba = try row.text(3).map { (hex: String) throws(GeoError) in try WKBReader.geometry(hex: hex).lineStrings } ?? []
            let lengthAB = ab.reduce(0.0) { $0 + Geodesic.lengthMeters($1.coordinates) }
            let lengthBA = ba.reduce(0.0) { $0 + Geodesic.lengthMeters($1.coordinates) }
            let length = (lengthAB + lengthBA) / 2
            let edge = length > 4 * tol
            var lines = edge ? ab : []
            if lines.count > 1 { lines = LineMerging.mergeLines(lines) }
            let middle = try row.text(6).map { (hex: String) throws(GeoError) in try WKBReader.geometry(hex: hex).points } ?? []
            let (a, b) = x < y ? (x, y) : (y, x)
            borders.append(
                Border(
                    a: a, b: b, contact: edge ? .edge : .point, lengthMeters: edge ? length : 0,
                    lines: Border.canonicalLines(lines).map(\.line), points: edge ? [] : middle,
                    overlapAreaSquareMeters: row.text(4).flatMap(Double.init) ?? 0, maxGapMeters: row.text(5).flatMap(Double.init) ?? 0))
        }
        return graph(of: borders, territories, toleranceMeters: tol)
    }
}
