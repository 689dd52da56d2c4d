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
        if path == "-" {
            FileHandle.standardOutput.write(data)
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
            guard let handle = FileHandle(forWritingAtPath: path) else {
                throw GeoError(.io, "cannot be opened for writing", file: path)
            }
            defer { try? handle.close() }
            do {
                try handle.write(contentsOf: data)
            } catch {
                throw GeoError(.io, "cannot write: \(error.localizedDescription)", file: path)
            }
            return
        }
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw GeoError(.io, "cannot write: the folder \(directory.path) does not exist", file: path)
        }
        let temporary = directory.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        guard FileManager.default.createFile(atPath: temporary.path, contents: data) else {
            throw GeoError(.io, "cannot write in \(directory.path) (permission denied or disk full?)", file: path)
        }
        if rename(temporary.path, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporary.path)
            throw GeoError(.io, "cannot replace the file: \(reason)", file: path)
        }
    }
}
