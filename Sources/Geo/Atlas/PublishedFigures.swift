import Foundation

/// An official figure to stand beside a measured one: the area of a
/// territory or the length of a border, with where it was published.
public struct PublishedFigure: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable {
        case area
        case border
    }
    public var kind: Kind
    /// The territory (area), or one side of the border.
    public var id: String
    /// The other side of the border; nil for an area.
    public var otherID: String?
    /// In km² for an area, km for a border.
    public var value: Double
    /// "km2" or "km".
    public var unit: String
    public var source: String
    public var year: Int?
    public var note: String?

    /// "712 km² (State Statistical Committee of Azerbaijan, 2011)"
    public var citation: String { source + (year.map { ", \($0)" } ?? "") }
}

/// The published figures of the shipped data (`geodata/published.csv`), or
/// none for a user's layer.
///
/// Invariants: at most one area per territory id and one border per
/// unordered pair of ids (a second row for either is an error naming both
/// lines); every value is positive and finite; an area is in `km2` and a
/// border in `km` (a row with another unit, or none, is refused).
public struct PublishedFigures: Sendable, Hashable {
    private var areas: [String: PublishedFigure] = [:]
    private var borders: [String: PublishedFigure] = [:]

    public init() {}

    public var isEmpty: Bool { areas.isEmpty && borders.isEmpty }
    public var count: Int { areas.count + borders.count }

    /// Every figure: areas by id, then borders by pair.
    public var all: [PublishedFigure] {
        areas.keys.sorted().map { areas[$0]! } + borders.keys.sorted().map { borders[$0]! }
    }

    public func area(of id: String) -> PublishedFigure? { areas[id] }

    public func border(_ a: String, _ b: String) -> PublishedFigure? { borders[Self.pairKey(a, b)] }

    private static func pairKey(_ a: String, _ b: String) -> String { a < b ? "\(a)|\(b)" : "\(b)|\(a)" }

    /// Reads the table: a header `kind,id,other,value,unit,source,year,note`
    /// (in any order, other columns ignored), one figure per row.
    public static func read(path: String) throws(GeoError) -> PublishedFigures {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw GeoError(.io, "cannot read the published figures: \(error.localizedDescription)", file: path)
        }
        return try parse(text, file: path)
    }

    public static func parse(_ text: String, file: String) throws(GeoError) -> PublishedFigures {
        let records = try CSVReader.records(text, file: file)
        guard let header = records.first else { return PublishedFigures() }
        var column: [String: Int] = [:]
        for (i, name) in header.enumerated() { column[name.trimmingCharacters(in: .whitespaces)] = i }
        for name in ["kind", "id", "other", "value", "unit", "source", "year", "note"] where column[name] == nil {
            throw GeoError(.schema, "the header has no column \"\(name)\"", file: file)
        }
        var figures = PublishedFigures()
        var lineOf: [String: Int] = [:]
        for (n, r) in records.enumerated().dropFirst() {
            func field(_ name: String) -> String { r[column[name]!].trimmingCharacters(in: .whitespaces) }
            func fail(_ message: String) -> GeoError { GeoError(.schema, "record \(n + 1) (\(r.joined(separator: ","))): \(message)", file: file) }
            guard let kind = PublishedFigure.Kind(rawValue: field("kind")) else {
                throw fail("kind must be area or border, not \"\(field("kind"))\"")
            }
            let id = field("id"), other = field("other")
            guard !id.isEmpty else { throw fail("no id") }
            guard let value = Double(field("value").replacingOccurrences(of: "_", with: "")), value.isFinite, value > 0 else {
                throw fail("value \"\(field("value"))\" is not a positive number")
            }
            let unit = field("unit")
            let key: String
            switch kind {
            case .area:
                guard unit == "km2" else { throw fail("an area is in km2, not \"\(unit)\"") }
                guard other.isEmpty else { throw fail("an area has no other side") }
                key = "area:" + id
            case .border:
                guard unit == "km" else { throw fail("a border length is in km, not \"\(unit)\"") }
                guard !other.isEmpty, other != id else { throw fail("a border needs two different sides") }
                key = "border:" + pairKey(id, other)
            }
            if let first = lineOf[key] { throw fail("a second figure for the same \(kind.rawValue) (the first is record \(first))") }
            lineOf[key] = n + 1
            let source = field("source")
            guard !source.isEmpty else { throw fail("no source") }
            let yearText = field("year")
            let year = Int(yearText)
            if !yearText.isEmpty && year == nil { throw fail("year \"\(yearText)\" is not a year") }
            let note = field("note")
            let f = PublishedFigure(
                kind: kind, id: id, otherID: other.isEmpty ? nil : other, value: value, unit: unit, source: source,
                year: year, note: note.isEmpty ? nil : note)
            switch kind {
            case .area: figures.areas[id] = f
            case .border: figures.borders[pairKey(id, other)] = f
            }
        }
        return figures
    }
}
