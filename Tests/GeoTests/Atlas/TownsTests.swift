import Foundation
import Testing

@testable import Geo

/// GeoNames towns (cities500, CC BY 4.0; listed by `geodata/build.py` in
/// `crosscheck/towns.csv`) against the shipped country polygons: every town
/// of Armenia, Azerbaijan and Georgia with 5,000 people or more, and every
/// Iranian and Turkish town of 20,000 or more between 37° and 50° E, lies in
/// its own country; of the Iranian and Turkish ones at most one in a hundred
/// may miss, each with the build's explanation (Vakfıkebir, 1 of 99 Turkish
/// towns, lies 765 m off the coast grown by the build, 1,163 m off GSHHG's as is: geodata/README.md). GEOS here and shapely in the build
/// must also agree on which country holds each town.
@Suite struct TownsTests {
    @Test func everyTownLiesInItsOwnCountry() throws {
        let path = ShippedData.directory + "/crosscheck/towns.csv"
        let rows = try CSVReader.records(try String(contentsOfFile: path, encoding: .utf8), file: path)
        let header = try #require(rows.first)
        #expect(header == ["geonameid", "name", "country", "lon", "lat", "population", "inside", "explain"])
        let atlas = ShippedData.atlas
        let ctx = try GEOSContext()
        let countries = try atlas.territories(level: .country, splitExclaves: true).map { t in
            (t, try GEOSPrepared(ctx.make(t.geometry)))
        }
        var counted: [String: Int] = [:], missed: [String: [String]] = [:]
        var named: [String: String] = [:]
        for r in rows.dropFirst() {
            let (name, code, inside, explain) = (r[1], r[2], r[6], r[7])
            let lon = try #require(Double(r[3])), lat = try #require(Double(r[4]))
            let p = try ctx.makePoint(Coordinate(longitude: lon, latitude: lat))
            let holder = try countries.first { try $0.1.covers(p) }?.0
            #expect((holder?.id ?? "") == inside, "\(name): GEOS says \(holder?.id ?? "none"), the build says \(inside.isEmpty ? "none" : inside)")
            counted[code, default: 0] += 1
            named[name] = holder?.id ?? ""
            if holder?.countryCode != code {
                missed[code, default: []].append(name)
                #expect(!explain.isEmpty, "\(name) (\(code)) lies outside its country with no explanation")
            }
        }
        for code in ["AM", "AZ", "GE"] {
            #expect(missed[code, default: []].isEmpty, "\(code): \(missed[code, default: []])")
        }
        for code in ["IR", "TR"] {
            let n = counted[code, default: 0], m = missed[code, default: []].count
            #expect(n >= 50, "\(code): only \(n) towns listed")
            // At most one in a hundred, in whole towns (1 of 99 is allowed).
            #expect(m <= max(1, Int((Double(n) / 100).rounded())), "\(code): \(m) of \(n) outside: \(missed[code, default: []])")
        }
        #expect(counted["AM", default: 0] + counted["AZ", default: 0] + counted["GE", default: 0] >= 80)
        // The coast towns that the old land mask left at sea.
        #expect(named["Batumi"] == "GE")
        #expect(named["Astara"] == "AZ-MAIN")
    }
}
