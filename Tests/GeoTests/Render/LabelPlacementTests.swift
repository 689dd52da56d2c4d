import Foundation
import Testing

@testable import Geo

/// Labels on the shipped maps, at every level: no two placed labels overlap
/// (checked here with this test's own rectangle arithmetic, not the
/// placer's), none covers a place's dot other than its own, every one is in
/// the frame, and every placed line is in the SVG. HTMLMapBrowserTests checks
/// the same on the boxes Chromium measures for the drawn text.
@Suite struct LabelPlacementTests {
    static func overlap(_ a: LabelPlacement.Box, _ b: LabelPlacement.Box) -> Bool {
        let ax2 = a.x + a.width, ay2 = a.y + a.height, bx2 = b.x + b.width, by2 = b.y + b.height
        return max(a.x, b.x) < min(ax2, bx2) && max(a.y, b.y) < min(ay2, by2)
    }

    static let maps: [(String, MapOptions)] = {
        var out: [(String, MapOptions)] = []
        for level in [TerritoryLevel.province, .country] {
            out.append(("\(level) default view", MapOptions(level: level)))
            for corridor in ["syunik", "iran"] {
                let spec = CorridorSpec(try! ShippedData.atlas.corridor(named: corridor))
                out.append(("\(level), \(corridor) corridor", MapOptions(level: level, corridor: spec)))
                out.append(("\(level), \(corridor) corridor, focus Syunik", MapOptions(level: level, focus: "Syunik", corridor: spec)))
            }
        }
        return out
    }()

    @Test(arguments: 0..<10)
    func noTwoPlacedLabelsOverlap(_ k: Int) throws {
        let (name, options) = Self.maps[k]
        let map = try MapBuilder.build(atlas: ShippedData.atlas, options: options)
        for size in [600.0, 1000, 1600] {
            let r = try SVGRenderer(mapWidth: size).renderDetailed(map)
            #expect(!r.labels.isEmpty, "\(name): no label placed")
            for i in r.labels.indices {
                for j in r.labels.indices where j > i {
                    #expect(!Self.overlap(r.labels[i].box, r.labels[j].box), "\(name) at \(size) px: \(r.labels[i].id) over \(r.labels[j].id)")
                }
            }
            // Inside the frame, and over no place's dot but its own (this test's arithmetic).
            let f = r.labelFrame
            #expect(!r.dots.isEmpty || options.focus == nil, "\(name): no dot in the focus view")
            for l in r.labels {
                let b = l.box
                #expect(b.x >= f.x && b.y >= f.y && b.x + b.width <= f.x + f.width && b.y + b.height <= f.y + f.height, "\(name) at \(size) px: \(l.id) leaves the frame")
                for (id, dot) in r.dots where id != l.id {
                    #expect(!Self.overlap(b, dot), "\(name) at \(size) px: \(l.id) covers the dot of \(id)")
                }
            }
            // Each placed line is drawn, escaped, exactly as placed.
            for l in r.labels {
                for line in l.lines { #expect(r.svg.contains(">\(MarkupText.escape(line))</text>"), "\(name): \(line) not drawn") }
            }
            // The country names are there at province level (where any country is in view).
            if options.level == .province && options.focus == nil && options.corridor == nil {
                for country in ["ARMENIA", "AZERBAIJAN", "GEORGIA"] { #expect(r.svg.contains(">\(country)</text>"), "\(name): \(country) missing") }
            }
        }
    }

    /// Advance widths of DejaVu Sans 2.37 (Debian fonts-dejavu-core), in font units of 2048,
    /// summed from the fonts' hmtx tables with fontTools: the estimate must never be smaller.
    @Test(arguments: [
        ("Syunik", 6863.0, false), ("ARMENIA", 10660, true), ("Kapan (consulate)", 21068, true),
        ("Racha-Lechkhumi and Kvemo Svaneti", 38833, false), ("WWMM", 7584, false),
    ])
    func theWidthEstimateBoundsDejaVuSansAdvances(_ text: String, units: Double, bold: Bool) {
        for size in [10.0, 12, 14] {
            #expect(LabelPlacement.textWidth(text, fontSize: size, bold: bold) >= units / 2048 * size, "\(text) at \(size) px")
        }
    }

    @Test func aLabelWithNoRoomIsDroppedNotDrawnOver() {
        var placer = LabelPlacement(frame: .init(x: 0, y: 0, width: 100, height: 30))
        let (near, leaderFrom) = LabelPlacement.onArea(fontSize: 12, leader: false)
        let first = placer.place(.init(id: "a", lines: ["Armenia"], fontSize: 12, bold: false, anchor: (50, 15), candidates: near, leaderFrom: leaderFrom, ownObstacle: nil))
        let second = placer.place(.init(id: "b", lines: ["Azerbaijan"], fontSize: 12, bold: false, anchor: (50, 15), candidates: near, leaderFrom: leaderFrom, ownObstacle: nil))
        #expect(first && !second)
        #expect(placer.dropped == ["b"])
        #expect(placer.placedOverlaps().isEmpty)
    }
}
