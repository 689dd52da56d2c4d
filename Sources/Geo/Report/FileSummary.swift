/// What `mapcli info` reports about one feature. Units are in the names.
public struct FeatureSummary: Codable, Hashable, Sendable {
    public var index: Int
    public var id: String?
    public var name: String?
    /// GeoJSON type name, or "null" for a feature without geometry.
    public var geometryType: String
    public var vertexCount: Int
    /// [west, south, east, north] in degrees.
    public var bbox: [Double]?
    public var valid: Bool
    /// GEOS's reason when invalid.
    public var invalidReason: String?
    /// [longitude, latitude] of the problem GEOS found.
    public var invalidLocation: [Double]?
    /// What `--repair` changed, when it ran.
    public var repair: String?
    /// Geodesic area on WGS84, for polygons.
    public var areaKm2: Double?
    /// Geodesic length on WGS84, for lines (perimeter is not reported).
    public var lengthKm: Double?
    /// The official area of the feature's territory (by id), where the file
    /// has published figures beside it (the shipped `published.csv`).
    public var published: PublishedComparison?
    /// The feature says it is clipped to a region (`clipped: true`): its area is not the whole.
    public var clipped: Bool?
}

/// One property of a layer, as `mapcli info` lists it: so that a user can
/// see which field to give as `--id-field` or `--name-field`.
public struct FieldSummary: Codable, Hashable, Sendable {
    public var name: String
    /// "text", "number", "boolean", "json" (arrays, objects) or "mixed".
    public var type: String
    /// Features where it is present and not null.
    public var featureCount: Int
}

/// What `mapcli info` reports about one file.
public struct FileSummary: Codable, Hashable, Sendable {
    public var file: String
    public var featureCount: Int
    public var vertexCount: Int
    public var bbox: [Double]?
    public var invalidCount: Int
    /// The features' properties, by name.
    public var fields: [FieldSummary] = []
    public var features: [FeatureSummary]
    public var warnings: [String]
}

extension FileSummary {
    /// What is wrong with the file, one message per problem: invalid geometry
    /// (unless repaired), null geometry, GeometryCollections, duplicate ids.
    public var problems: [String] {
        var found: [String] = []
        var seen: [String: Int] = [:]
        // The readers refuse an empty layer for every other command; info says so too.
        if features.isEmpty { found.append("\(file): no features; an empty layer has nothing to map or measure") }
        for f in features {
            let at = "\(file), feature \(f.index)" + (f.id.map { " (id \"\($0)\")" } ?? "")
            if !f.valid && f.repair == nil {
                let loc = f.invalidLocation.map { " at \(NumberFormatting.fixed($0[0], 6)),\(NumberFormatting.fixed($0[1], 6))" } ?? ""
                found.append("\(at): invalid geometry: \(f.invalidReason ?? "?")\(loc); use --repair to fix it")
            }
            if f.geometryType == "null" { found.append("\(at): the geometry is null; nothing to map or measure") }
            if f.geometryType == "GeometryCollection" {
                found.append("\(at): a GeometryCollection (RFC 7946 §3.1.8 advises against it; use a Multi* geometry)")
            }
            if let id = f.id {
                if let first = seen[id] {
                    found.append("\(at): duplicate id \"\(id)\" (feature \(first) has it too)")
                } else {
                    seen[id] = f.index
                }
            }
        }
        return found
    }
}

/// Summarises features: types, sizes, bounds, validity and geodesic measures.
public enum FeatureInspector {
    /// - Parameter repair: run make-valid on invalid geometries and report the
    ///   summary of the repaired geometry with what changed.
    ///   - published: official areas to set beside the measured ones, by feature id.
    public static func summarize(
        _ collection: FeatureCollection, repair: Bool = false, published: PublishedFigures = PublishedFigures()
    ) throws(GeoError) -> FileSummary {
        let ctx = try GEOSContext()
        var summaries: [FeatureSummary] = []
        var box: BoundingBox?
        var invalid = 0
        for (i, f) in collection.features.enumerated() {
            var s = FeatureSummary(
                index: i, id: f.id?.description ?? f.properties["id"].flatMap { $0 == .null ? nil : $0.displayText }, name: f.string("name"),
                geometryType: f.geometry?.typeName ?? "null", vertexCount: 0, bbox: nil, valid: true,
                clipped: f.properties["clipped"]?.boolValue == true ? true : nil)
            if var g = f.geometry {
                do throws(GeoError) {
                    let report = try ctx.make(g).validity()
                    if !report.isValid {
                        s.valid = false
                        s.invalidReason = report.reason
                        s.invalidLocation = report.location.map { [$0.longitude, $0.latitude] }
                        if repair {
                            let before = Geodesic.areaSquareMeters(g)
                            g = try ctx.value(of: ctx.make(g).makeValid())
                            let after = Geodesic.areaSquareMeters(g)
                            s.repair =
                                "make-valid: \(report.reason) fixed; now \(g.typeName), area "
                                + "\(NumberFormatting.fixed(before / 1e6, 6)) km² before, \(NumberFormatting.fixed(after / 1e6, 6)) km² after"
                            s.geometryType = g.typeName
                        } else {
                            invalid += 1
                        }
                    }
                } catch {
                    throw error.inFeature(index: i, id: f.id?.description).inFile(collection.source)
                }
                s.vertexCount = g.vertexCount
                if let b = g.boundingBox {
                    s.bbox = b.array.map { NumberFormatting.rounded($0, decimals: 6) }
                    box = box.map { $0.union(b) } ?? b
                }
                switch g.dimension {
                case 2:
                    let km2 = Geodesic.areaSquareMeters(g) / 1e6
                    s.areaKm2 = NumberFormatting.rounded(km2, decimals: 3)
                    if let id = s.id, let figure = published.area(of: id) { s.published = PublishedComparison(measured: km2, figure) }
                case 1: s.lengthKm = NumberFormatting.rounded(Geodesic.lengthMeters(g) / 1e3, decimals: 3)
                default: break
                }
            }
            summaries.append(s)
        }
        return FileSummary(
            file: collection.source, featureCount: summaries.count,
            vertexCount: summaries.reduce(0) { $0 + $1.vertexCount },
            bbox: box.map { $0.array.map { NumberFormatting.rounded($0, decimals: 6) } },
            invalidCount: invalid, fields: fields(of: collection), features: summaries, warnings: collection.warnings)
    }

    /// The properties of a layer's features, by name, with their type and how
    /// many features have them (not null).
    static func fields(of collection: FeatureCollection) -> [FieldSummary] {
        var found: [String: FieldSummary] = [:]
        for f in collection.features {
            for (name, value) in f.properties {
                let type: String
                switch value {
                case .null: continue
                case .bool: type = "boolean"
                case .number: type = "number"
                case .string: type = "text"
                case .array, .object: type = "json"
                }
                var field = found[name] ?? FieldSummary(name: name, type: type, featureCount: 0)
                if field.type != type { field.type = "mixed" }
                field.featureCount += 1
                found[name] = field
            }
        }
        return found.values.sorted { $0.name < $1.name }
    }
}
