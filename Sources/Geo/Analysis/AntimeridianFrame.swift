import Foundation

/// A corridor across the antimeridian, worked on in a frame where longitude
/// runs on past 180°.
///
/// RFC 7946 §3.1.9 splits anything that crosses 180° there, so a route from
/// 179.5° to −179.5° is written with a jump, and Chukotka or Fiji are each two
/// polygons that meet at ±180. Every planar step (buffer, overlay, pieces)
/// would read the jump as a line round the world and the two halves as two
/// bodies. In the frame, longitudes are those of the data plus 360° for what
/// lies wholly west of Greenwich, so the route and every territory around it
/// are continuous; results go back split at 180° as RFC 7946 asks.
///
/// Invariants:
/// - A route in the frame has no segment longer than 180° of longitude and
///   lies within [0°, 360°]; one that would need both 0° and 180° is refused.
/// - A polygon is shifted by +360° when its east edge is at or west of 0°;
///   polygons across 0° stay as they are (they are far from a corridor at
///   180°, or, like Antarctica's ring, run from −180 to 180 and are not split).
/// - A territory with a polygon shifted and another on 180° has its polygons
///   united, so the halves met at the seam become one body.
/// - Geodesic measures do not change: a longitude and the same plus 360° are
///   one place, and lengths and areas follow edges straight in
///   longitude/latitude in either frame.
/// - `split` gives back geometries with every longitude in [−180°, 180°],
///   polygons cut at 180° into parts that meet there.
enum AntimeridianFrame {
    /// The route made continuous across 180° and put in [0°, 360°]; nil when
    /// it does not cross 180°.
    static func route(_ route: LineString) throws(GeoError) -> LineString? {
        guard Geometry.lineString(route).antimeridianJump != nil else { return nil }
        var out: [Coordinate] = []
        out.reserveCapacity(route.coordinates.count)
        for c in route.coordinates {
            var lon = c.longitude
            if let last = out.last {
                while lon - last.longitude > 180 { lon -= 360 }
                while lon - last.longitude < -180 { lon += 360 }
            }
            out.append(Coordinate(longitude: lon, latitude: c.latitude))
        }
        if let west = out.map(\.longitude).min(), west < 0 { out = out.map { Coordinate(longitude: $0.longitude + 360, latitude: $0.latitude) } }
        guard let west = out.map(\.longitude).min(), let east = out.map(\.longitude).max(), west >= 0, east <= 360 else {
            throw GeoError(.invalidArgument, "the route crosses both the antimeridian and the prime meridian; split it into corridors that cross one of them")
        }
        return LineString(out)
    }

    /// The atlas in the frame: territories and places wholly west of
    /// Greenwich moved 360° east, the halves of a territory split at 180°
    /// joined.
    static func atlas(_ atlas: Atlas, ctx: GEOSContext) throws(GeoError) -> Atlas {
        try atlas.withGeometries(
            { (t: Territory) throws(GeoError) -> Geometry in
                let polygons = t.geometry.polygons
                var shifted = false, onSeam = false
                let moved = polygons.map { (p: Polygon) -> Polygon in
                    guard let box = Geometry.polygon(p).boundingBox else { return p }
                    if box.east >= 180 { onSeam = true }
                    guard box.east <= 0 else { return p }
                    shifted = true
                    return Polygon(rings: p.rings.map { $0.map { Coordinate(longitude: $0.longitude + 360, latitude: $0.latitude) } })
                }
                guard shifted else { return t.geometry }
                let g = Geometry.polygonal(moved)
                guard onSeam, moved.count > 1 else { return g }
                return .polygonal(try ctx.value(of: ctx.make(g).unaryUnion()).polygons)
            },
            places: { c in c.longitude < 0 ? Coordinate(longitude: c.longitude + 360, latitude: c.latitude) : c })
    }

    /// A longitude of the frame back in [−180°, 180°].
    static func longitude(_ lon: Double) -> Double { lon > 180 ? lon - 360 : lon }

    /// A geometry of the frame back in [−180°, 180°], split at 180° (RFC 7946 §3.1.9).
    static func split(_ g: Geometry, ctx: GEOSContext) throws(GeoError) -> Geometry {
        guard let box = g.boundingBox, box.east > 180 else { return g }
        let back = { (c: Coordinate) in Coordinate(longitude: c.longitude - 360, latitude: c.latitude) }
        if box.west >= 180 { return g.mapCoordinates(back) }
        switch g.dimension {
        case 2:
            let geom = try ctx.make(g)
            func rectangle(_ w: Double, _ e: Double) throws(GeoError) -> GEOSGeom {
                try ctx.make(.polygon(Polygon(rings: [[(w, -90), (e, -90), (e, 90), (w, 90), (w, -90)].map { Coordinate(longitude: $0.0, latitude: $0.1) }])))
            }
            let west = try ctx.value(of: geom.intersection(rectangle(min(box.west, 0), 180))).polygons
            let east = try ctx.value(of: geom.intersection(rectangle(180, box.east + 1))).polygons
            return .polygonal(west + east.map { Polygon(rings: $0.rings.map { $0.map(back) }) })
        case 1:
            var lines: [LineString] = []
            for l in g.lineStrings { lines += splitLine(l.coordinates).map(LineString.init) }
            return lines.count == 1 ? .lineString(lines[0]) : .multiLineString(lines)
        default:
            return g.mapCoordinates { $0.longitude > 180 ? back($0) : $0 }
        }
    }

    /// A line of the frame cut where it crosses 180°, each piece in [−180°, 180°].
    static func splitLine(_ cs: [Coordinate]) -> [[Coordinate]] {
        var pieces: [[Coordinate]] = [[]]
        func add(_ c: Coordinate) {
            if pieces[pieces.count - 1].last != c { pieces[pieces.count - 1].append(c) }
        }
        for (i, c) in cs.enumerated() {
            if i > 0 {
                let a = cs[i - 1]
                if (a.longitude <= 180) != (c.longitude <= 180) {
                    let t = (180 - a.longitude) / (c.longitude - a.longitude)
                    let lat = a.latitude + t * (c.latitude - a.latitude)
                    let eastward = c.longitude > a.longitude
                    add(Coordinate(longitude: eastward ? 180 : -180, latitude: lat))
                    pieces.append([Coordinate(longitude: eastward ? -180 : 180, latitude: lat)])
                }
            }
            add(Coordinate(longitude: longitude(c.longitude), latitude: c.latitude))
        }
        return pieces.filter { $0.count >= 2 }
    }
}

extension LineString {
    /// The line as RFC 7946 §3.1.9 writes one that crosses 180°: cut there
    /// into a MultiLineString (the line itself when it does not cross). A
    /// route given with a jump (179.5 to −179.5) is read as the short way.
    public var splitAtAntimeridian: Geometry {
        guard let framed = try? AntimeridianFrame.route(self) else { return .lineString(self) }
        let pieces = AntimeridianFrame.splitLine(framed.coordinates).map(LineString.init)
        return pieces.count == 1 ? .lineString(pieces[0]) : .multiLineString(pieces)
    }
}
