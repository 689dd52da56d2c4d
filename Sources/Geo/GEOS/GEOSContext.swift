import CGEOS
import Foundation

/// `GEOS_init_r` writes a GEOS global without synchronisation (libgeos #1311),
/// so context creation and destruction are serialised here.
private let contextLifecycleLock = NSLock()

/// Receives GEOS's error and notice messages for one context.
private final class MessageSink {
    var lastError: String = ""
}

/// The single owner of a GEOS context handle. Every GEOS call in the library
/// goes through a `GEOSContext`, and every C return convention is turned into
/// a Swift error here (NULL, the 0/1/2 of predicates, 0 or -1 of int results).
///
/// Not thread-safe, by design: a context belongs to one analysis or one
/// worker, and GEOS pointers never cross threads. Values that cross threads
/// are the Swift `Geometry` values.
final class GEOSContext {
    let handle: GEOSContextHandle_t
    private let sink: MessageSink

    init() throws(GeoError) {
        contextLifecycleLock.lock()
        let h = GEOS_init_r()
        contextLifecycleLock.unlock()
        guard let h else { throw GeoError(.geos, "could not create a GEOS context", operation: "GEOS_init_r") }
        handle = h
        sink = MessageSink()
        let userdata = Unmanaged.passUnretained(sink).toOpaque()
        _ = GEOSContext_setErrorMessageHandler_r(
            handle,
            { message, userdata in
                guard let message, let userdata else { return }
                let sink = Unmanaged<MessageSink>.fromOpaque(userdata).takeUnretainedValue()
                sink.lastError = String(cString: message)
            }, userdata)
        _ = GEOSContext_setNoticeMessageHandler_r(handle, { _, _ in }, nil)
    }

    deinit {
        contextLifecycleLock.lock()
        GEOS_finish_r(handle)
        contextLifecycleLock.unlock()
    }

    /// The last message GEOS reported, consumed.
    func takeLastError() -> String {
        let m = sink.lastError
        sink.lastError = ""
        return m.isEmpty ? "unknown GEOS error" : m
    }

    /// An error for a failed `operation`, carrying GEOS's message.
    func error(_ operation: String) -> GeoError {
        GeoError(.geos, takeLastError(), operation: operation)
    }

    // MARK: Return conventions

    /// Functions returning a new geometry: NULL means an exception.
    func owned(_ operation: String, _ pointer: OpaquePointer?) throws(GeoError) -> GEOSGeom {
        guard let pointer else { throw error(operation) }
        return GEOSGeom(context: self, pointer: pointer)
    }

    /// Predicates: 1 true, 0 false, 2 exception.
    func predicate(_ operation: String, _ result: CChar) throws(GeoError) -> Bool {
        switch result {
        case 1: return true
        case 0: return false
        default: throw error(operation)
        }
    }

    /// Functions returning int status: 0 means an exception.
    func status(_ operation: String, _ result: Int32) throws(GeoError) {
        if result == 0 { throw error(operation) }
    }
}
