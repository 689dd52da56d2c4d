/// Places map labels so that none overlaps another, nor a place's dot, nor
/// leaves the frame: each label tries its candidate positions in order
/// (beside its anchor, then further out with a leader line); one that finds
/// no free position is dropped and listed, never drawn over another.
///
/// Invariants (checked by `placedOverlaps()`, which the renderer asserts
/// before it writes anything):
/// - no two placed label boxes intersect (boxes include a 1 px halo);
/// - no placed box covers an obstacle (a place's dot) other than its own;
/// - every placed box lies inside the frame.
/// Text widths are estimated from DejaVu Sans's advance widths (the font
/// the SVG names first and the one Debian's rsvg-convert uses), rounded up,
/// so the boxes are never smaller than the drawn text.
public struct LabelPlacement: Sendable {
    public struct Box: Sendable, Hashable {
        public var x: Double, y: Double, width: Double, height: Double
        public func intersects(_ o: Box) -> Bool {
            x < o.x + o.width && o.x < x + width && y < o.y + o.height && o.y < y + height
        }
        func inside(_ o: Box) -> Bool { x >= o.x && y >= o.y && x + width <= o.x + o.width && y + height <= o.y + o.height }
    }

    public enum Anchor: Sendable { case start, middle }

    /// A label to place: its lines, font size, where it points, and where it may go.
    public struct Request: Sendable {
        public var id: String
        public var lines: [String]
        public var fontSize: Double
        public var bold: Bool
        /// The point the label names (a dot, a polygon's label point), in px.
        public var anchor: (x: Double, y: Double)
        /// Offsets from the anchor to try, in order: (dx, dy, text anchor).
        public var candidates: [(dx: Double, dy: Double, anchor: Anchor)]
        /// Offsets at which a leader line is drawn back to the anchor.
        public var leaderFrom: Int
        /// The obstacle this label's own dot is (not an obstacle to itself).
        public var ownObstacle: Int?
    }

    public struct Placed: Sendable {
        public var id: String
        public var lines: [String]
        public var fontSize: Double
        public var bold: Bool
        /// Text position of the first line's baseline.
        public var x: Double, y: Double
        public var anchor: Anchor
        public var box: Box
        /// A leader line from the label to what it names, when moved away.
        public var leader: (x1: Double, y1: Double, x2: Double, y2: Double)?
    }

    public var frame: Box
    public private(set) var placed: [Placed] = []
    public private(set) var dropped: [String] = []
    var obstacles: [Box] = []

    public init(frame: Box) { self.frame = frame }

    /// A dot or symbol labels must not cover; returns its index.
    @discardableResult
    public mutating func addObstacle(_ b: Box) -> Int {
        obstacles.append(b)
        return obstacles.count - 1
    }

    /// Places the label at its first free candidate, else drops it.
    @discardableResult
    public mutating func place(_ r: Request) -> Bool {
        let lineHeight = r.fontSize * 1.2
        let width = (r.lines.map { Self.textWidth($0, fontSize: r.fontSize, bold: r.bold) }.max() ?? 0) + 2
        let height = lineHeight * Double(r.lines.count) + 2
        for (k, c) in r.candidates.enumerated() {
            let x = r.anchor.x + c.dx, y = r.anchor.y + c.dy
            let left = c.anchor == .middle ? x - width / 2 : x - 1
            // Baseline y: the box spans from the ascent of the first line to the descent of the last.
            let box = Box(x: left, y: y - r.fontSize * 0.95 - 1, width: width, height: height)
            guard box.inside(frame) else { continue }
            if placed.contains(where: { $0.box.intersects(box) }) { continue }
            if obstacles.enumerated().contains(where: { $0.offset != r.ownObstacle && $0.element.intersects(box) }) { continue }
            var leader: (Double, Double, Double, Double)?
            if k >= r.leaderFrom {
                // From the box edge nearest the anchor to the anchor.
                let lx = min(max(r.anchor.x, box.x), box.x + box.width)
                let ly = min(max(r.anchor.y, box.y), box.y + box.height)
                leader = (lx, ly, r.anchor.x, r.anchor.y)
            }
            placed.append(Placed(id: r.id, lines: r.lines, fontSize: r.fontSize, bold: r.bold, x: x, y: y, anchor: c.anchor, box: box, leader: leader))
            return true
        }
        dropped.append(r.id)
        return false
    }

    /// Pairs of placed labels whose boxes intersect (empty when the invariant holds).
    public func placedOverlaps() -> [(String, String)] {
        var out: [(String, String)] = []
        for i in placed.indices {
            for j in placed.indices where j > i && placed[i].box.intersects(placed[j].box) {
                out.append((placed[i].id, placed[j].id))
            }
        }
        return out
    }

    /// The usual candidates around a point: right, left, above, below, then
    /// further out in eight directions with a leader line.
    public static func aroundPoint(radius: Double, fontSize: Double) -> ([(dx: Double, dy: Double, anchor: Anchor)], Int) {
        let near: [(dx: Double, dy: Double, anchor: Anchor)] = [
            (radius + 3, fontSize * 0.35, .start), (-radius - 3, fontSize * 0.35, .start),
            (0, -radius - 4, .middle), (0, radius + fontSize + 2, .middle),
        ]
        return (near + leaderRing(distances: [28, 48], fontSize: fontSize), near.count)
    }

    /// Candidates for a polygon's label: on its label point, nudged, then out with a leader.
    /// `spread`: also try a wider ring of nudges (for names that matter, such as countries').
    public static func onArea(fontSize: Double, leader: Bool, spread: Bool = false) -> ([(dx: Double, dy: Double, anchor: Anchor)], Int) {
        var near: [(dx: Double, dy: Double, anchor: Anchor)] = [
            (0, fontSize * 0.35, .middle), (0, -fontSize * 0.9, .middle), (0, fontSize * 1.6, .middle),
            (fontSize * 2, fontSize * 0.35, .middle), (-fontSize * 2, fontSize * 0.35, .middle),
        ]
        if spread {
            for r in [2.0, 3, 4] {
                for (ux, uy) in [(0.0, 1.0), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1)] {
                    near.append((ux * r * fontSize * 1.5, uy * r * fontSize + fontSize * 0.35, .middle))
                }
            }
        }
        return (near + (leader ? leaderRing(distances: [36, 60, 90], fontSize: fontSize) : []), near.count)
    }

    static func leaderRing(distances: [Double], fontSize: Double) -> [(dx: Double, dy: Double, anchor: Anchor)] {
        var out: [(dx: Double, dy: Double, anchor: Anchor)] = []
        for d in distances {
            for (ux, uy) in [(0.0, 1.0), (0, -1), (1, 0), (-1, 0), (0.7, 0.7), (-0.7, 0.7), (0.7, -0.7), (-0.7, -0.7)] {
                out.append((ux * d, uy * d + fontSize * 0.35, .middle))
            }
        }
        return out
    }

    /// An upper bound of the advance width of `text` in DejaVu Sans (Bold).
    public static func textWidth(_ text: String, fontSize: Double, bold: Bool) -> Double {
        var em = 0.0
        for u in text.unicodeScalars {
            let c = Character(u)
            switch c {
            case " ": em += 0.32
            case "i", "l", "j", "'", "|", ".", ",", ":", ";", "!": em += 0.30
            case "f", "t", "r", "I", "(", ")", "-", "[", "]": em += 0.42
            case "m", "w", "M", "W", "—", "–": em += 0.98
            default:
                if c.isUppercase { em += 0.78 } else if c.isNumber { em += 0.64 } else if u.value > 0x2E80 { em += 1.0 } else { em += 0.64 }
            }
        }
        return em * fontSize * (bold ? 1.12 : 1.0)
    }
}
