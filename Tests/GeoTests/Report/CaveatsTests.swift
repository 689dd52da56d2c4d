import Testing

@testable import Geo

/// Caveats on the shipped data, against Armstat's marz areas and the State
/// Statistical Committee of Azerbaijan's district areas (2011).
@Suite struct CaveatsTests {
    let atlas = ShippedData.atlas

    /// Every Armenian province is within 3 % of Armstat's area, except those
    /// that carry a caveat, and each beyond 3 % carries one.
    @Test func armenianProvincesAgreeWithArmstatOrSaySoNot() throws {
        let provinces = atlas.territories(level: .province, country: "AM")
        #expect(provinces.count == 11)
        let caveated = Set(Caveats.of(provinces.map(\.id), in: atlas).filter { $0.kind == .approximateLines }.map(\.territory))
        for t in provinces {
            let published = try #require(atlas.published.area(of: t.id)).value
            let off = abs(t.areaKm2 - published) / published * 100
            #expect((off > Caveats.areaThresholdPercent) == caveated.contains(t.id), "\(t.id): \(off) %")
        }
        // Syunik is the story's province: it must be within 3 % (4,506 km²).
        #expect(!caveated.contains("AM-SU"))
    }

    /// Kangarli: 711.86 km² published; the shipped Natural Earth district is far smaller.
    @Test func kangarliSaysItsLinesAreApproximate() throws {
        let c = try #require(Caveats.of(["AZ-KAN"], in: atlas).first)
        #expect(c.kind == .approximateLines)
        #expect(c.sentence.hasPrefix("Nakhchivan Autonomous Republic's district lines are approximate"))
        #expect(c.sentence.contains("712 km² officially (State Statistical Committee of the Republic of Azerbaijan, 2011"))
        let measured = try #require(atlas.territory(id: "AZ-KAN")).areaKm2
        #expect(c.sentence.contains("Kangarli is \(VerdictWording.grouped(measured, decimals: 0)) km² here"))
        #expect(try #require(c.published).differencePercent < -3)
    }

    @Test func clippedTerritoriesSaySoAndAreNotComparedWithTheWhole() throws {
        // The shipped layers clip Russia's North Caucasus to the region (and more besides).
        let clipped = atlas.territories.filter(\.isClipped)
        #expect(clipped.contains { $0.id == "RU" }, "\(clipped.map(\.id))")
        for t in clipped {
            let caveats = Caveats.of([t.id], in: atlas)
            #expect(caveats.map(\.kind) == [.clipped], "\(t.id)")
            #expect(caveats.first?.sentence.contains("clipped to the region") == true)
        }
        // One caveat per territory and kind, however often it is named.
        #expect(Caveats.of(["AZ-KAN", "AZ-KAN"], in: atlas).count == 1)
    }
}
