import Foundation
import Geo

/// A plain-text table with a header row, columns padded to their widest cell;
/// numeric columns are right-aligned.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    var rightAligned: Set<Int> = []

    init(_ header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    mutating func add(_ row: [String]) { rows.append(row.map(PlainText.oneLine)) }

    /// Columns are as wide as their widest cell in characters (an ASCII cell's
    /// characters are its bytes: counted without grapheme breaking).
    static func width(_ s: String) -> Int {
        var ascii = true
        for b in s.utf8 where b >= 0x80 {
            ascii = false
            break
        }
        return ascii ? s.utf8.count : s.count
    }

    func render(indent: String = "") -> String {
        let header = self.header.map(PlainText.oneLine)
        var widths = header.map(Self.width)
        var cellWidths: [[Int]] = []
        cellWidths.reserveCapacity(rows.count)
        for r in rows {
            let w = r.map(Self.width)
            for (i, c) in w.enumerated() where i < widths.count { widths[i] = max(widths[i], c) }
            cellWidths.append(w)
        }
        var out: [UInt8] = []
        out.reserveCapacity((rows.count + 1) * (widths.reduce(indent.utf8.count, +) + 2 * widths.count + 1))
        func line(_ cells: [String], _ w: [Int]) {
            out.append(contentsOf: indent.utf8)
            for (i, c) in cells.enumerated() {
                if i > 0 { out.append(contentsOf: [0x20, 0x20]) }
                let pad = max(widths[i] - w[i], 0)
                if rightAligned.contains(i) {
                    out.append(contentsOf: repeatElement(0x20, count: pad))
                    out.append(contentsOf: c.utf8)
                } else {
                    out.append(contentsOf: c.utf8)
                    if i != cells.count - 1 { out.append(contentsOf: repeatElement(0x20, count: pad)) }
                }
            }
            out.append(0x0A)
        }
        line(header, header.map(Self.width))
        for (r, w) in zip(rows, cellWidths) { line(r, w) }
        return String(decoding: out, as: UTF8.self)
    }
}

enum CSV {
    /// A field as every CSV of mapcli writes it (`Geo.CSVText`).
    static func field(_ s: String) -> String { CSVText.field(s) }

    static func line(_ fields: [String]) -> String { CSVText.line(fields) }
}

/// Text for a terminal table: one line, no control character.
enum PlainText {
    static func isControl(_ u: Unicode.Scalar) -> Bool { CSVText.isControl(u) }

    /// Line breaks and tabs become spaces, other control characters are
    /// shown as `<U+001B>` (`VisibleText`).
    static func oneLine(_ s: String) -> String {
        guard CSVText.containsControl(s) else { return s }
        var out = String.UnicodeScalarView()
        var previous: Unicode.Scalar = " "
        for u in s.unicodeScalars {
            defer { previous = u }
            if u == "\n" && previous == "\r" { continue }  // CRLF: one break, one space
            if u == "\n" || u == "\r" || u == "\t" {
                out.append(" ")
            } else if isControl(u) {
                out.append(contentsOf: VisibleText.shown(u).unicodeScalars)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }
}
