import Testing

@testable import Geo

/// `where` anywhere on Earth (issue 28), on Natural Earth 110m. Expected
/// figures: pyproj 3.7.2 by brute force, `Geod(ellps="WGS84").inv` from the
/// point to every country's outline, its edges straight in longitude/latitude
/// and sampled every 50 m; the nearest sample's distance and place.
@Suite struct LocatorTests {
    @Test(arguments: [
        // (point, where it is, nearest, km, nearest point)
        (Coordinate(longitude: 2.0, latitude: 51.2), "the North Sea", "FRA", 17.761, Coordinate(longitude: 2.08767, latitude: 51.05018)),
        (Coordinate(longitude: -30, latitude: 0), "the Atlantic, west of Greenwich", "BRA", 838.934, Coordinate(longitude: -35.23539, latitude: -5.46494)),
        (Coordinate(longitude: 0, latitude: 89), "near the North Pole", "GRL", 621.686, Coordinate(longitude: -35.08787, latitude: 83.64513)),
        (Coordinate(longitude: 179.9, latitude: 72.5), "west of 180°, the land east of it", "RUS", 105.450, Coordinate(longitude: -179.87187, latitude: 71.55762)),
    ])
    func theNearestTerritoryOfAPointAtSea(point: Coordinate, place: String, id: String, km: Double, nearest: Coordinate) throws {
        let report = try Locator.locate(point, atlas: WorldLayer.load())
        #expect(report.containedIn.isEmpty, "\(place)")
        let found = try #require(report.nearestTerritory, "\(place)")
        #expect(found.id == id, "\(place)")
        #expect(abs(found.distanceKm - km) <= 0.005, "\(place): \(found.distanceKm) km, pyproj \(km) km")
        // The nearest point, within the 50 m sampling of the reference.
        let at = Coordinate(longitude: found.nearestPoint[0], latitude: found.nearestPoint[1])
        #expect(Geodesic.distanceMeters(at, nearest) < 50, "\(place): nearest at \(at), pyproj \(nearest)")
    }

    /// The South Pole is in Antarctica whatever longitude names it (the layer's
    /// ring runs along -90 from 180 to -180: read off the file); the North Pole
    /// is at sea (pyproj brute force, as above: Greenland 709.77 km).
    @Test func thePolesAtAnyLongitude() throws {
        let atlas = try WorldLayer.load()
        for lon in [-180.0, -45, 0, 180] {
            let south = try Locator.locate(Coordinate(longitude: lon, latitude: -90), atlas: atlas)
            #expect(south.containedIn.map(\.id) == ["ATA"], "\(lon),-90")
        }
        let north = try Locator.locate(Coordinate(longitude: -180, latitude: 90), atlas: atlas)
        #expect(north.containedIn.isEmpty && north.nearestTerritory?.id == "GRL")
        #expect(abs((north.nearestTerritory?.distanceKm ?? 0) - 709.77) < 0.01, "\(north.nearestTerritory?.distanceKm ?? -1)")
    }

    /// The lower bound that prunes the search never exceeds the true distance:
    /// checked on a grid of points against every part of every country (the
    /// distance to the part's nearest vertex is an upper bound of the distance
    /// to the part, and the box holds every vertex).
    @Test func theBoxBoundIsNeverAboveTheDistance() throws {
        let atlas = try WorldLayer.load()
        var checked = 0
        for lat in stride(from: -85.0, through: 85, by: 17) {
            for lon in stride(from: -175.0, through: 175, by: 35) {
                let p = Coordinate(longitude: lon, latitude: lat)
                for t in atlas.territories {
                    for polygon in t.geometry.polygons {
                        let box = try #require(Geometry.polygon(polygon).boundingBox)
                        let bound = Locator.lowerBoundMeters(from: p, to: box)
                        for c in polygon.exterior {
                            let d = Geodesic.distanceMeters(p, c)
                            if bound > d { Issue.record("\(t.id) from \(p): bound \(bound) m > \(d) m to \(c)") }
                        }
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 10_000)
    }
}
