import Foundation

/// How to read a corridor.
public struct CorridorOptions: Sendable {
    /// Levels to report (nil: every level the data has, countries first).
    public var levels: [TerritoryLevel]?
    public var model: CorridorModel
    /// Keep the buffer to the (coarsest-level) territories its route enters.
    public var clip: Bool
    /// Pieces smaller than this (km²) are slivers: listed, not counted as a split.
    public var minPieceKm2: Double
    public static let defaultMinPieceKm2 = 0.1
    /// Borders before the corridor: boundaries within this many metres count
    /// as shared (0: exact; for layers whose neighbours do not align).
    public var toleranceMeters: Double

    public init(
        levels: [TerritoryLevel]? = nil, model: CorridorModel = .extraterritorial, clip: Bool = true,
        minPieceKm2: Double = CorridorOptions.defaultMinPieceKm2, toleranceMeters: Double = 0
    ) {
        self.levels = levels
        self.model = model
        self.clip = clip
        self.minPieceKm2 = minPieceKm2
        self.toleranceMeters = toleranceMeters
    }
}

/// What a corridor does to the territories it crosses: the pieces each is
/// left in, which piece is its main body, where each of its borders now lies,
/// and the verdicts that follow (cut off, severed, split, linked; in the
/// sovereign reading, borders behind the corridor).
///
/// Invariants:
/// - The main body of a territory is the piece holding its capital when the
///   data names one and the capital is not under the corridor, else the
///   largest piece of the part that held the capital (or of the largest part).
/// - A border "touches" when at least `touchMeters` of it is left; lengths
///   below are rounding noise of the overlay.
/// - cut_off(T, N): T's main part touched N before and its main body does not
///   after. partly_cut_off(T, N): its main body still does, and at least
///   `touchMeters` of the border now lies on pieces cut off from it.
///   severed(T, N): something of the border was there and nothing is
///   left. A severed border is also cut off for the side the corridor crosses.
public enum CorridorAnalysis {
    static let touchMeters = 1.0
    static let maxLinkVerdicts = 50

    /// One corridor at its own width.
    public static func analyze(_ spec: CorridorSpec, atlas: Atlas, options: CorridorOptions = .init()) throws(GeoError) -> CorridorReport {
        let study = try CorridorStudy(spec: spec, atlas: atlas, options: options, maxWidthMeters: spec.widthMeters)
        return try report(study, widthMeters: spec.widthMeters)
    }

    /// One report per width; with `criticalWidths`, every verdict carries the
    /// smallest width (to 1 m) from which it holds, searched up to the widest.
    public static func sweep(
        _ spec: CorridorSpec, widthsMeters: [Double], atlas: Atlas, options: CorridorOptions = .init(), criticalWidths: Bool = false
    ) throws(GeoError) -> [CorridorReport] {
        let widths = spec.polygon == nil ? widthsMeters : [0]
        guard let widest = widths.max() else { throw GeoError(.invalidArgument, "give at least one width") }
        let study = try CorridorStudy(spec: spec, atlas: atlas, options: options, maxWidthMeters: widest)
        var reports: [CorridorReport] = []
        for w in widths { reports.append(try report(study, widthMeters: w)) }
        if criticalWidths, spec.polygon == nil {
            let found = try CriticalWidths.search(study, maxWidthMeters: widest, known: reports)
            for r in reports.indices {
                for v in reports[r].verdicts.indices {
                    guard let c = found[reports[r].verdicts[v].key] else { continue }
                    reports[r].verdicts[v].criticalWidthM = c.widthMeters
                    reports[r].verdicts[v].criticalWidthNote = c.note
                    reports[r].verdicts[v].sentence = VerdictWording.withCriticalWidth(reports[r].verdicts[v])
                }
            }
        }
        return reports
    }

    /// The whole report at one width.
    static func report(_ study: CorridorStudy, widthMeters: Double) throws(GeoError) -> CorridorReport {
        let (corridor, clip) = try study.corridor(widthMeters: widthMeters)
        var levels: [CorridorLevelReport] = []
        var verdicts: [CorridorVerdict] = []
        for i in study.levels.indices {
            let (level, found) = try analyzeLevel(study, i, corridor: corridor)
            levels.append(level)
            verdicts += found
        }
        let places = try placeDistances(study, corridor)
        // Across 180°: the geometries go back split there (RFC 7946).
        var shown = corridor
        if study.acrossAntimeridian {
            shown = try AntimeridianFrame.split(corridor, ctx: study.ctx)
            for i in levels.indices {
                for (id, gs) in levels[i].pieceGeometries {
                    levels[i].pieceGeometries[id] = try gs.map { (g: Geometry) throws(GeoError) in try AntimeridianFrame.split(g, ctx: study.ctx) }
                }
            }
        }
        let spec = study.spec
        let named = verdicts.flatMap { [$0.territory] + ($0.neighbor.map { [$0] } ?? []) } + levels.flatMap { $0.territories.map(\.id) }
        return CorridorReport(
            id: spec.id, name: spec.name, widthM: spec.polygon == nil ? widthMeters : 0,
            routeLengthKm: spec.route.map { NumberFormatting.rounded(Geodesic.lengthMeters($0.coordinates) / 1000, decimals: 3) },
            areaKm2: NumberFormatting.rounded(Geodesic.areaSquareMeters(corridor) / 1e6, decimals: 3), model: study.options.model,
            minPieceKm2: study.options.minPieceKm2, clip: clip, verdicts: verdicts, levels: levels, places: places,
            routeEnds: try study.routeEnds(), routeSentence: try study.routeSentence(),
            caveats: Caveats.of(named, in: study.atlas), corridor: shown)
    }

    /// The verdict keys at one width (for the critical-width search).
    static func verdictKeys(_ study: CorridorStudy, widthMeters: Double) throws(GeoError) -> Set<String> {
        let (corridor, _) = try study.corridor(widthMeters: widthMeters, account: false)
        var keys = Set<String>()
        for i in study.levels.indices {
            for v in try analyzeLevel(study, i, corridor: corridor).verdicts { keys.insert(v.key) }
        }
        return keys
    }

    // MARK: One level

    /// What is left of one territory: its pieces, each with the part it came from.
    struct Pieces {
        var territory: Territory
        var polygons: [Polygon]
        var geoms: [GEOSGeom]
        var part: [Int]
        var areaM2: [Double]
        var role: [CorridorPiece.Role]
        /// The part that held the main body before (index into the territory's polygons).
        var mainPart: Int?
        var mainBody: Int?
        var capital: String?
        var byCapital: Bool
        /// Original parts as GEOS (for locating borders before), when there are several.
        var partGeoms: [GEOSGeom]
        var touched: Bool
        /// The parts (indices into the territory's polygons) the corridor reaches.
        var crossedParts: Set<Int> = []

        /// Prepared pieces and parts, made on first use (a line is located on them with
        /// GEOS's indexed distance: the plain one compares every segment with every other,
        /// and took most of a width sweep's time at country level).
        let prepared = PreparedGeometries()

        /// The piece a line (on this territory's boundary) lies on.
        func piece(of line: GEOSGeom) throws(GeoError) -> Int? {
            if polygons.count <= 1 { return polygons.isEmpty ? nil : 0 }
            return try prepared.nearest(to: line, among: geoms, key: 0)
        }

        func part(of line: GEOSGeom) throws(GeoError) -> Int {
            if partGeoms.count <= 1 { return 0 }
            return try prepared.nearest(to: line, among: partGeoms, key: 1) ?? 0
        }
    }

    /// Prepared geometries of a list, made once, shared by the copies of a `Pieces`.
    final class PreparedGeometries {
        private var made: [Int: [GEOSPrepared]] = [:]

        /// The index of the geometry nearest the line (the first at distance 0).
        func nearest(to line: GEOSGeom, among geoms: [GEOSGeom], key: Int) throws(GeoError) -> Int? {
            let list: [GEOSPrepared]
            if let known = made[key] {
                list = known
            } else {
                list = try geoms.map { (g: GEOSGeom) throws(GeoError) in try GEOSPrepared(g) }
                made[key] = list
            }
            var best: (Int, Double)?
            for (i, p) in list.enumerated() {
                let d = try p.distance(line)
                if best == nil || d < best!.1 { best = (i, d) }
                if d == 0 { break }
            }
            return best?.0
        }
    }

    static func analyzeLevel(
        _ study: CorridorStudy, _ index: Int, corridor: Geometry
    ) throws(GeoError) -> (CorridorLevelReport, verdicts: [CorridorVerdict]) {
        let ctx = study.ctx
        let levelName = study.levels[index].name
        let layer = study.levels[index].territories
        let model = study.options.model
        let minPieceM2 = study.options.minPieceKm2 * 1e6
        let c = try ctx.make(corridor)
        let prepared = try GEOSPrepared(c)
        let cbox = corridor.boundingBox

        // Territories it crosses, and what is left of them.
        var pieces: [String: Pieces] = [:]
        var impacts: [TerritoryImpact] = []
        var touchedOrder: [Territory] = []
        var orders: [String: [Int]] = [:]
        for t in layer {
            guard let box = t.geometry.boundingBox, let cbox, box.intersects(cbox) else { continue }
            let g = try ctx.make(t.geometry)
            guard try prepared.intersects(g) else { continue }
            let insideM2 = Geodesic.areaSquareMeters(try ctx.value(of: g.intersection(c)))
            let routeM = try study.routeInsideMeters(t, g)
            guard insideM2 > 1 || routeM > 0 else { continue }  // touching only
            let p = try cut(t, study, c, prepared, minPieceM2: minPieceM2)
            pieces[t.id] = p
            touchedOrder.append(t)
            let total = study.partAreasSquareMeters(t).reduce(0, +) / 1e6  // t.areaKm2, measured once
            var list: [CorridorPiece] = []
            let order = p.polygons.indices.sorted { x, y in
                let rx = p.role[x] == .mainBody ? 0 : 1, ry = p.role[y] == .mainBody ? 0 : 1
                return rx != ry ? rx < ry : p.areaM2[x] > p.areaM2[y]
            }
            orders[t.id] = order
            for k in order {
                list.append(CorridorPiece(role: p.role[k], areaKm2: NumberFormatting.rounded(p.areaM2[k] / 1e6, decimals: 3), borders: []))
            }
            impacts.append(
                TerritoryImpact(
                    id: t.id, name: t.name, country: t.countryCode, countryName: study.countryName(t), clipped: t.isClipped,
                    areaKm2: NumberFormatting.rounded(total, decimals: 3),
                    areaInsideKm2: NumberFormatting.rounded(insideM2 / 1e6, decimals: 3),
                    areaPercent: NumberFormatting.rounded(total > 0 ? insideM2 / 1e6 / total * 100 : 0, decimals: 3),
                    routeLengthInsideKm: NumberFormatting.rounded(routeM / 1000, decimals: 3), capital: p.capital,
                    mainBodyBy: p.byCapital ? "capital" : "largest piece", pieces: list,
                    split: model == .extraterritorial && p.role.contains(.cutOff)))
        }

        // Every border those territories had: what is left, and on which pieces.
        let before = try study.borders(level: index)
        var borders: [BorderImpact] = []
        var verdicts: [CorridorVerdict] = []
        // Border length per piece and neighbour, for the piece rows: [territory: [piece: [neighbour: m]]].
        var onPiece: [String: [Int: [String: Double]]] = [:]
        var untouched: [String: Pieces] = [:]
        // [territory: [part: neighbours its border lay on before]], for territories in several parts.
        var partContacts: [String: [Int: Set<String>]] = [:]
        for b in before.borders where pieces[b.a] != nil || pieces[b.b] != nil {
            guard let ta = before.territory(b.a), let tb = before.territory(b.b) else { continue }
            var sides: [Pieces] = []
            for t in [ta, tb] {
                if let p = pieces[t.id] ?? untouched[t.id] {
                    sides.append(p)
                } else {
                    let p = try whole(t, study)
                    untouched[t.id] = p
                    sides.append(p)
                }
            }
            let pa = sides[0], pb = sides[1]
            let line = try ctx.make(b.lines.count == 1 ? .lineString(b.lines[0]) : .multiLineString(b.lines))
            // Before: how much lay on each side's main part and, for a touched territory in
            // several parts, which parts the border lay on (for exclave links); each line's part
            // located once.
            var beforeMain = [0.0, 0.0]
            for (s, p) in [pa, pb].enumerated() {
                guard let main = p.mainPart else { continue }
                if p.partGeoms.count <= 1 { beforeMain[s] = b.lengthMeters; continue }
                let other = s == 0 ? b.b : b.a
                for l in b.lines {
                    let k = try p.part(of: ctx.make(.lineString(l)))
                    if k == main { beforeMain[s] += Geodesic.lengthMeters(l.coordinates) }
                    if p.touched { partContacts[p.territory.id, default: [:]][k, default: []].insert(other) }
                }
            }
            let left = try prepared.intersects(line) ? try ctx.value(of: line.difference(c)).lineStrings : b.lines
            var after = 0.0
            var onMain = [0.0, 0.0], onCut = [0.0, 0.0], onOther = [0.0, 0.0]
            var cutPieces: [Set<Int>] = [[], []]
            for l in left where l.coordinates.count >= 2 {
                let m = Geodesic.lengthMeters(l.coordinates)
                after += m
                let lg = try ctx.make(.lineString(l))
                for (s, p) in [pa, pb].enumerated() {
                    guard let k = try p.piece(of: lg) else { continue }
                    let other = s == 0 ? b.b : b.a
                    onPiece[p.territory.id, default: [:]][k, default: [:]][other, default: 0] += m
                    switch p.role[k] {
                    case .mainBody: onMain[s] += m
                    case .cutOff, .sliver:
                        onCut[s] += m
                        cutPieces[s].insert(k)
                    case .otherPart: onOther[s] += m
                    }
                }
            }
            let km = { (m: Double) in NumberFormatting.rounded(m / 1000, decimals: 3) }
            // Under the sovereign reading the corridor is its host's land: what lies under it is
            // still a border, and every length stays as it was.
            let underM = model == .sovereign ? max(0, b.lengthMeters - after) : 0
            if model == .sovereign { after = b.lengthMeters }
            // Under the sovereign reading the corridor is the host's land: nothing is severed.
            let severed = model == .extraterritorial && b.lengthMeters >= touchMeters && after < touchMeters
            borders.append(
                BorderImpact(
                    a: b.a, aName: ta.name, aCountry: ta.countryCode, b: b.b, bName: tb.name, bCountry: tb.countryCode,
                    lengthBeforeKm: km(b.lengthMeters), lengthAfterKm: km(after), underCorridorKm: model == .sovereign ? km(underM) : nil,
                    aMainBodyKm: km(onMain[0]), aCutOffKm: km(onCut[0]), aOtherPartsKm: km(onOther[0]),
                    bMainBodyKm: km(onMain[1]), bCutOffKm: km(onCut[1]), bOtherPartsKm: km(onOther[1]), severed: severed))

            // Verdicts about this border.
            for (s, p) in [pa, pb].enumerated() where p.touched {
                let n = s == 0 ? tb : ta
                // All of it gone from the main body (cut off), or some of it now on cut-off pieces (partly).
                let whole = onMain[s] < touchMeters
                let partly = model == .extraterritorial && !whole && onCut[s] >= touchMeters
                guard beforeMain[s] >= touchMeters, whole || partly else { continue }
                let cutKm2 = cutPieces[s].sorted().reduce(0.0) { $0 + p.areaM2[$1] } / 1e6
                var v = verdict(
                    partly ? .partlyCutOff : model == .extraterritorial ? .cutOff : .behindCorridor, levelName, model, p.territory, n, study)
                v.borderBeforeKm = km(beforeMain[s])
                v.borderOnMainBodyKm = km(onMain[s])
                v.borderCutOffKm = km(onCut[s])
                v.cutOffKm2 = NumberFormatting.rounded(cutKm2, decimals: 3)
                v.cutOffPieces = cutPieces[s].count
                v.mainBodyKm2 = p.mainBody.map { NumberFormatting.rounded(p.areaM2[$0] / 1e6, decimals: 3) }
                v.sentence = VerdictWording.sentence(v, territory: study.label(p.territory), neighbor: study.label(n), capital: p.byCapital ? p.capital : nil)
                verdicts.append(v)
            }
            if severed {
                let (t, n) = pa.touched ? (ta, tb) : (tb, ta)
                var v = verdict(.severed, levelName, model, t, n, study)
                v.borderBeforeKm = km(b.lengthMeters)
                v.borderOnMainBodyKm = 0
                v.borderCutOffKm = 0
                v.sentence = VerdictWording.sentence(v, territory: study.label(t), neighbor: study.label(n), capital: nil)
                verdicts.append(v)
            }
        }
        borders.sort { ($0.a, $0.b) < ($1.a, $1.b) }

        // Piece rows: where each piece still borders whom.
        for i in impacts.indices {
            guard let p = pieces[impacts[i].id], let order = orders[p.territory.id] else { continue }
            for (row, k) in order.enumerated() {
                let lengths = onPiece[p.territory.id]?[k] ?? [:]
                impacts[i].pieces[row].borders = lengths.keys.sorted().map {
                    PieceBorder(neighbor: $0, lengthKm: NumberFormatting.rounded(lengths[$0]! / 1000, decimals: 3))
                }
            }
            // Split: a piece at least the sliver size cut off one of its parts.
            if model == .extraterritorial && impacts[i].split {
                let cut = p.role.indices.filter { p.role[$0] == .cutOff }
                let slivers = p.role.indices.filter { p.role[$0] == .sliver }
                var v = verdict(.split, levelName, model, p.territory, nil, study)
                v.cutOffPieces = cut.count
                v.sliverPieces = slivers.count
                v.cutOffKm2 = NumberFormatting.rounded(cut.reduce(0.0) { $0 + p.areaM2[$1] } / 1e6, decimals: 3)
                v.mainBodyKm2 = p.mainBody.map { NumberFormatting.rounded(p.areaM2[$0] / 1e6, decimals: 3) }
                v.sentence = VerdictWording.split(
                    v, territory: study.label(p.territory), pieces: cut.map { p.areaM2[$0] / 1e6 }.sorted(by: >),
                    slivers: slivers.map { p.areaM2[$0] / 1e6 }.sorted(by: >), minPieceKm2: study.options.minPieceKm2)
                verdicts.append(v)
            }
        }
        impacts.sort { $0.areaInsideKm2 != $1.areaInsideKm2 ? $0.areaInsideKm2 > $1.areaInsideKm2 : $0.id < $1.id }

        // Links: territories it reaches that did not border each other.
        var links: [CorridorLink] = []
        var stretches: [String: [(Double, Double)]] = [:]
        for t in touchedOrder { stretches[t.id] = try study.routeStretches(t) }
        for (x, a) in touchedOrder.enumerated() {
            for b in touchedOrder[(x + 1)...] where before.border(a.id, b.id) == nil {
                var over: Double?
                if let sa = stretches[a.id] ?? nil, let sb = stretches[b.id] ?? nil { over = routeGap(sa, sb) }
                let (p, q) = a.id < b.id ? (a, b) : (b, a)
                links.append(CorridorLink(a: p.id, aName: p.name, b: q.id, bName: q.name, routeKm: over.map { NumberFormatting.rounded($0 / 1000, decimals: 3) }))
            }
        }
        links.sort { ($0.a, $0.b) < ($1.a, $1.b) }
        // Exclaves are bodies of their own: a part the corridor reaches that did not border a
        // territory it also reaches is linked to it, though the territory as a whole already
        // bordered it (Kaliningrad and Belarus through the Suwałki gap).
        var partLinks: [CorridorVerdict] = []
        for a in touchedOrder {
            guard let p = pieces[a.id], p.partGeoms.count > 1 else { continue }
            for k in p.crossedParts.sorted() where k != p.mainPart {
                for b in touchedOrder where b.id != a.id && before.border(a.id, b.id) != nil {
                    guard !(partContacts[a.id]?[k]?.contains(b.id) ?? false) else { continue }
                    var v = verdict(.linked, levelName, model, a, b, study)
                    let (label, km2) = try study.describePart(a, k)
                    v.territoryPart = label
                    v.territoryPartKm2 = km2
                    if let sa = stretches[a.id] ?? nil, let sb = stretches[b.id] ?? nil {
                        v.routeKm = routeGap(sa, sb).map { NumberFormatting.rounded($0 / 1000, decimals: 3) }
                    }
                    v.sentence = VerdictWording.sentence(v, territory: "\(study.label(a))'s \(label)", neighbor: study.label(b), capital: nil)
                    partLinks.append(v)
                }
            }
        }
        if partLinks.count <= maxLinkVerdicts { verdicts += partLinks }
        // Linked verdicts while a level has at most `maxLinkVerdicts` links (a corridor
        // across 100,000 small cells links every pair it reaches; the links list has them all).
        if links.count <= maxLinkVerdicts {
            for l in links {
                guard let a = before.territory(l.a), let b = before.territory(l.b) else { continue }
                var v = verdict(.linked, levelName, model, a, b, study)
                v.routeKm = l.routeKm
                v.sentence = VerdictWording.sentence(v, territory: study.label(a), neighbor: study.label(b), capital: nil)
                verdicts.append(v)
            }
        }
        verdicts.sort { x, y in
            let kx = CorridorVerdict.Kind.allCases.firstIndex(of: x.kind)!, ky = CorridorVerdict.Kind.allCases.firstIndex(of: y.kind)!
            return kx != ky ? kx < ky : (x.territory, x.neighbor ?? "") < (y.territory, y.neighbor ?? "")
        }
        var geometries: [String: [Geometry]] = [:]
        for (id, p) in pieces { geometries[id] = (orders[id] ?? []).map { .polygon(p.polygons[$0]) } }
        return (CorridorLevelReport(level: levelName, territories: impacts, borders: borders, links: links, pieceGeometries: geometries), verdicts)
    }

    static func verdict(
        _ kind: CorridorVerdict.Kind, _ level: String, _ model: CorridorModel, _ t: Territory, _ n: Territory?, _ study: CorridorStudy
    ) -> CorridorVerdict {
        CorridorVerdict(
            kind: kind, level: level, model: model, territory: t.id, territoryName: t.name, territoryCountry: t.countryCode,
            territoryClipped: t.isClipped ? true : nil, neighbor: n?.id, neighborName: n?.name, neighborCountry: n?.countryCode, sentence: "")
    }

    /// A territory the corridor does not cross: its parts are its pieces. The
    /// same at every width: made once per study (with the prepared geometries
    /// its border lines are located on).
    static func whole(_ t: Territory, _ study: CorridorStudy) throws(GeoError) -> Pieces {
        if let known = study.wholePieces[t.id] { return known }
        let pieces = try makeWhole(t, study)
        study.wholePieces[t.id] = pieces
        return pieces
    }

    private static func makeWhole(_ t: Territory, _ study: CorridorStudy) throws(GeoError) -> Pieces {
        let polys = t.geometry.polygons
        let geoms = polys.count > 1 ? try polys.map { (p: Polygon) throws(GeoError) in try study.ctx.make(.polygon(p)) } : []
        let areas = study.partAreasSquareMeters(t)
        let (main, capital, byCapital) = try mainPart(t, polys: polys, geoms: geoms, areas: areas, study)
        let roles = polys.indices.map { $0 == main ? CorridorPiece.Role.mainBody : .otherPart }
        return Pieces(
            territory: t, polygons: polys, geoms: geoms, part: Array(polys.indices), areaM2: areas, role: roles, mainPart: main,
            mainBody: main, capital: capital, byCapital: byCapital, partGeoms: geoms, touched: false)
    }

    /// The part holding the capital, else the largest.
    static func mainPart(
        _ t: Territory, polys: [Polygon], geoms: [GEOSGeom], areas: [Double], _ study: CorridorStudy
    ) throws(GeoError) -> (Int?, String?, Bool) {
        guard !polys.isEmpty else { return (nil, nil, false) }
        if let place = study.capitals[t.id] {
            let pt = try study.ctx.makePoint(place.coordinate)
            if polys.count == 1 {
                if try study.ctx.make(.polygon(polys[0])).covers(pt) { return (0, place.name, true) }
            } else {
                for (i, g) in geoms.enumerated() where try g.covers(pt) { return (i, place.name, true) }
            }
        }
        return (areas.indices.max { areas[$0] < areas[$1] }, nil, false)
    }

    /// Cuts a territory the corridor crosses into pieces and names their roles.
    static func cut(_ t: Territory, _ study: CorridorStudy, _ c: GEOSGeom, _ prepared: GEOSPrepared, minPieceM2: Double) throws(GeoError) -> Pieces {
        let ctx = study.ctx
        let parts = t.geometry.polygons
        let partGeoms = try parts.map { (p: Polygon) throws(GeoError) in try ctx.make(.polygon(p)) }
        let partAreas = study.partAreasSquareMeters(t)
        var polys: [Polygon] = [], part: [Int] = [], areas: [Double] = []
        var crossedParts: Set<Int> = []
        for (k, g) in partGeoms.enumerated() {
            let crossed = try prepared.intersects(g)
            if crossed { crossedParts.insert(k) }
            let rest: [Polygon] = crossed ? try ctx.value(of: g.difference(c)).polygons : [parts[k]]
            for r in rest {
                let a = crossed ? Geodesic.areaSquareMeters(.polygon(r)) : partAreas[k]
                guard a > 1 else { continue }  // overlay noise
                polys.append(r)
                part.append(k)
                areas.append(a)
            }
        }
        let geoms = try polys.map { (p: Polygon) throws(GeoError) in try ctx.make(.polygon(p)) }
        var (mainPart, capital, byCapital) = try mainPart(t, polys: parts, geoms: partGeoms, areas: partAreas, study)
        // The main body: the piece holding the capital, else the largest piece of the main part.
        var mainBody: Int?
        if byCapital, let place = study.capitals[t.id] {
            let pt = try ctx.makePoint(place.coordinate)
            for (i, g) in geoms.enumerated() where part[i] == mainPart {
                if try g.covers(pt) { mainBody = i; break }
            }
            if mainBody == nil { byCapital = false }  // the capital is under the corridor
        }
        if mainBody == nil {
            mainBody = polys.indices.filter { part[$0] == mainPart }.max { areas[$0] < areas[$1] }
        }
        if mainBody == nil, let largest = polys.indices.max(by: { areas[$0] < areas[$1] }) {
            mainBody = largest  // the main part is gone: the largest piece left
            mainPart = part[largest]
        }
        var roles = [CorridorPiece.Role](repeating: .cutOff, count: polys.count)
        for k in parts.indices {
            let members = polys.indices.filter { part[$0] == k }
            let principal = k == mainPart ? mainBody : members.max { areas[$0] < areas[$1] }
            for i in members {
                if i == principal { roles[i] = k == mainPart ? .mainBody : .otherPart } else { roles[i] = areas[i] < minPieceM2 ? .sliver : .cutOff }
            }
        }
        return Pieces(
            territory: t, polygons: polys, geoms: geoms, part: part, areaM2: areas, role: roles, mainPart: mainPart,
            mainBody: mainBody, capital: byCapital ? capital : nil, byCapital: byCapital,
            partGeoms: parts.count > 1 ? partGeoms : [], touched: true, crossedParts: crossedParts)
    }

    /// Length of route (m) between where it leaves one territory and enters the other.
    private static func routeGap(_ a: [(Double, Double)], _ b: [(Double, Double)]) -> Double? {
        var best: Double?
        for x in a {
            for y in b {
                let gap = max(0, max(x.0, y.0) - min(x.1, y.1))
                best = min(best ?? gap, gap)
            }
        }
        return best
    }

    /// Places: inside, and how far from the corridor.
    static func placeDistances(_ study: CorridorStudy, _ corridor: Geometry) throws(GeoError) -> [PlaceDistance] {
        let ctx = study.ctx
        let prepared = try GEOSPrepared(ctx.make(corridor))
        let metric = try ctx.make(study.projection.forward(corridor))
        var places: [PlaceDistance] = []
        for place in study.atlas.places {
            let inside = try prepared.covers(ctx.makePoint(place.coordinate))
            let km = inside ? 0 : try study.projection.nearest(from: place.coordinate, to: metric).distanceMeters / 1000
            places.append(PlaceDistance(id: place.id, name: place.name, inside: inside, distanceKm: NumberFormatting.rounded(km, decimals: 3)))
        }
        places.sort { $0.distanceKm != $1.distanceKm ? $0.distanceKm < $1.distanceKm : $0.id < $1.id }
        return places
    }
}
