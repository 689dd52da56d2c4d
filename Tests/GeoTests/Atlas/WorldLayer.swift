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
