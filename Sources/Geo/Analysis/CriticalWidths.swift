/// The smallest corridor width from which each verdict holds.
///
/// Invariants:
/// - Searched between 1 m and the widest width asked for, to 1 m: the answer
///   `w` holds at `w` and fails at `w − 1` (or `w` is 1 m).
/// - The verdict is first checked at sampled widths (1, 2, 5, 10, 20, 50 m …
///   up to the widest); the bisection runs only inside the last stretch of
///   samples where it holds without a break, and a verdict that also held at a
///   narrower sample, then failed, says so in a note.
/// - Every width is evaluated once (answers are remembered), and at most
///   `maxEvaluations` widths are evaluated in all (issue 29: a corridor across
///   many small cells has many verdicts, each with its own bisection); the
///   verdicts left when that work is spent get a note, not a width.
enum CriticalWidths {
    struct Found: Sendable {
        /// nil: not searched (the work cap was reached first).
        var widthMeters: Double?
        var note: String?
    }

    static let maxEvaluations = 400

    static func samples(upTo widest: Double) -> [Double] {
        var out: [Double] = []
        var decade = 1.0
        while decade < widest {
            for m in [1.0, 2, 5] where decade * m < widest { out.append(decade * m) }
            decade *= 10
        }
        out.append(widest)
        return out
    }

    static func search(
        _ study: CorridorStudy, maxWidthMeters widest: Double, known: [CorridorReport], maxEvaluations: Int = CriticalWidths.maxEvaluations
    ) throws(GeoError) -> [String: Found] {
        var memo: [Double: Set<String>] = [:]
        for r in known { memo[r.widthM] = Set(r.verdicts.map(\.key)) }
        func keys(_ w: Double) throws(GeoError) -> Set<String> {
            if let k = memo[w] { return k }
            let k = try CorridorAnalysis.verdictKeys(study, widthMeters: w)
            memo[w] = k
            return k
        }
        let grid = samples(upTo: widest)
        var atGrid: [Set<String>] = []
        for w in grid { atGrid.append(try keys(w)) }
        var all = Set<String>()
        for r in known { all.formUnion(r.verdicts.map(\.key)) }
        var found: [String: Found] = [:]
        for key in all.sorted() {
            let holds = atGrid.map { $0.contains(key) }
            // The last unbroken run of samples where it holds.
            guard var first = holds.lastIndex(of: true) else { continue }
            while first > 0 && holds[first - 1] { first -= 1 }
            var note: String?
            if let earlier = holds[..<first].firstIndex(of: true) {
                let gap = grid[first - 1]
                note = "it also holds at \(NumberFormatting.fixed(grid[earlier], 0)) m but not at \(NumberFormatting.fixed(gap, 0)) m"
            }
            if let last = holds.lastIndex(of: true), last < holds.count - 1 {
                let end = "it no longer holds at \(NumberFormatting.fixed(grid[last + 1], 0)) m"
                note = note.map { $0 + "; " + end } ?? end
            }
            if first == 0 {
                found[key] = Found(widthMeters: grid[0], note: note)
                continue
            }
            var lo = grid[first - 1].rounded(.down), hi = grid[first]
            var spent = false
            while hi - lo > 1 {
                let mid = ((lo + hi) / 2).rounded(.down)
                if memo[mid] == nil && memo.count >= maxEvaluations {
                    spent = true
                    break
                }
                if try keys(mid).contains(key) { hi = mid } else { lo = mid }
            }
            if spent {
                found[key] = Found(
                    widthMeters: nil,
                    note: "critical width not searched: the search had evaluated \(maxEvaluations) widths, its limit; it holds from somewhere between \(NumberFormatting.fixed(lo, 0)) and \(NumberFormatting.fixed(hi, 0)) m")
                continue
            }
            found[key] = Found(widthMeters: hi, note: note)
        }
        return found
    }
}
