import Foundation

/// Finds every pair of adjacent territories with the kind of contact, the
/// shared border as merged lines and its geodesic length, and tripoints.
///
/// Built for scale: each territory is converted to GEOS once, prepared once
/// and indexed once in an STRtree; only pairs whose envelopes meet are
/// tested. Exact mode needs a clean coverage (neighbours share their
/// vertices, nothing overlaps); tolerance mode bridges data that does not
/// align, measuring in a local metric projection.
public struct AdjacencyEngine: Sendable {
    public struct Options: Sendable {
        public var mode: AdjacencyMode = .queen
        /// 0 for exact mode; otherwise how far apart (m) boundaries may run
        /// and still count as one border.
        public var toleranceMeters: Double = 0
        public init(mode: AdjacencyMode = .queen, toleranceMeters: Double = 0) {
            self.mode = mode
            self.toleranceMeters = toleranceMeters
        }
    }

    public var options: Options

    public init(options: Options = Options()) { self.options = options }

    /// The adjacency graph of `territories` (all of one level).
    public func graph(of territories: [Territory]) throws(GeoError) -> AdjacencyGraph {
        var seen = Set<String>()
        for t in territories where !seen.insert(t.id).inserted {
            throw GeoError(.schema, "duplicate territory id \"\(t.id)\"; ids must be unique")
        }
        guard options.toleranceMeters >= 0, options.toleranceMeters.isFinite else {
            throw GeoError(.invalidArgument, "the tolerance must be a finite number of metres ≥ 0")
        }
        let ctx = try GEOSContext()
        var geoms: [GEOSGeom] = []
        geoms.reserveCapacity(territories.count)
        let tree = try GEOSSTRtree(context: ctx)
        for (i, t) in territories.enumerated() {
            do throws(GeoError) {
                let g = try ctx.make(t.geometry)
                geoms.append(g)
                if options.toleranceMeters > 0 {
                    try tree.insert(try g.buffer(Self.degrees(forMeters: options.toleranceMeters, near: t.geometry), quadrantSegments: 1), index: i)
                } else {
                    try tree.insert(g, index: i)
                }
            } catch {
                throw error.inFeature(index: i, id: t.id)
            }
        }
        var borders: [Border] = []
        if options.toleranceMeters > 0 {
            borders = try tolerantBorders(territories, geoms, tree, ctx)
        } else {
            borders = try exactBorders(territories, geoms, tree, ctx)
        }
        if options.mode == .rook { borders.removeAll { $0.contact == .point } }
        borders = Self.withTripoints(borders)
        return AdjacencyGraph(territories: territories, borders: borders, mode: options.mode, toleranceMeters: options.toleranceMeters)
    }

    /// A distance in degrees that covers `meters` in every direction near a
    /// geometry (for index envelopes only, never for measuring).
    static func degrees(forMeters meters: Double, near g: Geometry) -> Double {
        let lat = g.boundingBox.map { max(abs($0.south), abs($0.north)) } ?? 0
        let cosLat = max(cos(min(lat, 89) * .pi / 180), 0.01)
        return meters / (111_000 * cosLat) * 1.01
    }

    // MARK: Exact mode

    private func exactBorders(_ ts: [Territory], _ geoms: [GEOSGeom], _ tree: GEOSSTRtree, _ ctx: GEOSContext) throws(GeoError)
        -> [Border]
    {
        var boundaries = [GEOSGeom?](repeating: nil, count: ts.count)
        func boundary(_ i: Int) throws(GeoError) -> GEOSGeom {
            if let b = boundaries[i] { return b }
            let b = try geoms[i].boundary()
            boundaries[i] = b
            return b
        }
        var borders: [Border] = []
        for i in 0..<ts.count {
            let prepared = try GEOSPrepared(geoms[i])
            for j in tree.query(geoms[i]) where j > i {
                guard try prepared.intersects(geoms[j]) else { continue }
                let matrix = try geoms[i].relate(geoms[j])
                let chars = Array(matrix)
                if chars[0] != "F" {
                    let overlap = try geoms[i].intersection(geoms[j])
                    let km2 = Geodesic.areaSquareMeters(try ctx.value(of: overlap)) / 1e6
                    throw GeoError(
                        .analysis,
                        "\(ts[i].name) (\(ts[i].id)) and \(ts[j].name) (\(ts[j].id)) overlap by \(NumberFormatting.fixed(km2, 6)) km²; exact mode needs polygons that share edges without overlapping: use --tolerance (e.g. --tolerance 50m) for data that do not align")
                }
                let shared = try ctx.value(of: boundary(i).intersection(boundary(j)))
                var lines = shared.lineStrings
                let points = shared.points
                var contact: Contact
                if !lines.isEmpty {
                    contact = .edge
                    lines = try merge(lines, ctx)
                } else if !points.isEmpty || chars[4] == "0" {
                    contact = .point
                } else {
                    continue
                }
                let (a, b) = ts[i].id < ts[j].id ? (ts[i].id, ts[j].id) : (ts[j].id, ts[i].id)
                let length = lines.reduce(0.0) { $0 + Geodesic.lengthMeters($1.coordinates) }
                borders.append(
                    Border(a: a, b: b, contact: contact, lengthMeters: length, lines: Self.sortedLines(lines), points: points.sorted(by: Self.coordinateOrder)))
            }
        }
        return borders.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
    }

    private func merge(_ lines: [LineString], _ ctx: GEOSContext) throws(GeoError) -> [LineString] {
        let merged = try ctx.make(.multiLineString(lines)).lineMerge()
        return try ctx.value(of: merged).lineStrings
    }

    // MARK: Tolerance mode

    private func tolerantBorders(_ ts: [Territory], _ geoms: [GEOSGeom], _ tree: GEOSSTRtree, _ ctx: GEOSContext) throws(GeoError)
        -> [Border]
    {
        let tol = options.toleranceMeters
        var borders: [Border] = []
        for i in 0..<ts.count {
            for j in tree.query(geoms[i]) where j > i {
                // A local metric projection centred on the pair.
                guard let boxA = ts[i].geometry.boundingBox, let boxB = ts[j].geometry.boundingBox else { continue }
                let projection = try LocalProjection(center: boxA.union(boxB).center)
                let pa = try ctx.make(projection.forward(ts[i].geometry))
                let pb = try ctx.make(projection.forward(ts[j].geometry))
                guard try pa.distance(pb) <= tol else { continue }
                let ba = try pa.boundary(), bb = try pb.boundary()
                // The stretch of each boundary that runs within the tolerance of the other.
                let nearA = try ba.intersection(bb.buffer(tol, capStyle: .round, quadrantSegments: 4))
                let nearB = try bb.intersection(ba.buffer(tol, capStyle: .round, quadrantSegments: 4))
                let linesA = try ctx.value(of: nearA).lineStrings
                let linesB = try ctx.value(of: nearB).lineStrings
                let degreesA = try projection.inverse(Geometry.multiLineString(linesA)).lineStrings
                let degreesB = try projection.inverse(Geometry.multiLineString(linesB)).lineStrings
                let lengthA = degreesA.reduce(0.0) { $0 + Geodesic.lengthMeters($1.coordinates) }
                let lengthB = degreesB.reduce(0.0) { $0 + Geodesic.lengthMeters($1.coordinates) }
                let length = (lengthA + lengthB) / 2
                let contact: Contact = length > 2 * tol ? .edge : .point
                // What was bridged: the overlap area and the widest gap.
                let overlap = try pa.intersection(pb).planarArea()
                var gap = 0.0
                for l in linesA {
                    for c in l.coordinates {
                        let d = try ctx.makePoint(c).distance(pb)
                        gap = max(gap, d)
                    }
                }
                let (first, second) = ts[i].id < ts[j].id ? (i, j) : (j, i)
                let shown = first == i ? degreesA : degreesB
                var lines = shown
                if !lines.isEmpty { lines = try merge(lines, ctx) }
                var points: [Coordinate] = []
                if lines.isEmpty {
                    let (p, _) = try pa.nearestPoints(pb)
                    points = try projection.inverse([p])
                }
                borders.append(
                    Border(
                        a: ts[first].id, b: ts[second].id, contact: contact, lengthMeters: contact == .edge ? length : 0,
                        lines: Self.sortedLines(lines), points: points, overlapAreaSquareMeters: overlap, maxGapMeters: gap))
            }
        }
        return borders.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
    }

    // MARK: Tripoints and ordering

    /// Tripoints: border end points (or contact points) shared by borders of
    /// at least three territories.
    static func withTripoints(_ borders: [Border]) -> [Border] {
        struct Key: Hashable {
            var x: Int64, y: Int64
            init(_ c: Coordinate) {
                x = Int64((c.longitude * 1e7).rounded())
                y = Int64((c.latitude * 1e7).rounded())
            }
        }
        var meeting: [Key: (Coordinate, Set<String>)] = [:]
        for b in borders {
            for c in b.endpoints + b.points {
                let k = Key(c)
                var entry = meeting[k] ?? (c, [])
                entry.1.insert(b.a)
                entry.1.insert(b.b)
                meeting[k] = entry
            }
        }
        let tripoints = meeting.values.filter { $0.1.count >= 3 }
            .map { Tripoint(coordinate: $0.0, territories: $0.1.sorted()) }
            .sorted { coordinateOrder($0.coordinate, $1.coordinate) }
        return borders.map { b in
            var b = b
            b.tripoints = tripoints.filter { $0.territories.contains(b.a) && $0.territories.contains(b.b) }
            return b
        }
    }

    static func coordinateOrder(_ p: Coordinate, _ q: Coordinate) -> Bool {
        (p.longitude, p.latitude) < (q.longitude, q.latitude)
    }

    /// Lines in a stable order: longest first, then by first coordinate.
    static func sortedLines(_ lines: [LineString]) -> [LineString] {
        lines.map { l -> (Double, LineString) in (Geodesic.lengthMeters(l.coordinates), l) }
            .sorted { x, y in
                if x.0 != y.0 { return x.0 > y.0 }
                guard let a = x.1.coordinates.first, let b = y.1.coordinates.first else { return false }
                return coordinateOrder(a, b)
            }.map(\.1)
    }
}
