import Foundation

/// Passwords kept out of every message (issue 29): mapcli's own copies of a
/// connection string, and the texts libpq and GDAL send back, which may
/// repeat the string whole (a URI with a syntax error) or in part.
///
/// Invariants:
/// - `passwords(in:)` finds the password of each form libpq reads: a URI's
///   user information (`user:PW@`, raw and percent-decoded), its `password=`
///   query parameter, and the keyword form with or without spaces around `=`,
///   bare or single-quoted (with `\'` and `\\` escapes).
/// - `scrub` replaces every occurrence of those passwords (of 4 characters
///   or more), and any text that has the shape of one (`://user:…@`,
///   `password = …`), by `***`.
public enum Secrets {
    /// The passwords a connection string holds (empty when it holds none).
    public static func passwords(in connection: String) -> [String] {
        var found: [String] = []
        var s = Substring(connection)
        if s.hasPrefix("PG:") { s = s.dropFirst(3) }
        // URI user information: scheme://user:password@host
        if let scheme = s.range(of: "://") {
            let rest = s[scheme.upperBound...]
            let authority = rest.prefix { $0 != "/" && $0 != "?" }
            if let at = authority.lastIndex(of: "@"), let colon = authority[..<at].firstIndex(of: ":") {
                let raw = String(authority[authority.index(after: colon)..<at])
                found.append(raw)
                if let decoded = raw.removingPercentEncoding, decoded != raw { found.append(decoded) }
            }
            // ?password=… in the query
            if let query = rest.firstIndex(of: "?") {
                for pair in rest[rest.index(after: query)...].split(separator: "&") where pair.lowercased().hasPrefix("password=") {
                    let raw = String(pair.dropFirst("password=".count))
                    found.append(raw)
                    if let decoded = raw.removingPercentEncoding, decoded != raw { found.append(decoded) }
                }
            }
        }
        // Keyword form: password = value, value bare or 'quoted'.
        var i = s.startIndex
        while let r = s.range(of: "password", options: .caseInsensitive, range: i..<s.endIndex) {
            i = r.upperBound
            var j = r.upperBound
            while j < s.endIndex, s[j] == " " || s[j] == "\t" { j = s.index(after: j) }
            guard j < s.endIndex, s[j] == "=" else { continue }
            j = s.index(after: j)
            while j < s.endIndex, s[j] == " " || s[j] == "\t" { j = s.index(after: j) }
            guard j < s.endIndex else { continue }
            var value = ""
            if s[j] == "'" {
                j = s.index(after: j)
                while j < s.endIndex, s[j] != "'" {
                    if s[j] == "\\", s.index(after: j) < s.endIndex { j = s.index(after: j) }
                    value.append(s[j])
                    j = s.index(after: j)
                }
            } else {
                while j < s.endIndex, !s[j].isWhitespace, s[j] != "&" {
                    value.append(s[j])
                    j = s.index(after: j)
                }
            }
            found.append(value)
            // Each word of a quoted password too: a message may quote it in part.
            if value.contains(" ") { found += value.split(separator: " ").map(String.init).filter { $0.count >= 4 } }
        }
        return Array(Set(found.filter { !$0.isEmpty })).sorted { $0.count > $1.count }
    }

    /// Passwords met so far in this process (command-line arguments, connection
    /// strings opened), scrubbed from every message `scrub(_:)` is given.
    private final class Registry: @unchecked Sendable {
        let lock = NSLock()
        var passwords: Set<String> = []
    }
    private static let registry = Registry()

    /// Remembers the passwords of a connection string (or of any argument
    /// that holds one) for `scrub(_:)`; returns whether it held any.
    @discardableResult
    public static func register(_ connection: String) -> Bool {
        let found = passwords(in: connection)
        guard !found.isEmpty else { return false }
        registry.lock.lock()
        registry.passwords.formUnion(found)
        registry.lock.unlock()
        return true
    }

    /// The message with every password registered so far, and anything shaped
    /// like one, replaced by `***`.
    public static func scrub(_ message: String) -> String {
        registry.lock.lock()
        let known = Array(registry.passwords)
        registry.lock.unlock()
        return scrub(message, passwords: known)
    }

    /// The message with every password of `connection` and anything shaped
    /// like one replaced by `***`.
    public static func scrub(_ message: String, connection: String) -> String {
        scrub(message, passwords: passwords(in: connection))
    }

    public static func scrub(_ message: String, passwords: [String]) -> String {
        var s = message
        // Passwords of 4 characters or more wherever they appear; shorter ones would blank
        // ordinary words, and are caught by their shapes below.
        for p in passwords.sorted(by: { $0.count > $1.count }) where p.count >= 4 { s = s.replacingOccurrences(of: p, with: "***") }
        s = s.replacingOccurrences(of: #"(://[^:/@\s]*):[^@\s]*@"#, with: "$1:***@", options: .regularExpression)
        s = s.replacingOccurrences(of: #"(?i)(password\s*=\s*)('(\\.|[^'])*'|[^\s&]+)"#, with: "$1***", options: .regularExpression)
        return s
    }
}
