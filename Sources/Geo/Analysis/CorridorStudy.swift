import Foundation

/// Everything about a corridor that does not depend on its width, made once
/// and shared by every width a sweep or a critical-width search asks for: the
/// projection, the route, the layers of each level, which territories the
/// route enters (and so what the buffer is clipped to), where the route runs
/// inside each territory, capitals, and the borders before the corridor.
///
/// Invariants:
/// - Widths asked for are at most `maxWidthMeters`: the border graphs cover
///   every territory whose bounds meet one the widest corridor reaches, and a
///   narrower buffer reaches a subset of those.
/// - The clip set depends on the route alone: it is the same at every width.
final class CorridorStudy {
    let spec: CorridorSpec
    let atlas: Atlas
    let options: CorridorOptions
    let ctx: GEOSContext
    let projection: LocalProjection
    let maxWidthMeters: Double
    /// The route in degrees and in the projection's metres (nil for a polygon).
    let routeGeom: GEOSGeom?
    let metricRoute: GEOSGeom?
    /// The route's densified positions in metres, and at each end the unit vector
    /// pointing out of the route along its true tangent there (straight in
    /// longitude/latitude, projected), for flat caps square to the route itself.
    private let metricRoutePositions: [Coordinate]
    private let outwardAtStart: (x: Double, y: Double)
    private let outwardAtEnd: (x: Double, y: Double)
    /// The layers analysed, coarsest first: ("country", …), ("province", …) or ("all", …).
    let levels: [(name: String, territories: [Territory])]
    /// Ids of the coarsest level's territories the route enters, and their union.
    let clipIDs: [String]
    private let clipArea: GEOSGeom?
    private let clipLayer: [Territory]
    /// Capital (place) of each territory that the data names one for.
    let capitals: [String: Place]
    private var routeInside: [String: Double] = [:]
    private var stretches: [String: [(Double, Double)]] = [:]
    private var beforeGraphs: [String: AdjacencyGraph] = [:]
    private var partAreas: [String: [Double]] = [:]
    /// Territories the corridor does not cross, as pieces (`CorridorAnalysis.whole`).
    var wholePieces: [String: CorridorAnalysis.Pieces] = [:]
    private var widest: Geometry?
    private var ends: [RouteEnd]?
    /// The route crosses 180°: the study's longitudes run on past it (`AntimeridianFrame`).
    let acrossAntimeridian: Bool
    /// Country names by alpha-2 code, for labels ("Syunik (Armenia)").
    let countryNames: [String: String]

    init(spec: CorridorSpec, atlas: Atlas, options: CorridorOptions, maxWidthMeters: Double) throws(GeoError) {
        guard spec.polygon != nil || (maxWidthMeters.isFinite && maxWidthMeters > 0 && spec.widthMeters > 0) else {
            throw GeoError(.invalidArgument, "the corridor width must be a positive length, not \(spec.widthMeters) m")
        }
        guard spec.polygon != nil || maxWidthMeters <= CorridorSpec.maxWidthMeters else {
            throw GeoError(.invalidArgument, "a corridor \(NumberFormatting.fixed(maxWidthMeters / 1000, 1)) km wide is not a corridor (at most \(Int(CorridorSpec.maxWidthMeters / 1000)) km)")
        }
        guard options.minPieceKm2.isFinite, options.minPieceKm2 >= 0 else {
            throw GeoError(.invalidArgument, "the sliver size must be an area ≥ 0 km²")
        }
        let ctx = try GEOSContext()
        self.ctx = ctx
        // A route across 180°: the study works in a frame where longitude runs on past 180°
        // (AntimeridianFrame); its geometries go back split at 180°.
        var spec = spec, atlas = atlas
        if let route = spec.route, spec.polygon == nil, let framed = try AntimeridianFrame.route(route) {
            spec.route = framed
            atlas = try AntimeridianFrame.atlas(atlas, ctx: ctx)
            acrossAntimeridian = true
        } else {
            acrossAntimeridian = false
        }
        self.spec = spec
        self.atlas = atlas
        self.options = options
        self.maxWidthMeters = spec.polygon == nil ? maxWidthMeters : 0
        if let polygon = spec.polygon {
            guard let box = polygon.boundingBox else { throw GeoError(.invalidArgument, "the corridor polygon is empty") }
            projection = try LocalProjection(center: box.center)
            routeGeom = nil
            metricRoute = nil
            metricRoutePositions = []
            (outwardAtStart, outwardAtEnd) = ((0, 0), (0, 0))
        } else if let route = spec.route {
            guard route.coordinates.count >= 2, let box = Geometry.lineString(route).boundingBox else {
                throw GeoError(.invalidArgument, "a route needs at least 2 points")
            }
            let r = try ctx.make(.lineString(route))
            guard try r.isSimple() else {
                throw GeoError(.invalidArgument, "the route crosses itself; a corridor route must be a simple line")
            }
            let proj = try LocalProjection(center: box.center, continuousAcross180: acrossAntimeridian)
            projection = proj
            routeGeom = r
            // The route is straight in longitude/latitude between its points (RFC 7946): densified
            // before projecting, so that the buffer follows it, not the chords (a 100 km segment
            // at 60° N strays ~390 m from its chord in the projection); 5 cm is far below a width.
            let positions = try proj.forward(LocalProjection.densifiedAlongLonLat(route.coordinates, maxDeviationMeters: Self.routeDeviationMeters))
            metricRoutePositions = positions
            metricRoute = try ctx.make(.lineString(LineString(positions)))
            // The tangents at the ends: the first and last segments' directions over their first
            // and last ~1 cm (in degrees, projected), not the end chords of the densified line.
            func outward(from end: Coordinate, toward next: Coordinate) throws(GeoError) -> (x: Double, y: Double) {
                let meters = max(1e-3, Geodesic.distanceMeters(end, next))
                let f = min(1, 0.01 / meters)
                let near = Coordinate(longitude: end.longitude + f * (next.longitude - end.longitude), latitude: end.latitude + f * (next.latitude - end.latitude))
                let projected = try proj.forward([end, near])
                let dx = projected[0].longitude - projected[1].longitude, dy = projected[0].latitude - projected[1].latitude
                let norm = (dx * dx + dy * dy).squareRoot()
                guard norm > 0 else { throw GeoError(.invalidArgument, "the route has two equal points at its end") }
                return (dx / norm, dy / norm)
            }
            // (A point repeated at an end is passed over: the tangent is the first real segment's.)
            let cs = route.coordinates
            let second = cs.first { $0 != cs[0] } ?? cs[1], lastButOne = cs.last { $0 != cs[cs.count - 1] } ?? cs[cs.count - 2]
            outwardAtStart = try outward(from: cs[0], toward: second)
            outwardAtEnd = try outward(from: cs[cs.count - 1], toward: lastButOne)
        } else {
            throw GeoError(.invalidArgument, "a corridor needs a route or a polygon")
        }

        // Levels: both of the shipped data unless asked for one; a user layer is one level.
        if atlas.isLayered {
            let wanted = options.levels ?? [.country, .province]
            levels = TerritoryLevel.allCases.sorted { $0 == .country && $1 != .country }.filter(wanted.contains).map { level in
                (level.rawValue, atlas.territories(level: level, splitExclaves: level == .country))
            }
            clipLayer = atlas.territories(level: .country, splitExclaves: true)
        } else {
            levels = [("all", atlas.territories)]
            clipLayer = atlas.territories
        }
        var names: [String: String] = [:]
        for t in atlas.territories(level: .country) { if let c = t.countryCode, names[c] == nil { names[c] = t.name } }
        countryNames = names

        var caps: [String: Place] = [:]
        for p in atlas.places {
            for id in p.capitalOf where caps[id] == nil { caps[id] = p }
        }
        capitals = caps

        // The clip: the coarsest level's territories the route enters.
        var ids: [String] = []
        var area: GEOSGeom?
        if options.clip, let routeGeom, let routeBox = spec.route.flatMap({ Geometry.lineString($0).boundingBox }) {
            var members: [Polygon] = []
            for t in clipLayer {
                guard let box = t.geometry.boundingBox, box.intersects(routeBox) else { continue }
                let inside = Geodesic.lengthMeters(try ctx.value(of: routeGeom.intersection(ctx.make(t.geometry))))
                if inside > 0.5 {
                    ids.append(t.id)
                    members += t.geometry.polygons
                }
            }
            if !members.isEmpty {
                area = try ctx.make(.geometryCollection(members.map { .polygon($0) })).unaryUnion()
            }
        }
        clipIDs = ids
        clipArea = area
    }

    var clips: Bool { clipArea != nil }

    /// Segments per quadrant so that a chord of a round join of this radius
    /// lies at most `maxErrorMeters` inside the arc.
    static func quadrantSegments(radiusMeters r: Double, maxErrorMeters e: Double = 0.05) -> Int32 {
        guard r > e else { return 8 }
        let halfAngle = acos(1 - e / r)
        return Int32(min(512, max(8, ((Double.pi / 2) / (2 * halfAngle)).rounded(.up))))
    }

    // MARK: The corridor at a width

    /// The corridor polygon in degrees at a width, clipped when asked, with the
    /// clip's account (where the clipped-off area lay: left out with `account:
    /// false`, for the critical-width search, which needs the polygon only).
    func corridor(widthMeters: Double, account: Bool = true) throws(GeoError) -> (polygon: Geometry, clip: CorridorClip) {
        if let polygon = spec.polygon {
            let km2 = Geodesic.areaSquareMeters(polygon) / 1e6
            return (polygon, CorridorClip(
                enabled: false, rule: "a corridor given as a polygon is taken as given", keptTo: [],
                bufferKm2: NumberFormatting.rounded(km2, decimals: 3), clippedKm2: 0, clippedFrom: []))
        }
        guard metricRoute != nil else { throw GeoError(.invalidArgument, "a corridor needs a route or a polygon") }
        // Round joins with enough segments that no chord falls more than 5 cm
        // inside the true buffer (GEOS's default of 8 a quadrant is 9 m short
        // at a 475 m half width); then back to degrees with points put in
        // where a segment would otherwise stray more than 1 cm from the
        // buffer's straight edge in the projection.
        let buffered = try ctx.value(of: flatCappedBuffer(halfWidthMeters: widthMeters / 2))
        let raw = try projection.inverseFollowingStraightLines(buffered, maxDeviationMeters: 0.01)
        let rawKm2 = Geodesic.areaSquareMeters(raw) / 1e6
        guard let clipArea else {
            let rule = options.clip ? "the route enters no territory: nothing to clip to" : "not clipped (asked for)"
            return (raw, CorridorClip(
                enabled: false, rule: rule, keptTo: [], bufferKm2: NumberFormatting.rounded(rawKm2, decimals: 3), clippedKm2: 0,
                clippedFrom: []))
        }
        let rawGeom = try ctx.make(raw)
        let clipped = try ctx.value(of: rawGeom.intersection(clipArea))
        let polygon = Geometry.polygonal(clipped.polygons)
        let keptKm2 = Geodesic.areaSquareMeters(polygon) / 1e6
        // Where the clipped-off area lay.
        var from: [ClippedArea] = []
        var accounted = 0.0
        let box = raw.boundingBox
        let prepared = try GEOSPrepared(rawGeom)
        for t in clipLayer where account && !clipIDs.contains(t.id) {
            guard let b = t.geometry.boundingBox, let box, b.intersects(box) else { continue }
            let g = try ctx.make(t.geometry)
            guard try prepared.intersects(g) else { continue }
            let km2 = Geodesic.areaSquareMeters(try ctx.value(of: rawGeom.intersection(g))) / 1e6
            guard km2 > 1e-6 else { continue }
            accounted += km2
            from.append(ClippedArea(territory: t.id, name: label(t), areaKm2: NumberFormatting.rounded(km2, decimals: 3)))
        }
        let outside = rawKm2 - keptKm2 - accounted
        if account && outside > 0.001 { from.append(ClippedArea(territory: "", name: "no territory of the data", areaKm2: NumberFormatting.rounded(outside, decimals: 3))) }
        from.sort { $0.areaKm2 != $1.areaKm2 ? $0.areaKm2 > $1.areaKm2 : $0.territory < $1.territory }
        let names = clipIDs.prefix(10).compactMap { id in clipLayer.first { $0.id == id } }.map(label)
        let kept = names.joined(separator: ", ") + (clipIDs.count > 10 ? " and \(clipIDs.count - 10) more" : "")
        return (polygon, CorridorClip(
            enabled: true, rule: "kept to the territories its route enters: \(kept)", keptTo: clipIDs,
            bufferKm2: NumberFormatting.rounded(rawKm2, decimals: 3),
            clippedKm2: NumberFormatting.rounded(max(0, rawKm2 - keptKm2), decimals: 3), clippedFrom: from))
    }

    /// How far (m) the projected route may stray from the route straight in longitude/latitude.
    static let routeDeviationMeters = 0.05

    /// The route's buffer in metres with flat caps square to the route's true tangent at
    /// each end. GEOS puts a flat cap square to the last chord of the line it buffers
    /// (after simplifying it by up to 1 % of the distance), and on a curved route that
    /// chord is not the tangent: at 85° N the cap of a 40 km corridor turned by 29 m at
    /// its corners. So:
    /// 1. the route is carried on straight along its end tangents by the width and
    ///    buffered with flat caps: near each true end the buffer is now the sweep of the
    ///    route's normals, and the carried-on pieces' buffers are the rectangles
    ///    `[0, width] × [-w/2, w/2]` beyond the ends, in (along the tangent, across);
    /// 2. those rectangles (a hair larger) are cut away, which leaves the cap square to
    ///    the tangent through the end;
    /// 3. what the cut took from the buffer of the route's other parts (a hairpin that
    ///    passes beside an end) is put back: the route, less 1.2 half widths at each end
    ///    (its own end run, whose normals cannot cross the end line while the half width
    ///    is under the curvature radius, hundreds of kilometres in any local projection),
    ///    clipped to within a half width of the rectangles, buffered with round caps (at
    ///    least a half width from them, so they stay out) and cut to them. On most routes
    ///    nothing is near the rectangles and this step costs one line intersection.
    private func flatCappedBuffer(halfWidthMeters half: Double) throws(GeoError) -> GEOSGeom {
        guard let first = metricRoutePositions.first, let last = metricRoutePositions.last else {
            throw GeoError(.invalidArgument, "a corridor needs a route or a polygon")
        }
        let reach = 2 * half, slack = max(0.01, 1e-6 * half)
        let segments = Self.quadrantSegments(radiusMeters: half)
        let (s, e) = (outwardAtStart, outwardAtEnd)
        let extended = [Coordinate(longitude: first.longitude + s.x * reach, latitude: first.latitude + s.y * reach)]
            + metricRoutePositions + [Coordinate(longitude: last.longitude + e.x * reach, latitude: last.latitude + e.y * reach)]
        var buffer = try ctx.make(.lineString(LineString(extended))).buffer(half, capStyle: .flat, quadrantSegments: segments)
        /// The rectangle `[0, along] × [-across, across]` beyond an end, in the end's frame.
        func beyond(_ end: Coordinate, _ out: (x: Double, y: Double), along: ClosedRange<Double>, across: Double) -> Polygon {
            let (nx, ny) = (-out.y, out.x)
            func at(_ a: Double, _ c: Double) -> Coordinate {
                Coordinate(longitude: end.longitude + out.x * a + nx * c, latitude: end.latitude + out.y * a + ny * c)
            }
            let (a0, a1) = (along.lowerBound, along.upperBound)
            return Polygon(exterior: [at(a0, -across), at(a1, -across), at(a1, across), at(a0, across), at(a0, -across)])
        }
        let cuts = try ctx.make(.multiPolygon([
            beyond(first, s, along: 0...(reach + slack), across: half + slack),
            beyond(last, e, along: 0...(reach + slack), across: half + slack),
        ])).unaryUnion()
        buffer = try buffer.difference(cuts)
        let inner = Self.trimmed(metricRoutePositions, byMeters: 1.2 * half)
        guard inner.count >= 2 else { return buffer }
        let near = try ctx.make(.multiPolygon([
            beyond(first, s, along: (-half - slack)...(reach + half + 2 * slack), across: 2 * half + 2 * slack),
            beyond(last, e, along: (-half - slack)...(reach + half + 2 * slack), across: 2 * half + 2 * slack),
        ])).unaryUnion()
        let passing = try ctx.make(.lineString(LineString(inner))).intersection(near)
        guard try passing.planarLength() > 0 else { return buffer }
        let back = try passing.buffer(half, capStyle: .round, quadrantSegments: segments).intersection(cuts)
        return try buffer.union(back)
    }

    /// The line less `meters` of its length at each end (fewer than 2 points when
    /// nothing is left).
    static func trimmed(_ line: [Coordinate], byMeters meters: Double) -> [Coordinate] {
        func cut(_ points: [Coordinate]) -> [Coordinate] {
            var left = meters
            for i in 1..<points.count {
                let (a, b) = (points[i - 1], points[i])
                let step = ((b.longitude - a.longitude) * (b.longitude - a.longitude) + (b.latitude - a.latitude) * (b.latitude - a.latitude)).squareRoot()
                if step > left {
                    let f = left / step
                    let start = Coordinate(longitude: a.longitude + f * (b.longitude - a.longitude), latitude: a.latitude + f * (b.latitude - a.latitude))
                    return [start] + points[i...]
                }
                left -= step
            }
            return []
        }
        guard line.count >= 2 else { return [] }
        let front = cut(line)
        guard front.count >= 2 else { return [] }
        return Array(cut(front.reversed()).reversed())
    }

    // MARK: Width-independent facts, made on first use

    /// Length (m) of route inside a territory.
    /// The geodesic area (m²) of each of a territory's parts, as
    /// `Geodesic.areaSquareMeters` gives it: the same at every width, and the
    /// most costly step of a critical-width search when measured anew.
    func partAreasSquareMeters(_ t: Territory) -> [Double] {
        if let known = partAreas[t.id] { return known }
        let areas = t.geometry.polygons.map { Geodesic.areaSquareMeters(.polygon($0)) }
        partAreas[t.id] = areas
        return areas
    }

    func routeInsideMeters(_ t: Territory, _ g: GEOSGeom) throws(GeoError) -> Double {
        if let known = routeInside[t.id] { return known }
        let m = try routeGeom.map { (r: GEOSGeom) throws(GeoError) in Geodesic.lengthMeters(try ctx.value(of: r.intersection(g))) } ?? 0
        routeInside[t.id] = m
        return m
    }

    /// The stretches of the route (metres along it, start < end) inside a territory.
    func routeStretches(_ t: Territory) throws(GeoError) -> [(Double, Double)]? {
        guard let metricRoute else { return nil }
        if let known = stretches[t.id] { return known }
        let parts = try ctx.value(of: metricRoute.intersection(ctx.make(projection.forward(t.geometry)))).lineStrings
        var result: [(Double, Double)] = []
        for p in parts where p.coordinates.count >= 2 {
            let s = try metricRoute.project(ctx.makePoint(p.coordinates.first!))
            let e = try metricRoute.project(ctx.makePoint(p.coordinates.last!))
            result.append((min(s, e), max(s, e)))
        }
        stretches[t.id] = result
        return result
    }

    /// Borders before the corridor among the territories of a level near the
    /// widest corridor (made once per level).
    func borders(level: Int) throws(GeoError) -> AdjacencyGraph {
        let name = levels[level].name
        if let known = beforeGraphs[name] { return known }
        if widest == nil { widest = try corridor(widthMeters: maxWidthMeters, account: false).polygon }
        guard let widest else { throw GeoError(.analysis, "no corridor") }
        let layer = levels[level].territories
        let c = try ctx.make(widest)
        let prepared = try GEOSPrepared(c)
        let cbox = widest.boundingBox
        var reachedBoxes: [BoundingBox] = []
        // With a tolerance, neighbours may lie up to it apart: the boxes grow by twice it.
        let tol = options.toleranceMeters
        for t in layer {
            guard let box = t.geometry.boundingBox, let cbox, box.intersects(cbox) else { continue }
            guard try prepared.intersects(ctx.make(t.geometry)) else { continue }
            let d = tol > 0 ? AdjacencyEngine.degrees(forMeters: 2 * tol, near: box) : 0
            reachedBoxes.append(BoundingBox(west: box.west - d, south: box.south - d, east: box.east + d, north: box.north + d))
        }
        let nearby = layer.filter { t in
            guard let box = t.geometry.boundingBox else { return false }
            return reachedBoxes.contains { $0.intersects(box) }
        }
        let graph = try AdjacencyEngine(options: .init(mode: .rook, toleranceMeters: tol)).graph(of: nearby)
        beforeGraphs[name] = graph
        return graph
    }

    // MARK: The route's ends

    /// Where the route starts and ends, at the coarsest level (made once):
    /// the territory each end lies in, and for an end inside one, the nearest
    /// territory of that level that the route does not reach (entered by no
    /// stretch of it), by geodesic distance (`Locator.nearestTerritory`).
    func routeEnds() throws(GeoError) -> [RouteEnd] {
        if let known = ends { return known }
        guard let route = spec.route, let routeGeom, let first = route.coordinates.first, let last = route.coordinates.last,
            let layer = levels.first?.territories
        else {
            ends = []
            return []
        }
        let prepared = try GEOSPrepared(routeGeom)
        let routeBox = Geometry.lineString(route).boundingBox
        var reached = Set<String>()
        for t in layer {
            guard let box = t.geometry.boundingBox, let routeBox, box.intersects(routeBox) else { continue }
            if try prepared.intersects(ctx.make(t.geometry)) { reached.insert(t.id) }
        }
        let unreached = layer.filter { !reached.contains($0.id) }
        var result: [RouteEnd] = []
        for (name, c) in [("start", first), ("end", last)] {
            let point = try ctx.makePoint(c)
            var end = RouteEnd(end: name, coordinate: [AntimeridianFrame.longitude(c.longitude), c.latitude])
            for t in layer {
                guard let box = t.geometry.boundingBox, box.west <= c.longitude, c.longitude <= box.east, box.south <= c.latitude, c.latitude <= box.north
                else { continue }
                if try ctx.make(t.geometry).covers(point) {
                    end.inside = t.id
                    end.insideName = label(t)
                    break
                }
            }
            if end.inside != nil,
                let (t, _, meters) = try Locator.nearestTerritory(
                    to: c, among: unreached, projection: LocalProjection(center: c, kind: .azimuthalEquidistant, continuousAcross180: acrossAntimeridian), ctx: ctx)
            {
                end.nearestUnreached = t.id
                end.nearestUnreachedName = label(t)
                end.nearestUnreachedKm = NumberFormatting.rounded(meters / 1000, decimals: 3)
            }
            result.append(end)
        }
        ends = result
        return result
    }

    /// The route's ends in one sentence, or nil for a corridor given as a polygon.
    func routeSentence() throws(GeoError) -> String? {
        let ends = try routeEnds()
        guard ends.count == 2 else { return nil }
        func place(_ e: RouteEnd) -> String { e.insideName.map { "inside \($0)" } ?? "in no territory of the data" }
        var s = "The route starts \(place(ends[0])) and ends \(place(ends[1]))"
        if let name = ends[1].nearestUnreachedName, let km = ends[1].nearestUnreachedKm {
            s += ", \(VerdictWording.grouped(km, decimals: 2)) km short of \(name), the nearest territory it does not reach"
        }
        return s + "."
    }

    // MARK: Names

    /// "Syunik (Armenia)", "Nakhchivan Autonomous Republic (Azerbaijan)", "Armenia".
    /// One part of a territory in several, in words, and its area (km²):
    /// "exclave around Kaliningrad (15,125 km²)" where a place of the data lies
    /// in it, else "exclave around 21.29,54.69 (14,709 km²)" (a point inside it).
    func describePart(_ t: Territory, _ k: Int) throws(GeoError) -> (String, Double) {
        let km2 = NumberFormatting.rounded(partAreasSquareMeters(t)[k] / 1e6, decimals: 3)
        let g = try ctx.make(.polygon(t.geometry.polygons[k]))
        var around: String?
        for place in atlas.places.sorted(by: { $0.name < $1.name }) where try g.covers(ctx.makePoint(place.coordinate)) {
            around = place.name
            break
        }
        if around == nil, case .point(let c) = try ctx.value(of: g.pointOnSurface()) {
            around = "\(NumberFormatting.fixed(AntimeridianFrame.longitude(c.longitude), 2)),\(NumberFormatting.fixed(c.latitude, 2))"
        }
        return ("exclave around \(around ?? "?") (\(VerdictWording.grouped(km2, decimals: 0)) km²)", km2)
    }

    func label(_ t: Territory) -> String {
        // "Mainland Azerbaijan" says its country already; "East Azerbaijan" (Iran) does not.
        guard let code = t.countryCode, let country = countryNames[code], !(t.level == .country && t.name.contains(country)) else {
            return t.name
        }
        return "\(t.name) (\(country))"
    }

    func countryName(_ t: Territory) -> String? { t.countryCode.flatMap { countryNames[$0] } }
}
