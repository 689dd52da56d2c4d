import CLibPQ
import Foundation

// The one internal bridge to libpq, PostgreSQL's client library. Every libpq
// call of the library goes through the types of this file, and every C return
// convention (a connection status, a result status, NULL) becomes a
// `GeoError` of kind `.database` here.
//
// Ownership, written down once:
// - `PostgresConnection` owns a PGconn and closes it exactly once (PQfinish in
//   deinit), also when connecting failed.
// - Every PGresult libpq hands out is ours: `PostgresResult` clears it exactly
//   once (PQclear in deinit); a streamed query clears each row's result after
//   the row was read, and drains the results that follow an error, so that
//   the connection is left usable.
// - Strings got from a result (PQgetvalue) belong to the result: copied into
//   Swift strings before it is cleared.
// - Not thread-safe, by design: a connection belongs to one analysis.

/// A PostgreSQL connection string as users write it: `postgresql://…` or
/// `postgres://…` URIs, `PG:…` (GDAL's spelling) or libpq keywords
/// (`host=… dbname=…`); for messages, with any password hidden.
public struct PostgresConnectionString: Sendable, Hashable {
    /// What libpq is given.
    public let conninfo: String

    public init(_ text: String) {
        conninfo = text.hasPrefix("PG:") ? String(text.dropFirst(3)) : text
        Secrets.register(conninfo)
    }

    /// Whether a `--data` or `--db` value names a database rather than a file.
    public static func names(_ text: String) -> Bool {
        text.hasPrefix("PG:") || text.hasPrefix("postgresql://") || text.hasPrefix("postgres://")
    }

    /// The connection string with a password replaced by `***` (`Secrets`).
    public var display: String { Secrets.scrub(conninfo, connection: conninfo) }
}

/// One open connection to PostgreSQL.
final class PostgresConnection {
    private let conn: OpaquePointer
    let connection: PostgresConnectionString

    init(_ connection: PostgresConnectionString) throws(GeoError) {
        self.connection = connection
        guard let c = PQconnectdb(connection.conninfo) else {
            throw GeoError(.database, "out of memory while connecting", file: connection.display)
        }
        guard PQstatus(c) == CONNECTION_OK else {
            // libpq may repeat the string, password and all (a URI with a syntax error).
            let message = Secrets.scrub(Self.oneLine(PQerrorMessage(c)), connection: connection.conninfo)
            PQfinish(c)
            throw GeoError(.database, "cannot connect to PostgreSQL: \(message)", file: connection.display)
        }
        conn = c
    }

    deinit { PQfinish(conn) }

    /// The server's version as a number (150018 for 15.18).
    var serverVersion: Int { Int(PQserverVersion(conn)) }

    /// Runs one statement with text parameters ($1, $2…) and returns its whole result.
    @discardableResult
    func query(_ sql: String, _ parameters: [String?] = [], what: String) throws(GeoError) -> PostgresResult {
        let result = withParameters(parameters) { values in
            PQexecParams(conn, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        guard let result else { throw error(what) }
        let r = PostgresResult(result)
        switch PQresultStatus(result) {
        case PGRES_TUPLES_OK, PGRES_COMMAND_OK: return r
        default: throw r.error(what, self)
        }
    }

    /// Runs one query and hands its rows to `row` one at a time as they arrive
    /// (libpq's single-row mode: the whole answer is never held in memory).
    func stream(_ sql: String, _ parameters: [String?] = [], what: String, row: (PostgresRow) throws(GeoError) -> Void) throws(GeoError) {
        let sent = withParameters(parameters) { values in
            PQsendQueryParams(conn, sql, Int32(parameters.count), nil, values, nil, nil, 0)
        }
        guard sent == 1 else { throw error(what) }
        guard PQsetSingleRowMode(conn) == 1 else {
            drain()
            throw GeoError(.database, "libpq refused single-row mode", file: connection.display, operation: what)
        }
        var failure: GeoError?
        while let result = PQgetResult(conn) {
            let r = PostgresResult(result)
            guard failure == nil else { continue }  // drained, cleared by `r`
            switch PQresultStatus(result) {
            case PGRES_SINGLE_TUPLE:
                do throws(GeoError) { try row(PostgresRow(result: r, index: 0)) } catch { failure = error }
            case PGRES_TUPLES_OK, PGRES_COMMAND_OK:
                break
            default:
                failure = r.error(what, self)
            }
        }
        if let failure { throw failure }
    }

    /// `COPY … FROM STDIN` (text format): `send` is handed a function that sends
    /// bytes of rows, and is called once. A failure while sending ends the copy
    /// with that message, so the server rolls the statement back.
    func copyIn(_ sql: String, what: String, send: ((inout [UInt8]) throws(GeoError) -> Void) throws(GeoError) -> Void) throws(GeoError) {
        guard let started = PQexec(conn, sql) else { throw error(what) }
        let first = PostgresResult(started)
        guard PQresultStatus(started) == PGRES_COPY_IN else { throw first.error(what, self) }
        var failure: GeoError?
        do throws(GeoError) {
            try send { (bytes: inout [UInt8]) throws(GeoError) in
                guard !bytes.isEmpty else { return }
                let sent = bytes.withUnsafeBufferPointer { b in
                    b.withMemoryRebound(to: CChar.self) { PQputCopyData(conn, $0.baseAddress, Int32($0.count)) }
                }
                guard sent == 1 else { throw error(what) }
                bytes.removeAll(keepingCapacity: true)
            }
        } catch {
            failure = error
        }
        let ended = PQputCopyEnd(conn, failure.map { $0.message })
        var serverFailure: GeoError?
        while let result = PQgetResult(conn) {
            let r = PostgresResult(result)
            let status = PQresultStatus(result)
            if status != PGRES_COMMAND_OK && serverFailure == nil { serverFailure = r.error(what, self) }
        }
        if let failure { throw failure }
        guard ended == 1 else { throw error(what) }
        if let serverFailure { throw serverFailure }
    }

    private func drain() {
        while let result = PQgetResult(conn) { PQclear(result) }
    }

    private func error(_ what: String) -> GeoError {
        GeoError(.database, Secrets.scrub(Self.oneLine(PQerrorMessage(conn)), connection: connection.conninfo), file: connection.display, operation: what)
    }

    /// libpq's messages end in a line break and may run over several lines: one line.
    static func oneLine(_ message: UnsafePointer<CChar>?) -> String {
        guard let message else { return "no message" }
        let text = String(cString: message).split(whereSeparator: { $0 == "\n" || $0 == "\r" })
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }.joined(separator: " ")
        return text.isEmpty ? "no message" : text
    }

    /// Parameters as C strings alive for the call.
    private func withParameters<T>(_ parameters: [String?], _ body: ([UnsafePointer<CChar>?]) -> T) -> T {
        var owned: [UnsafeMutablePointer<CChar>?] = parameters.map { $0.map { strdup($0) } }
        defer { for p in owned { free(p) } }
        return owned.withUnsafeMutableBufferPointer { buffer in
            body(buffer.map { $0.map { UnsafePointer($0) } })
        }
    }
}

/// A PGresult, cleared exactly once.
final class PostgresResult {
    let pointer: OpaquePointer
    init(_ pointer: OpaquePointer) { self.pointer = pointer }
    deinit { PQclear(pointer) }

    var rowCount: Int { Int(PQntuples(pointer)) }

    /// Column `column` of row `row` as text; nil for SQL NULL.
    func value(_ row: Int, _ column: Int) -> String? {
        guard PQgetisnull(pointer, Int32(row), Int32(column)) == 0 else { return nil }
        return String(cString: PQgetvalue(pointer, Int32(row), Int32(column)))
    }

    /// The server's error, with its SQLSTATE code where it gives one.
    func error(_ what: String, _ connection: PostgresConnection) -> GeoError {
        let message = PostgresConnection.oneLine(PQresultErrorMessage(pointer))
        var e = GeoError(.database, message.hasPrefix("ERROR:") ? String(message.dropFirst(6)).trimmingCharacters(in: .whitespaces) : message, file: connection.connection.display, operation: what)
        if let code = PQresultErrorField(pointer, Int32(UInt8(ascii: "C"))) { e.sqlState = String(cString: code) }
        return e
    }
}

/// One row of a streamed result.
struct PostgresRow {
    let result: PostgresResult
    let index: Int
    func text(_ column: Int) -> String? { result.value(index, column) }
}
