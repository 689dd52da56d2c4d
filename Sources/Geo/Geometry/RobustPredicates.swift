/// Exact geometric predicates on double coordinates, for the code that
/// decides topology without GEOS (the shared-edge fast path): a wrong sign
/// there would turn a clean coverage into a wrong answer, so every sign is
/// exact. A floating-point filter answers almost every call; the rest are
/// decided by an exact sum of the determinant's products (Shewchuk's
/// expansion arithmetic, with fused multiply-add for exact products).
enum RobustPredicates {
    /// Shewchuk's bound for the filter of orient2d: (3 + 16ε)ε, ε = 2⁻⁵³.
    private static let orientErrorBound = 3.3306690738754716e-16

    /// The sign of the turn a → b → c: +1 counter-clockwise (c left of a→b),
    /// -1 clockwise, 0 collinear. Exact for all finite inputs.
    @inline(__always)
    static func orientation(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> Int {
        let left = (ax - cx) * (by - cy)
        let right = (ay - cy) * (bx - cx)
        let det = left - right
        let magnitude: Double
        if left > 0 {
            if right <= 0 { return det > 0 ? 1 : (det < 0 ? -1 : 0) }
            magnitude = left + right
        } else if left < 0 {
            if right >= 0 { return det > 0 ? 1 : (det < 0 ? -1 : 0) }
            magnitude = -left - right
        } else {
            // A difference is exactly zero, so det = -right, whose sign is exact.
            return det > 0 ? 1 : (det < 0 ? -1 : 0)
        }
        let bound = orientErrorBound * magnitude
        if det >= bound { return det > 0 ? 1 : 0 }
        if -det >= bound { return -1 }
        return exactOrientation(ax, ay, bx, by, cx, cy)
    }

    /// The determinant's sign from its six products, each split exactly
    /// into a sum of two doubles and added exactly.
    static func exactOrientation(_ ax: Double, _ ay: Double, _ bx: Double, _ by: Double, _ cx: Double, _ cy: Double) -> Int {
        // (ax-cx)(by-cy) - (ay-cy)(bx-cx) = ax·by - ax·cy - cx·by - ay·bx + ay·cx + cy·bx
        var terms: [Double] = []
        terms.reserveCapacity(12)
        func product(_ x: Double, _ y: Double) {
            let hi = x * y
            terms.append(hi)
            terms.append((-hi).addingProduct(x, y))  // fma(x, y, -hi): the rounding error, exactly
        }
        product(ax, by)
        product(-ax, cy)
        product(-cx, by)
        product(-ay, bx)
        product(ay, cx)
        product(cy, bx)
        return exactSumSign(terms)
    }

    /// The sign of an exact sum of doubles: the terms are grown into a
    /// non-overlapping expansion (increasing magnitude), whose largest
    /// component carries the sign of the whole.
    static func exactSumSign(_ terms: [Double]) -> Int {
        var expansion: [Double] = []
        expansion.reserveCapacity(terms.count)
        var next: [Double] = []
        next.reserveCapacity(terms.count + 1)
        for term in terms {
            var q = term
            next.removeAll(keepingCapacity: true)
            for e in expansion {
                let (sum, error) = twoSum(q, e)
                if error != 0 { next.append(error) }
                q = sum
            }
            if q != 0 { next.append(q) }
            swap(&expansion, &next)
        }
        guard let top = expansion.last else { return 0 }
        return top > 0 ? 1 : -1
    }

    /// Knuth's two-sum: a + b = sum + error exactly.
    @inline(__always)
    static func twoSum(_ a: Double, _ b: Double) -> (Double, Double) {
        let sum = a + b
        let bv = sum - a
        let av = sum - bv
        return (sum, (a - av) + (b - bv))
    }

    /// Whether segments p1p2 and q1q2 share any point (touching included).
    static func segmentsIntersect(
        _ p1x: Double, _ p1y: Double, _ p2x: Double, _ p2y: Double,
        _ q1x: Double, _ q1y: Double, _ q2x: Double, _ q2y: Double
    ) -> Bool {
        let o1 = orientation(p1x, p1y, p2x, p2y, q1x, q1y)
        let o2 = orientation(p1x, p1y, p2x, p2y, q2x, q2y)
        if o1 != 0 && o1 == o2 { return false }
        let o3 = orientation(q1x, q1y, q2x, q2y, p1x, p1y)
        let o4 = orientation(q1x, q1y, q2x, q2y, p2x, p2y)
        if o3 != 0 && o3 == o4 { return false }
        if o1 != 0 || o2 != 0 || o3 != 0 || o4 != 0 { return true }
        // All four collinear: they meet when their extents along the line overlap.
        return min(p1x, p2x) <= max(q1x, q2x) && min(q1x, q2x) <= max(p1x, p2x)
            && min(p1y, p2y) <= max(q1y, q2y) && min(q1y, q2y) <= max(p1y, p2y)
    }
}
