import Foundation

/// Writes files so that a reader never sees a partial one: the bytes go to a
/// temporary file in the same folder, which is renamed over the target only
/// once complete. A failure leaves any old file untouched and no temporary
/// file behind.
public enum AtomicFile {
    public static func write(_ text: String, to path: String) throws(GeoError) {
        try write(Data(text.utf8), to: path)
    }

    public static func write(_ data: Data, to path: String) throws(GeoError) {
        try write(to: path) { fd throws(GeoError) in
            var failure: GeoError?
            data.withUnsafeBytes { b in
                do throws(GeoError) { try writeAll(b, to: fd, path: path) } catch { failure = error }
            }
            if let failure { throw failure }
        }
    }

    /// Consecutive chunks written as one file, one after the other (no copy of the whole).
    public static func write(chunks: [[UInt8]], to path: String) throws(GeoError) {
        try write(to: path) { fd throws(GeoError) in
            var failure: GeoError?
            for chunk in chunks where failure == nil {
                chunk.withUnsafeBytes { b in
                    do throws(GeoError) { try writeAll(b, to: fd, path: path) } catch { failure = error }
                }
            }
            if let failure { throw failure }
        }
    }

    /// The descriptor a path names, following links (at most 16): `/dev/fd/N`,
    /// `/proc/self/fd/N` or `/proc/<this process>/fd/N`; nil for any other path.
    static func descriptor(named path: String) -> Int32? {
        var current = path
        for _ in 0..<16 {
            for prefix in ["/dev/fd/", "/proc/self/fd/", "/proc/\(getpid())/fd/"] where current.hasPrefix(prefix) {
                return Int32(current.dropFirst(prefix.count))
            }
            var buffer = [CChar](repeating: 0, count: 4097)
            let n = readlink(current, &buffer, 4096)
            guard n > 0 else { return nil }
            let target = String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            current = target.hasPrefix("/") ? target : URL(fileURLWithPath: current).deletingLastPathComponent().path + "/" + target
        }
        return nil
    }

    /// Opens the destination (standard output for "-", a device or FIFO in
    /// place, else a temporary file renamed over the target once `body` is
    /// done) and lets `body` write to its file descriptor.
    private static func write(to path: String, _ body: (Int32) throws(GeoError) -> Void) throws(GeoError) {
        if path == "-" {
            try body(STDOUT_FILENO)
            return
        }
        // A name of one of this process's descriptors (/dev/stdout, /dev/stderr, /dev/fd/N,
        // /proc/self/fd/N, or a link to one) is that descriptor: written to it as `-` is to
        // standard output. Renaming a finished file over it would replace the link itself
        // (/dev/stdout, for every process on the machine) and leave the real output empty.
        if let n = descriptor(named: path) {
            let fd = dup(n)
            guard fd >= 0 else { throw GeoError(.io, "names file descriptor \(n), which is not open", file: path) }
            defer { close(fd) }
            try body(fd)
            return
        }
        let url = URL(fileURLWithPath: path)
        let directory = url.deletingLastPathComponent()
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw GeoError(.io, "is a directory; give a file name to write", file: path)
        }
        // A device, FIFO or socket (/dev/null, /dev/stdout, a named pipe) is written
        // in place: renaming over it would replace the node itself.
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
            let fd = open(path, O_WRONLY)
            guard fd >= 0 else { throw GeoError(.io, "cannot be opened for writing", file: path) }
            defer { close(fd) }
            try body(fd)
            return
        }
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GeoError(.io, "cannot write: the folder \(directory.path) does not exist", file: path)
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let slot = TemporaryFiles.track(temporary)
        defer { TemporaryFiles.untrack(slot) }
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else {
            throw GeoError(.io, "cannot write in \(directory.path) (permission denied or disk full?)", file: path)
        }
        do throws(GeoError) {
            try body(fd)
            guard close(fd) == 0 else {
                throw GeoError(.io, "cannot write: \(String(cString: strerror(errno)))", file: path)
            }
        } catch {
            close(fd)
            unlink(temporary)
            throw error
        }
        if rename(temporary, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw GeoError(.io, "cannot replace the file: \(reason)", file: path)
        }
    }

    private static func writeAll(_ buffer: UnsafeRawBufferPointer, to fd: Int32, path: String) throws(GeoError) {
        var offset = 0
        while offset < buffer.count {
            let n = Foundation.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                let reason = String(cString: strerror(errno))
                if path == "-" { throw GeoError(.io, "cannot write to standard output: \(reason)") }
                throw GeoError(.io, "cannot write: \(reason)", file: path)
            }
            offset += n
        }
    }
}
