import Foundation

/// The one error type of the library. Its message names where the problem is
/// (file, feature index and id, JSON path) and what is wrong.
public struct GeoError: Error, LocalizedError, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Hashable, Sendable {
        /// A file could not be read or written.
        case io
        /// The bytes are not JSON.
        case syntax
        /// Valid JSON, but not valid GeoJSON (wrong type, missing member, bad ring…).
        case schema
        /// A geometry is invalid in the OGC sense (self-intersection…).
        case invalidGeometry
        /// GEOS raised an exception during an operation.
        case geos
        /// PROJ failed.
        case proj
        /// GDAL/OGR could not open, read or write a dataset.
        case gdal
        /// A name or id that is not known.
        case lookup
        /// Arguments that cannot be satisfied (bad width, unknown level…).
        case invalidArgument
        /// An analysis could not be carried out on valid input.
        case analysis
        /// Input beyond a documented limit.
        case limit
        /// PostgreSQL/PostGIS: a connection, a table or a query failed.
        case database
    }

    public var kind: Kind
    public var message: String
    /// The file path, or `-` for standard input.
    public var file: String?
    /// The layer of a multi-layer source (GeoPackage, PostGIS, …).
    public var layer: String?
    /// Zero-based index of the feature in its collection.
    public var featureIndex: Int?
    /// The feature's `id`, when it has one.
    public var featureID: String?
    /// A JSON path such as `$.features[3].geometry.coordinates[0][2]`.
    public var jsonPath: String?
    /// The GEOS or PROJ operation that failed.
    public var operation: String?
    /// PostgreSQL's SQLSTATE code of a failed query (42P01: no such table).
    public var sqlState: String?

    public init(
        _ kind: Kind, _ message: String, file: String? = nil, featureIndex: Int? = nil,
        featureID: String? = nil, jsonPath: String? = nil, operation: String? = nil
    ) {
        self.kind = kind
        self.message = message
        self.file = file
        self.featureIndex = featureIndex
        self.featureID = featureID
        self.jsonPath = jsonPath
        self.operation = operation
    }

    /// `file, layer "l", feature 3 (id "AM-SU"), at $.features[3].geometry: message`
    public var description: String {
        var parts: [String] = []
        if let file { parts.append(file) }
        if let layer { parts.append("layer \"\(layer)\"") }
        if let featureIndex {
            var s = "feature \(featureIndex)"
            if let featureID { s += " (id \"\(featureID)\")" }
            parts.append(s)
        } else if let featureID {
            parts.append("feature id \"\(featureID)\"")
        }
        if let jsonPath { parts.append("at \(jsonPath)") }
        if let operation { parts.append("in \(operation)") }
        return parts.isEmpty ? message : parts.joined(separator: ", ") + ": " + message
    }

    public var errorDescription: String? { description }

    /// The same error with the file filled in where it was not known yet.
    public func inFile(_ path: String) -> GeoError {
        var e = self
        if e.file == nil { e.file = path }
        return e
    }

    /// The same error in a layer of its source.
    public func inLayer(_ name: String?) -> GeoError {
        var e = self
        if e.layer == nil { e.layer = name }
        return e
    }

    /// The same error attributed to a feature.
    public func inFeature(index: Int?, id: String?) -> GeoError {
        var e = self
        if e.featureIndex == nil { e.featureIndex = index }
        if e.featureID == nil { e.featureID = id }
        return e
    }
}
