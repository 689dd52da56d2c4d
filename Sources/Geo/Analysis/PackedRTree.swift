/// A static R-tree of boxes packed bottom-up along a Hilbert curve (the
/// "Flatbush" layout): built once in O(n log n), then queried by box with no
/// allocation per query. Used where the fast paths need an index without
/// GEOS geometries (edges and territories of a coverage).
struct PackedRTree: Sendable {
    static let nodeSize = 16

    /// Boxes of items (sorted along the curve) then of each level's nodes:
    /// minX, minY, maxX, maxY.
    private var boxes: [Double] = []
    /// For a leaf entry, the item it holds; for a node entry, the index of
    /// its first child entry.
    private var indices: [Int32] = []
    /// Where each level starts in `boxes`/`indices` (entries), leaves first.
    private var levelBounds: [Int] = []
    let count: Int

    /// - Parameter itemBoxes: minX, minY, maxX, maxY of item 0, then item 1, ...
    init(itemBoxes: [Double]) {
        count = itemBoxes.count / 4
        guard count > 0 else { return }
        var minX = Double.infinity, minY = Double.infinity, maxX = -Double.infinity, maxY = -Double.infinity
        for i in 0..<count {
            minX = min(minX, itemBoxes[4 * i])
            minY = min(minY, itemBoxes[4 * i + 1])
            maxX = max(maxX, itemBoxes[4 * i + 2])
            maxY = max(maxY, itemBoxes[4 * i + 3])
        }
        let width = maxX - minX, height = maxY - minY
        let scale = 65_535.0
        var keyed = [(UInt32, Int32)]()
        keyed.reserveCapacity(count)
        for i in 0..<count {
            let cx = (itemBoxes[4 * i] + itemBoxes[4 * i + 2]) / 2, cy = (itemBoxes[4 * i + 1] + itemBoxes[4 * i + 3]) / 2
            let hx = width > 0 ? UInt32(((cx - minX) / width * scale).rounded(.down)) : 0
            let hy = height > 0 ? UInt32(((cy - minY) / height * scale).rounded(.down)) : 0
            keyed.append((Self.hilbert(hx, hy), Int32(i)))
        }
        keyed.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }

        var total = count, n = count
        var bounds = [0]
        repeat {
            n = (n + Self.nodeSize - 1) / Self.nodeSize
            bounds.append(total)
            total += n
        } while n > 1
        bounds.append(total)
        levelBounds = bounds
        boxes = [Double](repeating: 0, count: 4 * total)
        indices = [Int32](repeating: 0, count: total)
        for (k, (_, item)) in keyed.enumerated() {
            let i = Int(item)
            boxes[4 * k] = itemBoxes[4 * i]
            boxes[4 * k + 1] = itemBoxes[4 * i + 1]
            boxes[4 * k + 2] = itemBoxes[4 * i + 2]
            boxes[4 * k + 3] = itemBoxes[4 * i + 3]
            indices[k] = item
        }
        // Each level's nodes cover runs of nodeSize entries of the level below.
        for level in 0..<(levelBounds.count - 2) {
            let start = levelBounds[level], end = levelBounds[level + 1]
            var parent = end
            var child = start
            while child < end {
                var x0 = Double.infinity, y0 = Double.infinity, x1 = -Double.infinity, y1 = -Double.infinity
                let first = child
                for c in child..<min(child + Self.nodeSize, end) {
                    x0 = min(x0, boxes[4 * c])
                    y0 = min(y0, boxes[4 * c + 1])
                    x1 = max(x1, boxes[4 * c + 2])
                    y1 = max(y1, boxes[4 * c + 3])
                }
                child = min(child + Self.nodeSize, end)
                boxes[4 * parent] = x0
                boxes[4 * parent + 1] = y0
                boxes[4 * parent + 2] = x1
                boxes[4 * parent + 3] = y1
                indices[parent] = Int32(first)
                parent += 1
            }
        }
    }

    /// The items in the order of the curve (neighbours next to each other).
    var hilbertOrder: [Int] { indices.prefix(count).map { Int($0) } }

    /// Calls `body` with every item whose box meets the query box (edges
    /// included); stops early when `body` returns false.
    func query(minX: Double, minY: Double, maxX: Double, maxY: Double, _ body: (Int) -> Bool) {
        guard count > 0 else { return }
        boxes.withUnsafeBufferPointer { b in
            indices.withUnsafeBufferPointer { idx in
                // Runs of entries to look into: (first entry, level), the root first.
                // At most nodeSize runs wait per level, so the stack needs no heap.
                let top = levelBounds.count - 2
                withUnsafeTemporaryAllocation(of: (Int, Int).self, capacity: Self.nodeSize * (top + 1) + 1) { stack in
                    var depth = 0
                    stack[0] = (levelBounds[top], top)
                    depth = 1
                    while depth > 0 {
                        depth -= 1
                        let (run, level) = stack[depth]
                        let end = min(run + Self.nodeSize, levelBounds[level + 1])
                        for k in run..<end where b[4 * k] <= maxX && b[4 * k + 1] <= maxY && b[4 * k + 2] >= minX && b[4 * k + 3] >= minY {
                            if level == 0 {
                                if !body(Int(idx[k])) { return }
                            } else {
                                stack[depth] = (Int(idx[k]), level - 1)
                                depth += 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// Position along a Hilbert curve of order 16 (Warren's iterative form).
    static func hilbert(_ x: UInt32, _ y: UInt32) -> UInt32 {
        var rx: UInt32 = 0, ry: UInt32 = 0, d: UInt32 = 0
        var x = x, y = y
        var s: UInt32 = 1 << 15
        while s > 0 {
            rx = (x & s) > 0 ? 1 : 0
            ry = (y & s) > 0 ? 1 : 0
            d &+= s &* s &* ((3 &* rx) ^ ry)
            if ry == 0 {
                if rx == 1 {
                    x = 65_535 - x
                    y = 65_535 - y
                }
                swap(&x, &y)
            }
            s >>= 1
        }
        return d
    }
}
