import Foundation
import Testing

/// Published figures beside measured ones and caveats, as a user sees them,
/// on the shipped data. Figures: CIA World Factbook land boundaries
/// (Armenia–Iran 44 km), Armstat (Shirak 2,680 km², Syunik 4,506 km²).
@Suite struct PublishedFiguresCommandTests {
    @Test func borderShowsThePublishedLengthAndTheDifference() throws {
        let r = try CLI.run(["border", "Armenia", "Iran"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("published: 44 km (CIA World Factbook"))
        let json = try CLI.run(["border", "Armenia", "Iran", "--format", "json"])
        let o = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let p = try #require(o["published"] as? [String: Any])
        let measured = try #require(o["length_km"] as? Double)
        #expect(p["value"] as? Double == 44)
        // The difference, by hand from the measured length.
        let expected = ((measured - 44) / 44 * 1000).rounded() / 10
        #expect(p["difference_percent"] as? Double == expected)
    }

    @Test func neighborsListPublishedLengthsBesideMeasuredOnes() throws {
        let r = try CLI.run(["neighbors", "Armenia"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("published km"))
        let iran = try #require(r.stdout.split(separator: "\n").first { $0.contains(" IR ") })
        #expect(iran.contains("44") && iran.contains("CIA World Factbook"))
        let csv = try CLI.run(["neighbors", "Armenia", "--format", "csv"])
        #expect(csv.stdout.hasPrefix("id,name,neighbor_id,neighbor_name,contact,length_km,published_km,published_diff_pct,published_source\n"))
    }

    @Test func territoriesCarryOneCaveatPerApproximateProvince() throws {
        let r = try CLI.run(["territories", "--level", "province", "--country", "AM"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("published_km2"))
        let shirak = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("AM-SH") })
        #expect(shirak.contains("2680") && shirak.contains("lines approximate"))
        let syunik = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("AM-SU") })
        #expect(syunik.contains("4506") && !syunik.contains("lines approximate"))
        #expect(r.stdout.contains("caveat: Armenia's province lines are approximate"))
        #expect(r.stdout.contains("Shirak is "))
        let json = try CLI.run(["territories", "--level", "province", "--country", "AM", "--format", "json"])
        let o = try #require(JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let caveats = try #require(o["caveats"] as? [[String: Any]])
        #expect(caveats.contains { $0["territory"] as? String == "AM-SH" })
        #expect(!caveats.contains { $0["territory"] as? String == "AM-SU" })
    }

    @Test func infoOnTheShippedLayerShowsPublishedAreas() throws {
        let r = try CLI.run(["info", "geodata/provinces.geojson"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("published_km2"))
        let syunik = try #require(r.stdout.split(separator: "\n").first { $0.contains(" AM-SU ") })
        #expect(syunik.contains("4506"))
        #expect(r.stdout.contains("differ from the published area by more than 3 %"))
    }

    /// A point at sea off Batumi: in no territory, and the nearest one named
    /// with its distance; the distance is checked against a haversine
    /// distance to the reported nearest point (mean Earth radius; within 0.5 %).
    @Test func aPointAtSeaNamesTheNearestTerritory() throws {
        let r = try CLI.run(["where", "41.55,41.65", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let o = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect((o["contained_in"] as? [Any])?.isEmpty == true)
        let n = try #require(o["nearest_territory"] as? [String: Any])
        #expect(n["id"] as? String == "GE")
        let km = try #require(n["distance_km"] as? Double), p = try #require(n["nearest_point"] as? [Double])
        func rad(_ d: Double) -> Double { d * .pi / 180 }
        let dLat = rad(p[1] - 41.65), dLon = rad(p[0] - 41.55)
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(rad(41.65)) * cos(rad(p[1])) * sin(dLon / 2) * sin(dLon / 2)
        let haversineKm = 2 * 6371.0088 * asin(sqrt(h))
        #expect(abs(km - haversineKm) / haversineKm < 0.005, "\(km) vs \(haversineKm)")
        #expect(km > 1 && km < 20)
        let text = try CLI.run(["where", "41.55,41.65"])
        #expect(text.stdout.contains("in no territory of the data; "))
        #expect(text.stdout.contains(" from Georgia (GE)"))
        // 41.65,41.55 is in Georgia too, but a point 4.5 km off its coast is no swapped one: no hint.
        #expect(!text.stderr.contains("latitude first"))
    }

    /// Russia is in the data as its North Caucasus only: every answer with its
    /// borders says so.
    @Test func clippedRussiaIsSaidToBeClipped() throws {
        let table = try CLI.run(["adjacency", "--level", "country"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("caveat: Russia is clipped to the region (Russia's North Caucasus only)"))
        let csv = try CLI.run(["adjacency", "--level", "country", "--format", "csv"])
        #expect(!csv.stdout.contains("caveat"))
        #expect(csv.stderr.contains("mapcli: caveat: Russia is clipped"))
        let border = try CLI.run(["border", "Georgia", "Russia"])
        #expect(border.stdout.contains("published: 894 km (CIA World Factbook"))
        #expect(border.stdout.contains("caveat: Russia is clipped"))
        let list = try CLI.run(["territories", "--level", "country"])
        let ru = try #require(list.stdout.split(separator: "\n").first { $0.hasPrefix("RU ") })
        #expect(ru.contains("clipped to the region"))
    }
}
