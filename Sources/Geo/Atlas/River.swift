/// A river of the shipped context layer (`geodata/rivers.geojson`): drawn
/// on maps, never used in any measure. Many borders of the region follow
/// rivers (the Araks, the Akhurian, the Alazani, the Samur), so a reader
/// needs to see them.
public struct River: Sendable, Hashable {
    public var id: String
    /// Its name, where the data names it (WDBII lines carry none; names come from geodata/build's table).
    public var name: String?
    /// A major river (drawn heavier).
    public var major: Bool
    public var geometry: Geometry

    public init(id: String, name: String?, major: Bool, geometry: Geometry) {
        self.id = id
        self.name = name
        self.major = major
        self.geometry = geometry
    }
}
