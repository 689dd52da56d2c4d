import Foundation

/// The temporary files being written (the hidden `.name.tmp-…` beside an
/// output, or the hidden staging folder GDAL writes a GIS file into), removed
/// if the process is stopped by SIGINT, SIGTERM or SIGHUP before they could
/// be renamed into place. A staging folder is tracked with the names of every
/// file a GDAL driver may make in it (named before GDAL starts), so that the
/// handler can unlink them and remove the folder with async-signal-safe
/// calls only (no readdir).
///
/// Invariants: the signal handler only calls async-signal-safe functions
/// (unlink, signal, raise) on C strings allocated before the signal could
/// arrive; a slot is filled and emptied under a lock, and a path is freed
/// only after its slot is emptied. At most `capacity` files are tracked at
/// once (mapcli writes one at a time); beyond that a file is written
/// untracked, as before.
public enum TemporaryFiles {
    static let capacity = 64
    nonisolated(unsafe) static let slots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        p.initialize(repeating: nil, count: capacity)
        return p
    }()
    /// Folders to remove (rmdir) after the files, in the same way.
    nonisolated(unsafe) static let folderSlots: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: capacity)
        p.initialize(repeating: nil, count: capacity)
        return p
    }()
    private static let lock = NSLock()

    /// Stops on SIGINT, SIGTERM and SIGHUP remove the tracked files, then end the
    /// process as the signal would have (same exit status).
    public static func installSignalHandlers() {
        _ = slots
        _ = folderSlots
        // A parent may have started us with these signals blocked (the mask is inherited): unblock them.
        var set = sigset_t()
        sigemptyset(&set)
        for s in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&set, s) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        for s in [SIGINT, SIGTERM, SIGHUP] {
            signal(s) { sig in
                for i in 0..<TemporaryFiles.capacity {
                    if let p = TemporaryFiles.slots[i] { unlink(p) }
                }
                for i in 0..<TemporaryFiles.capacity {
                    if let p = TemporaryFiles.folderSlots[i] { rmdir(p) }
                }
                signal(sig, SIG_DFL)
                raise(sig)
            }
        }
    }

    static func track(_ path: String) -> Int? {
        lock.lock()
        defer { lock.unlock() }
        for i in 0..<capacity where slots[i] == nil {
            slots[i] = strdup(path)
            return i
        }
        return nil
    }

    /// A staging folder and the files that may appear in it: untrack with `untrack(folder:)`.
    static func track(folder: String, files: [String]) -> (folder: Int?, files: [Int?]) {
        let fileSlots = files.map { track("\(folder)/\($0)") }
        lock.lock()
        defer { lock.unlock() }
        for i in 0..<capacity where folderSlots[i] == nil {
            folderSlots[i] = strdup(folder)
            return (i, fileSlots)
        }
        return (nil, fileSlots)
    }

    static func untrack(folder tracked: (folder: Int?, files: [Int?])) {
        tracked.files.forEach(untrack)
        guard let slot = tracked.folder else { return }
        lock.lock()
        let p = folderSlots[slot]
        folderSlots[slot] = nil
        lock.unlock()
        free(p)
    }

    static func untrack(_ slot: Int?) {
        guard let slot else { return }
        lock.lock()
        let p = slots[slot]
        slots[slot] = nil
        lock.unlock()
        free(p)
    }
}
