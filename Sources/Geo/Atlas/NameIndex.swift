import Foundation

/// Finds entries by id, name, local name or alias, ignoring case, diacritics,
/// punctuation and spacing ("Naxçıvan" finds "Nakhchivan"'s alias, "vayots-dzor"
/// finds "Vayots Dzor"). Unknown names get close suggestions, by spelling and
/// by whole words ("Congo" suggests "Dem. Rep. Congo"). A query equal,
/// byte for byte, to a name wins over the folded matches: "abc" finds "abc"
/// even beside "ABC", which the folding alone would call ambiguous.
struct NameIndex<Value: Sendable>: Sendable {
    private var entries: [(key: String, label: String, value: Value, rank: Int, words: Set<String>)] = []
    private var exact: [String: [Int]] = [:]
    /// Names as given, by their UTF-8 bytes (a String key would merge canonically equivalent ones).
    private var verbatim: [[UInt8]: [(rank: Int, label: String, value: Value)]] = [:]

    /// Lowercased, without diacritics, letters and digits only.
    static func normalize(_ s: String) -> String {
        // ASCII needs no folding: lowercase letters and digits, the rest dropped.
        var ascii = true
        for b in s.utf8 where b >= 0x80 {
            ascii = false
            break
        }
        if ascii {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(s.utf8.count)
            for b in s.utf8 {
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): bytes.append(b)
                case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(b + 32)
                default: break
                }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        let folded = s.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        for u in folded.unicodeScalars {
            if CharacterSet.alphanumerics.contains(u) {
                // Dotless ı and similar letters without a decomposition.
                switch u {
                case "ı": out += "i"
                case "ə": out += "a"
                case "ğ": out += "g"
                default: out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    /// Adds names for a value. A lower `rank` wins when names collide
    /// (countries before provinces before places).
    mutating func add(_ names: [String], label: String, value: Value, rank: Int) {
        for raw in Set(names.map { Array($0.utf8) }) where !raw.isEmpty {
            if verbatim[raw]?.contains(where: { $0.label == label }) == true { continue }
            verbatim[raw, default: []].append((rank, label, value))
        }
        var wordsOf: [String: Set<String>] = [:]
        for name in names {
            let words = name.split { !($0.isLetter || $0.isNumber) }.map { Self.normalize(String($0)) }.filter { $0.count >= 3 }
            wordsOf[Self.normalize(name), default: []].formUnion(words)
        }
        for n in Set(names.map(Self.normalize)) where !n.isEmpty {
            // A value named twice (an alias equal to its name) keeps its best rank only.
            if let hits = exact[n], hits.contains(where: { entries[$0].label == label }) { continue }
            entries.append((n, label, value, rank, wordsOf[n] ?? []))
            exact[n, default: []].append(entries.count - 1)
        }
    }

    /// The best match: every value whose key equals the query, lowest rank first.
    func lookup(_ query: String) -> [Value] {
        if let hits = verbatim[Array(query.utf8)], let best = hits.map(\.rank).min() {
            return hits.filter { $0.rank == best }.map(\.value)
        }
        let key = Self.normalize(query)
        guard let hits = exact[key] else { return [] }
        let best = hits.map { entries[$0].rank }.min()!
        return hits.filter { entries[$0].rank == best }.map { entries[$0].value }
    }

    /// Up to `limit` labels whose keys are close to the query (edit distance,
    /// a prefix, or a whole word of the name), closest first.
    func suggestions(for query: String, limit: Int = 3) -> [String] {
        let key = Self.normalize(query)
        guard !key.isEmpty else { return [] }
        var scored: [(Int, String)] = []
        for e in entries {
            var d = Self.editDistance(key, e.key)
            if e.key.hasPrefix(key) || key.hasPrefix(e.key) || e.words.contains(key) { d = min(d, 1) }
            if d <= max(2, key.count / 3) { scored.append((d, e.label)) }
        }
        var seen = Set<String>()
        return scored.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }.map(\.1).filter { seen.insert($0).inserted }
            .prefix(limit).map { $0 }
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
