/// The part of a PostGIS layer that a local question needs (issue 18): for a
/// corridor, the features whose boxes meet the corridor's reach and every
/// feature touching one of them, with their polygons. The GiST index finds
/// them in the database; only they travel, as WKB, and mapcli's own corridor
/// analysis runs on them.
///
/// Invariant: every territory the analysis can look at is in the answer. A
/// corridor takes land only inside its box; the borders it can change are
/// those of the territories it crosses, with their neighbours (who touch
/// them, so are fetched); a link joins two crossed territories. So the
/// report on the selection is the report on the whole layer.
extension PostGISAdjacency {
    /// The features a corridor can reach up to `widestMeters` wide (its box grown by half
    /// that and 1 km), with their neighbours.
    public func territories(reachedBy spec: CorridorSpec, widestMeters: Double) throws(GeoError) -> [Territory] {
        guard let box = (spec.polygon ?? spec.route.map { .lineString($0) })?.boundingBox else {
            throw GeoError(.invalidArgument, "the corridor has no extent")
        }
        let grow = AdjacencyEngine.degrees(forMeters: widestMeters / 2 + 1000, near: box)
        return try territories(near: BoundingBox(west: box.west - grow, south: box.south - grow, east: box.east + grow, north: box.north + grow))
    }

    public func territories(near box: BoundingBox) throws(GeoError) -> [Territory] {
        let (db, t) = try Self.open(table)
        try Self.prepareSession(db)
        let envelope = "ST_Transform(ST_MakeEnvelope($1::float8, $2::float8, $3::float8, $4::float8, 4326), \(t.srid))"
        var territories: [Territory] = []
        try db.stream(
            """
            WITH near AS (SELECT \(t.id) AS id, \(t.geometry) AS g FROM \(t.relation) WHERE \(t.geometry) && \(envelope)),
            chosen AS (
              SELECT id FROM near
              UNION
              SELECT x.\(t.id) FROM \(t.relation) x JOIN near n ON x.\(t.geometry) && n.g AND ST_Intersects(x.\(t.geometry), n.g)
            )
            SELECT \(t.id)::text, \(t.name)::text, encode(ST_AsBinary(ST_Force2D(\(t.geometryWGS84))), 'hex')
            FROM \(t.relation) WHERE \(t.id) IN (SELECT id FROM chosen)
            """, [box.west, box.south, box.east, box.north].map { String($0) }, what: "selecting the features near the corridor"
        ) { (row: PostgresRow) throws(GeoError) in
            let id = row.text(0) ?? ""
            do throws(GeoError) {
                let g = try WKBReader.geometry(hex: row.text(2) ?? "")
                territories.append(Territory(id: id, name: row.text(1) ?? id, level: .province, kind: "province", geometry: .polygonal(g.polygons)))
            } catch {
                throw error.inFeature(index: nil, id: id)
            }
        }
        return territories.sorted { $0.id < $1.id }
    }
}
