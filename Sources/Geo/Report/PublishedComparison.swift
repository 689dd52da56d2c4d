/// A measured figure beside its published one: the published value, its
/// source, and how far the measured one is from it.
///
/// Invariant: `differencePercent` = (measured − published) / published × 100,
/// rounded to 0.1 %, so a measured figure larger than the published one has a
/// positive difference.
public struct PublishedComparison: Codable, Hashable, Sendable {
    /// The published value, in `unit`.
    public var value: Double
    /// "km2" or "km".
    public var unit: String
    public var differencePercent: Double
    public var source: String
    public var year: Int?
    public var note: String?

    public init(measured: Double, _ figure: PublishedFigure) {
        value = figure.value
        unit = figure.unit
        differencePercent = NumberFormatting.rounded((measured - figure.value) / figure.value * 100, decimals: 1)
        source = figure.source
        year = figure.year
        note = figure.note
    }

    /// "+4.1 %", "−61.0 %", "0.0 %".
    public var differenceText: String {
        let d = differencePercent
        return (d > 0 ? "+" : d < 0 ? "−" : "") + NumberFormatting.fixed(abs(d), 1) + " %"
    }

    /// "44 km (CIA World Factbook, 2024)"
    public var citation: String {
        VerdictWording.grouped(value, decimals: value == value.rounded() ? 0 : 2) + " " + (unit == "km2" ? "km²" : unit)
            + " (" + source + (year.map { ", \($0)" } ?? "") + ")"
    }
}

extension Atlas {
    /// A territory's measured area beside its published one, if there is one.
    public func publishedArea(of t: Territory, measuredKm2: Double? = nil) -> PublishedComparison? {
        published.area(of: t.id).map { PublishedComparison(measured: measuredKm2 ?? t.areaKm2, $0) }
    }

    /// A border's measured length beside its published one, if there is one.
    public func publishedBorder(_ a: String, _ b: String, measuredKm: Double) -> PublishedComparison? {
        published.border(a, b).map { PublishedComparison(measured: measuredKm, $0) }
    }
}
