import ArgumentParser
import Geo

struct Load: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a layer into a PostGIS table, ready for --engine postgis.",
        discussion: """
            Reads the files as --data does (GeoJSON, anything GDAL reads, a PostGIS table with --layer), \
            checks them (ids unique, polygons valid; --repair fixes them) and writes, in one transaction, \
            TABLE (id, name, geom: MultiPolygon in EPSG:4326, GiST index) and TABLE_cells (cell, id, g), \
            the partition key the adjacency query joins on: one row per grid cell each polygon's box touches. \
            On Citus, distribute TABLE_cells by cell (docs/postgis.md).

            Examples:
              mapcli load districts.gpkg --db postgresql://localhost/gis --table districts
              mapcli load parcels.fgb --db 'host=/tmp dbname=gis' --table cadastre.parcels --replace
              mapcli adjacency --engine postgis --db postgresql://localhost/gis --table districts
            """)

    @Argument(help: ArgumentHelp("The layer's files (as --data takes them; '-' for standard input).", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("The database, as a postgresql:// URI, PG:… or libpq keywords ('host=… dbname=…'); its password with PGPASSWORD, ~/.pgpass or a service file, not here, where other users can read it.", valueName: "connection"))
    var db: String

    @Option(help: ArgumentHelp("The table to write, table or schema.table.", valueName: "table"))
    var table: String

    @Flag(help: "Replace the table (and its _cells) when it exists.")
    var replace = false

    @Option(help: ArgumentHelp("Features per cell of the partition grid: fewer make more, smaller cells.", valueName: "n"))
    var featuresPerCell: Int = 32

    @OptionGroup var reading: FeatureReading

    func validate() throws {
        if featuresPerCell < 1 { throw ValidationError("--features-per-cell must be at least 1") }
        // PostgreSQL keeps 63 bytes of a name and cuts the rest with only a notice, and the
        // partition table adds "_cells": refused before anything is read or written.
        let parts = table.split(separator: ".", omittingEmptySubsequences: false)
        if let name = parts.last, name.utf8.count + 6 > 63 {
            throw ValidationError("--table: the table name is \(name.utf8.count) bytes; PostgreSQL keeps 63 and its partition table (NAME_cells) needs 6 more: give at most 57")
        }
        if parts.count == 2, parts[0].utf8.count > 63 {
            throw ValidationError("--table: the schema name is \(parts[0].utf8.count) bytes; PostgreSQL keeps 63")
        }
        try reading.check(files)
    }

    func run() throws {
        let atlas = try reading.atlas(files)
        var loader = PostGISLoader(connection: PostgresConnectionString(db), table: table, replace: replace)
        loader.featuresPerCell = featuresPerCell
        let summary = try loader.load(atlas.territories)
        try ResultWriter.emit(
            "loaded \(summary.features) feature\(summary.features == 1 ? "" : "s") into \(summary.table); partition key: \(summary.cellRows) rows in \(summary.cells) grid cells in \(summary.cellsTable)\n",
            to: nil)
    }
}
