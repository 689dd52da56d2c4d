import Foundation

/// Parses lengths given on the command line: "50m", "1km", "1.5 km", "-1km".
/// A number without a unit is refused (is "1" a metre or a kilometre?), and
/// so are degrees: a length is never in degrees.
public enum MeasureParser {
    public static func meters(_ text: String) throws(GeoError) -> Double {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t.hasSuffix("deg") || t.hasSuffix("°") {
            throw GeoError(.invalidArgument, "\"\(text)\": give a length in m or km, not degrees")
        }
        var number = t
        var scale = 1.0
        if t.hasSuffix("km") {
            number = String(t.dropLast(2))
            scale = 1000
        } else if t.hasSuffix("m") {
            number = String(t.dropLast(1))
        } else if let v = Double(t), v.isFinite {
            let n = NumberFormatting.json(v)
            throw GeoError(.invalidArgument, "\"\(text)\" has no unit: write \(n)m or \(n)km")
        }
        guard let v = decimal(number.trimmingCharacters(in: .whitespaces)) else {
            throw GeoError(.invalidArgument, "\"\(text)\" is not a length; write e.g. 50m, 1km or 1.5km")
        }
        return v * scale
    }

    /// A plain decimal number ("-1.5", "2e3"): not hex ("0x10"), not "nan" or "inf",
    /// which Swift's Double(String) would also take.
    static func decimal(_ s: String) -> Double? {
        guard !s.isEmpty, s.unicodeScalars.allSatisfy({ "0123456789.+-e".unicodeScalars.contains($0) }),
            s.unicodeScalars.contains(where: { ("0"..."9").contains($0) }), let v = Double(s), v.isFinite
        else { return nil }
        return v
    }

    /// An area: "0.1km2", "0.1 km²", "10ha", "5000m2". A number without a unit is refused.
    public static func squareKilometres(_ text: String) throws(GeoError) -> Double {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "²", with: "2")
        let units: [(String, Double)] = [("km2", 1), ("ha", 0.01), ("m2", 1e-6)]
        for (unit, scale) in units where t.hasSuffix(unit) {
            let number = t.dropLast(unit.count).trimmingCharacters(in: .whitespaces)
            guard let v = decimal(number) else { break }
            return v * scale
        }
        throw GeoError(.invalidArgument, "\"\(text)\" is not an area; write e.g. 0.1km2, 10ha or 5000m2")
    }
}
