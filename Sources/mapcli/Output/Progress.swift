import Foundation
import Geo

/// Progress of long work on standard error: only when standard error is a
/// terminal, and only once the work has taken more than a moment (1 s;
/// `MAPCLI_PROGRESS_AFTER` seconds if set). Quiet otherwise, so pipes and
/// logs stay clean.
final class Progress: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    private let after: TimeInterval
    private var lastShown = Date.distantPast
    private var showing = false

    private init(after: TimeInterval) { self.after = after }

    static func handler() -> ProgressHandler? {
        guard isatty(STDERR_FILENO) == 1 else { return nil }
        let after = ProcessInfo.processInfo.environment["MAPCLI_PROGRESS_AFTER"].flatMap(Double.init) ?? 1
        let p = Progress(after: after)
        return { stage, done, total in p.report(stage, done, total) }
    }

    private func report(_ stage: String, _ done: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        let now = Date()
        if done >= total {
            if showing { Console.error("\r\u{1B}[K", newline: false) }
            showing = false
            return
        }
        guard now.timeIntervalSince(start) >= after, now.timeIntervalSince(lastShown) >= 0.2 else { return }
        lastShown = now
        showing = true
        let percent = total > 0 ? done * 100 / total : 0
        Console.error("\rmapcli: \(stage): \(done)/\(total) territories (\(percent)%)", newline: false)
    }
}
