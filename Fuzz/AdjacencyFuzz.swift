// libFuzzer target for the whole adjacency pipeline, built by scripts/fuzz.sh
// with `swiftc -sanitize=fuzzer,address` together with the Geo sources:
// bytes → a layer (GeoJSON text) → a file → the user-layer loader (reader,
// validity, ids) → the engine in every mode → the JSON report, read back.
//
// Input beginning with `{` is taken as a GeoJSON document as it is. Any other
// input describes a layer the target writes itself, so that most inputs are
// layers worth analysing rather than syntax errors: a grid of up to 5 × 5
// cells anywhere from 85° S to 85° N (some straddling 180°, split there as
// RFC 7946 asks), 1 m to 5° wide, with vertices moved and edges subdivided
// (shared by both neighbours), and flaws chosen by the bytes: T-junctions,
// exclaves, a hole holding an enclave, a vertex misaligned by 1e-9°, a
// missing cell, a repeated vertex.
//
// What must hold, whatever the bytes (a broken one stops the run as a finding):
// - nothing crashes; a layer refused is refused with a GeoError;
// - the automatic exact path (shared-edge hashing, GEOS where the layer is not
//   a clean coverage) and the GEOS path give the same pairs, kinds and
//   lengths (1 mm + 1e-9 of the length);
// - rook mode's borders are queen mode's shared edges;
// - tolerance mode gives finite lengths, and on cells far wider than the
//   tolerance (1/200 of a cell or less) finds every exact shared edge, within 4 tolerances per line of
//   its exact length;
// - the JSON report parses and says how many borders there are.

import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func adjacencyFuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let layer = FuzzLayer(bytes)
    let text = bytes.first == UInt8(ascii: "{") ? String(decoding: bytes, as: UTF8.self) : layer.geoJSON()
    let path = FuzzFile.path
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else { fuzzFail("cannot write \(path)") }
    guard let atlas = try? Atlas.user(files: [path]) else { return 0 }
    let territories = atlas.territories
    guard let automatic = try? AdjacencyEngine(options: .init(mode: .queen)).graph(of: territories) else { return 0 }
    let geos: AdjacencyGraph
    do {
        geos = try AdjacencyEngine(options: .init(mode: .queen, exactMethod: .geos)).graph(of: territories)
    } catch {
        fuzzFail("the automatic path succeeded, the GEOS path failed: \(error)\n\(text)")
    }
    FuzzCheck.same(automatic, geos, text)
    if let rook = try? AdjacencyEngine(options: .init(mode: .rook)).graph(of: territories) {
        let edges = automatic.borders.filter { $0.contact == Contact.edge }.map { "\($0.a)|\($0.b)" }
        fuzzCheck(rook.borders.map { "\($0.a)|\($0.b)" } == edges, "rook mode is not queen mode's edges\n\(text)")
    }
    // A tolerance in proportion to the cells (tolerance mode's work grows with boundary length
    // over tolerance: 1 cm along 500 km edges would be minutes a run), from 1 mm to 500 m.
    let toleranceMeters = min(500, max(0.001, [0.0005, 0.005, 0.1][Int(layer.byte(40)) % 3] * layer.cellMeters))
    if let tolerant = try? AdjacencyEngine(options: .init(toleranceMeters: toleranceMeters)).graph(of: territories) {
        for b in tolerant.borders {
            fuzzCheck(b.lengthMeters.isFinite && b.lengthMeters >= 0, "tolerance length \(b.lengthMeters) m for \(b.a)|\(b.b)\n\(text)")
        }
        if !layer.fromText, layer.cellMeters > 100 * toleranceMeters, !layer.misaligned {
            for e in automatic.borders where e.contact == Contact.edge && e.lengthMeters > 8 * toleranceMeters {
                guard let t = tolerant.border(e.a, e.b) else {
                    fuzzFail("tolerance \(toleranceMeters) m loses the border \(e.a)|\(e.b) (\(e.lengthMeters) m)\n\(text)")
                }
                let slack = 4 * toleranceMeters * Double(max(e.lines.count, t.lines.count)) + 1e-6 * e.lengthMeters + 0.01
                fuzzCheck(
                    abs(t.lengthMeters - e.lengthMeters) <= slack,
                    "tolerance \(toleranceMeters) m: \(e.a)|\(e.b) is \(t.lengthMeters) m, exactly \(e.lengthMeters) m\n\(text)")
            }
        }
    }
    let json = Data(AdjacencyReport.jsonChunks(graph: automatic, level: "fuzz").joined())
    guard let root = try? JSONSerialization.jsonObject(with: json) as? [String: Any] else {
        fuzzFail("the JSON report does not parse\n\(String(decoding: json, as: UTF8.self))")
    }
    fuzzCheck(root["border_count"] as? Int == automatic.borders.count, "border_count is wrong")
    return 0
}

/// What broke, on stderr, then a trap: `precondition` drops its message in -O builds, and
/// a finding without it has to be replayed in a debug build to be understood.
func fuzzFail(_ message: @autoclosure () -> String) -> Never {
    FileHandle.standardError.write(Data(("adjacency fuzz: " + message() + "\n").utf8))
    abort()
}

func fuzzCheck(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition { fuzzFail(message()) }
}

enum FuzzFile {
    /// One file per fuzzing process, in memory where the system has it.
    static let path: String = {
        let dir = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return "\(dir)/mapcli-adjacency-fuzz-\(getpid()).geojson"
    }()
}

enum FuzzCheck {
    static func same(_ x: AdjacencyGraph, _ y: AdjacencyGraph, _ text: String) {
        let xs = x.borders.map { "\($0.a)|\($0.b) \($0.contact)" }, ys = y.borders.map { "\($0.a)|\($0.b) \($0.contact)" }
        fuzzCheck(xs == ys, "automatic and GEOS paths differ:\n\(xs)\n\(ys)\n\(text)")
        for (a, b) in zip(x.borders, y.borders) {
            fuzzCheck(
                abs(a.lengthMeters - b.lengthMeters) <= 0.001 + 1e-9 * a.lengthMeters,
                "\(a.a)|\(a.b): \(a.lengthMeters) m automatic, \(b.lengthMeters) m GEOS\n\(text)")
        }
    }
}

/// A layer described by fuzz bytes (see the top of the file).
struct FuzzLayer {
    let bytes: [UInt8]
    let fromText: Bool
    let nx: Int, ny: Int
    let cellDegrees: Double
    let west: Double, south: Double
    let flaws: UInt8
    /// The grid column on 180°, when the layer straddles it.
    let seamColumn: Int?
    var cellMeters: Double { cellDegrees * 111_000 * cos(min(89, abs(south) + Double(ny) * cellDegrees) * .pi / 180) }
    var misaligned: Bool { flaws & 0b1001 != 0 }  // T-junctions and misaligned vertices: not a clean coverage

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        fromText = bytes.first == UInt8(ascii: "{")
        func b(_ i: Int) -> UInt8 { bytes.isEmpty ? 0 : bytes[i % bytes.count] }
        nx = 1 + Int(b(1)) % 5
        ny = 1 + Int(b(2)) % 5
        let cell = [1e-5, 1e-3, 0.01, 0.1, 1, 5][Int(b(3)) % 6], columns = Double(nx)
        cellDegrees = cell
        south = min(85 - Double(ny) * cell, -85 + Double(b(4)) / 255 * 170)
        // A grid line on 180° when asked (the cells east of it are written at -180 and on).
        let seam = b(5) & 1 == 1 ? nx / 2 : nil
        seamColumn = seam
        west = seam.map { 180 - Double($0) * cell } ?? -180 + Double(b(6)) / 255 * (360 - columns * cell)
        flaws = b(7)
    }

    func byte(_ i: Int) -> UInt8 { bytes.isEmpty ? 0 : bytes[i % bytes.count] }

    /// Grid vertex (i, j), moved by up to a fifth of a cell inside the grid.
    func vertex(_ i: Int, _ j: Int) -> (Double, Double) {
        var x = i == seamColumn ? 180 : west + Double(i) * cellDegrees, y = south + Double(j) * cellDegrees
        if i > 0 && i < nx && j > 0 && j < ny {
            if i != seamColumn { x += (Double(byte(8 + 2 * (i * 7 + j))) - 127.5) / 255 * 0.4 * cellDegrees }
            y += (Double(byte(9 + 2 * (i * 7 + j))) - 127.5) / 255 * 0.4 * cellDegrees
        }
        return (x, y)
    }

    /// Points inside the edge from grid vertex p to q (0–3 of them, nudged sideways
    /// by up to a twentieth of a cell), the same for both cells that share it.
    func inner(_ p: (Int, Int), _ q: (Int, Int)) -> [(Double, Double)] {
        let (lo, hi) = p < q ? (p, q) : (q, p)
        let key = lo.0 * 31 + lo.1 * 17 + hi.0 * 13 + hi.1 * 7
        let count = Int(byte(60 + key)) % 4
        guard count > 0 else { return [] }
        let a = vertex(lo.0, lo.1), b = vertex(hi.0, hi.1)
        let boundary = (lo.0 == hi.0 && (lo.0 == 0 || lo.0 == nx || lo.0 == seamColumn)) || (lo.1 == hi.1 && (lo.1 == 0 || lo.1 == ny))
        var points: [(Double, Double)] = []
        for k in 1...count {
            let t = Double(k) / Double(count + 1)
            let side = boundary ? 0 : (Double(byte(90 + key + k)) - 127.5) / 255 * 0.1 * cellDegrees
            let (dx, dy) = (b.0 - a.0, b.1 - a.1)
            let norm = max(1e-300, (dx * dx + dy * dy).squareRoot())
            points.append((a.0 + t * dx - dy / norm * side, a.1 + t * dy + dx / norm * side))
        }
        return p < q ? points : points.reversed()
    }

    /// The ring of cell (i, j), counter-clockwise, closed.
    func ring(_ i: Int, _ j: Int) -> [(Double, Double)] {
        let corners = [(i, j), (i + 1, j), (i + 1, j + 1), (i, j + 1), (i, j)]
        var ring: [(Double, Double)] = []
        for (p, q) in zip(corners, corners.dropFirst()) {
            ring.append(vertex(p.0, p.1))
            var mids = inner(p, q)
            // A T-junction: this cell leaves out the first inner point of its east edge.
            if flaws & 1 != 0, i == 0, j == 0, p == (1, 0), !mids.isEmpty { mids.removeFirst() }
            ring += mids
        }
        ring.append(ring[0])
        // A vertex repeated (harmless, must stay so).
        if flaws & 0b10_0000 != 0, i == 0, j == 0 { ring.insert(ring[1], at: 1) }
        // One copy of a shared vertex misaligned by 1e-9°.
        if flaws & 0b1000 != 0, i == 0, j == 0, nx > 1 { ring[1].1 += 1e-9 }
        return ring
    }

    func geoJSON() -> String {
        func ringText(_ r: [(Double, Double)]) -> String { "[" + r.map { "[\($0.0),\($0.1)]" }.joined(separator: ",") + "]" }
        var features: [String] = []
        var cells: [(id: String, polygons: [String])] = []
        for j in 0..<ny {
            for i in 0..<nx {
                if flaws & 0b1_0000 != 0, i == nx - 1, j == ny - 1, nx * ny > 1 { continue }  // a missing cell
                let r = ring(i, j)
                // East of 180°: written from -180 on (the grid line on 180 is the seam).
                let east = seamColumn.map { i >= $0 } ?? false
                var rings = [ringText(east ? r.map { ($0.0 - 360, $0.1) } : r)]
                // A hole in the middle of cell (0, 0), with an enclave filling it.
                if flaws & 0b100 != 0, i == 0, j == 0 {
                    let c = vertex(0, 0), s = cellDegrees
                    let hole = [(c.0 + 0.3 * s, c.1 + 0.3 * s), (c.0 + 0.3 * s, c.1 + 0.45 * s), (c.0 + 0.45 * s, c.1 + 0.45 * s), (c.0 + 0.45 * s, c.1 + 0.3 * s), (c.0 + 0.3 * s, c.1 + 0.3 * s)]
                    rings.append(ringText(east ? hole.map { ($0.0 - 360, $0.1) } : hole))
                    features.append(feature("enclave", "[" + ringText((east ? hole.map { ($0.0 - 360, $0.1) } : hole).reversed()) + "]", multi: false))
                }
                cells.append(("c\(i)-\(j)", ["[" + rings.joined(separator: ",") + "]"]))
            }
        }
        // An exclave: the last cell belongs to the first (queen or not at all adjacent to it).
        if flaws & 0b10 != 0, cells.count > 2 {
            let last = cells.removeLast()
            cells[0].polygons += last.polygons
        }
        for c in cells {
            features.append(feature(c.id, c.polygons.count == 1 ? c.polygons[0] : "[" + c.polygons.joined(separator: ",") + "]", multi: c.polygons.count > 1))
        }
        return #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}"
    }

    func feature(_ id: String, _ coordinates: String, multi: Bool) -> String {
        #"{"type":"Feature","id":"\#(id)","properties":{"name":"\#(id)"},"geometry":{"type":"\#(multi ? "MultiPolygon" : "Polygon")","coordinates":\#(coordinates)}}"#
    }
}
