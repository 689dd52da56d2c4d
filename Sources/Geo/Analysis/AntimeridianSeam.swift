import Foundation

/// Borders across the antimeridian.
///
/// RFC 7946 §3.1.9 asks for geometries that cross 180° to be split there, so
/// two territories that meet across it hold their common stretch twice: once
/// at longitude 180 and once at -180. No planar step sees that these are one
/// line, so this pass joins them after the main one, in every mode.
///
/// Invariants (what the rest of the engine may rely on):
/// - A territory is *on the seam* where a ring edge lies on the meridian
///   ±180 (both its ends there; in tolerance mode, within the tolerance of
///   it), or where a lone vertex lies on it. Edges that only end at ±180 are
///   not on the seam.
/// - Two territories, one on the seam at 180 and the other at -180, share
///   the part of the meridian where their seam stretches overlap: a border
///   of kind edge when the overlap has a length, a point contact when the
///   stretches only touch (in tolerance mode: when they come within the
///   tolerance of each other along the meridian).
/// - The shared line is written at longitude 180, south to north; its
///   length is the geodesic length of that stretch of meridian (a meridian
///   is a geodesic, so its two ends measure it exactly).
/// - A territory never borders itself across the seam (a MultiPolygon with
///   parts on both sides, like Chukotka, is one territory).
/// - Found pairs are merged into the pairs of the main pass: lines and
///   points are added, lengths summed, and a point contact becomes an edge
///   contact when the seam gives it a line.
enum AntimeridianSeam {
    /// A stretch of the meridian held by one territory, in degrees of latitude.
    struct Stretch {
        var territory: Int
        var south: Double
        var north: Double
    }

    /// Metres per degree of latitude, for the tolerance along the meridian
    /// (the smallest value, at the equator, so the gap is never too small).
    static let metersPerDegreeLatitude = 110_574.0

    /// Joins the borders across 180° into `borders` (sorted by (a, b) on return).
    static func join(_ borders: inout [Border], territories: [Territory], toleranceMeters: Double) {
        var east: [Stretch] = []
        var west: [Stretch] = []
        for (i, t) in territories.enumerated() {
            guard let box = t.geometry.boundingBox else { continue }
            let slack = toleranceMeters > 0 ? AdjacencyEngine.degrees(forMeters: toleranceMeters, near: box) : 0
            if box.east >= 180 - slack { east += stretches(of: t.geometry, territory: i, at: 180, slack: slack) }
            if box.west <= -180 + slack { west += stretches(of: t.geometry, territory: i, at: -180, slack: slack) }
        }
        guard !east.isEmpty, !west.isEmpty else { return }
        let gap = toleranceMeters / metersPerDegreeLatitude
        west.sort { ($0.south, $0.north, $0.territory) < ($1.south, $1.north, $1.territory) }

        struct Found {
            var lines: [LineString] = []
            var points: [Coordinate] = []
            var lengthMeters = 0.0
        }
        var found: [Pair: Found] = [:]
        for e in east {
            for w in west {
                if w.south > e.north + gap { break }
                guard w.north >= e.south - gap, w.territory != e.territory else { continue }
                let (i, j) = (e.territory, w.territory)
                let pair = territories[i].id < territories[j].id
                    ? Pair(a: territories[i].id, b: territories[j].id) : Pair(a: territories[j].id, b: territories[i].id)
                let south = max(e.south, w.south)
                let north = min(e.north, w.north)
                var f = found[pair] ?? Found()
                if north > south {
                    let line = [Coordinate(longitude: 180, latitude: south), Coordinate(longitude: 180, latitude: north)]
                    f.lines.append(LineString(line))
                    f.lengthMeters += Geodesic.lengthMeters(line)
                } else {
                    // Touching ends (or, in tolerance mode, ends within the tolerance): a point.
                    f.points.append(Coordinate(longitude: 180, latitude: (south + north) / 2))
                }
                found[pair] = f
            }
        }
        guard !found.isEmpty else { return }
        var index: [Pair: Int] = [:]
        for (n, b) in borders.enumerated() { index[Pair(a: b.a, b: b.b)] = n }
        for (pair, f) in found {
            // A touch of two stretches where a border of the pair crosses the seam (its line
            // ends at ±180 there), or on a seam line of the pair, adds no contact.
            let known = index[pair].map { borders[$0].lines } ?? []
            let points = f.points.filter { p in
                !f.lines.contains { l in
                    l.coordinates[0].latitude <= p.latitude && p.latitude <= l.coordinates[1].latitude
                }
                    && !known.contains { l in
                        l.coordinates.contains { abs(abs($0.longitude) - 180) <= 1e-9 && abs($0.latitude - p.latitude) <= 1e-9 }
                    }
            }
            if let n = index[pair] {
                // In the order every border keeps (longest first, canonically directed).
                borders[n].lines = Border.canonicalLines(borders[n].lines + f.lines).map(\.line)
                borders[n].points = (borders[n].points + points).sorted(by: AdjacencyEngine.coordinateOrder)
                borders[n].lengthMeters += f.lengthMeters
                if !f.lines.isEmpty {
                    borders[n].contact = .edge
                }
            } else {
                let lines = Border.canonicalLines(f.lines).map(\.line)
                borders.append(
                    Border(
                        a: pair.a, b: pair.b, contact: lines.isEmpty ? .point : .edge, lengthMeters: f.lengthMeters,
                        lines: lines, points: points.sorted(by: AdjacencyEngine.coordinateOrder)))
            }
        }
        borders.sort { ($0.a, $0.b) < ($1.a, $1.b) }
    }

    struct Pair: Hashable {
        var a: String
        var b: String
    }

    /// The stretches of meridian `side` (180 or -180) that `geometry` lies on,
    /// merged: overlapping or touching stretches become one.
    static func stretches(of geometry: Geometry, territory: Int, at side: Double, slack: Double) -> [Stretch] {
        var raw: [(Double, Double)] = []
        func onSeam(_ c: Coordinate) -> Bool { abs(c.longitude - side) <= slack }
        for polygon in geometry.polygons {
            for ring in polygon.rings {
                for (a, b) in zip(ring, ring.dropFirst()) where onSeam(a) && onSeam(b) {
                    raw.append((min(a.latitude, b.latitude), max(a.latitude, b.latitude)))
                }
                // A vertex on the seam with no edge along it is a point a neighbour may touch
                // (vertices of edges on the seam merge into their edges' stretches).
                for c in ring where onSeam(c) { raw.append((c.latitude, c.latitude)) }
            }
        }
        raw.sort { $0 < $1 }
        var merged: [Stretch] = []
        for (s, n) in raw {
            if let last = merged.last, s <= last.north {
                merged[merged.count - 1].north = max(last.north, n)
            } else {
                merged.append(Stretch(territory: territory, south: s, north: n))
            }
        }
        return merged
    }

    /// Territories with parts on both sides of 180° (one reaching -180, one
    /// reaching 180) as two territories of the same id, one per side; the
    /// others as they are.
    static func sidesApart(_ territories: [Territory]) -> [Territory] {
        var out: [Territory] = []
        out.reserveCapacity(territories.count)
        for t in territories {
            let parts = t.geometry.polygons
            guard parts.count > 1, let box = t.geometry.boundingBox, box.west <= -180 + 1, box.east >= 180 - 1 else {
                out.append(t)
                continue
            }
            let west = parts.filter { (BoundingBox(covering: $0.exterior)?.center.longitude ?? 0) < 0 }
            let east = parts.filter { (BoundingBox(covering: $0.exterior)?.center.longitude ?? 0) >= 0 }
            guard !west.isEmpty, !east.isEmpty else {
                out.append(t)
                continue
            }
            for side in [east, west] {
                var part = t
                part.geometry = .polygonal(side)
                out.append(part)
            }
        }
        return out
    }

    /// Borders found between sides (`sidesApart`) joined by id: a territory's
    /// two sides do not border each other; two borders of the same pair become
    /// one (lines and points together, lengths and overlaps summed, the widest gap).
    static func joinedBySide(_ borders: [Border]) -> [Border] {
        var out: [Border] = []
        for b in borders.sorted(by: { ($0.a, $0.b) < ($1.a, $1.b) }) where b.a != b.b {
            if var last = out.last, last.a == b.a, last.b == b.b {
                last.lines += b.lines
                last.points += b.points
                last.lengthMeters += b.lengthMeters
                last.overlapAreaSquareMeters += b.overlapAreaSquareMeters
                last.maxGapMeters = max(last.maxGapMeters, b.maxGapMeters)
                if b.contact == .edge { last.contact = .edge }
                if last.contact == .edge && !last.lines.isEmpty { last.points = [] }
                last.lines = Border.canonicalLines(last.lines).map(\.line)
                last.points.sort(by: AdjacencyEngine.coordinateOrder)
                out[out.count - 1] = last
            } else {
                out.append(b)
            }
        }
        return out
    }
}
