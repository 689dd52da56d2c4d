import Foundation
import Geo

/// Results go to standard output, diagnostics to standard error, or, for a
/// command run in process (`MapCLI.execute` under `Console.$capture`, as the
/// tests run commands), to that run's capture.
enum Console {
    /// What an in-process run wrote to its two streams.
    /// (`@unchecked Sendable`: both buffers are read and written under `lock` only.)
    final class Capture: @unchecked Sendable {
        private let lock = NSLock()
        private var out: [UInt8] = []
        private var err: [UInt8] = []
        init() {}
        func append(_ bytes: [UInt8], error: Bool) {
            lock.withLock { if error { err += bytes } else { out += bytes } }
        }
        var stdout: [UInt8] { lock.withLock { out } }
        var stderr: [UInt8] { lock.withLock { err } }
    }

    /// Set for a command run in process: its streams go here, and the run ends
    /// by returning, never by ending the process.
    @TaskLocal static var capture: Capture?

    /// Writes the answer to standard output; a write that fails (a full disk,
    /// /dev/full, a closed pipe) is said on standard error and ends the
    /// process with exit code 1, never a crash.
    static func out(_ text: String) {
        out(bytes: Array(text.utf8))
    }

    static func out(bytes: [UInt8]) {
        if let capture {
            capture.append(bytes, error: false)
            return
        }
        if !writeAll(STDOUT_FILENO, bytes) {
            let reason = String(cString: strerror(errno))
            _ = writeAll(STDERR_FILENO, Array("mapcli: error: cannot write to standard output: \(reason)\n".utf8))
            exit(1)
        }
    }

    /// A diagnostic on standard error, with every password mapcli has met
    /// (arguments, connection strings) and anything shaped like one hidden.
    static func error(_ text: String, newline: Bool = true) {
        let text = shortened(Secrets.scrub(text))
        let line = text.hasSuffix("\n") || !newline ? text : text + "\n"
        if let capture {
            capture.append(Array(line.utf8), error: true)
            return
        }
        _ = writeAll(STDERR_FILENO, Array(line.utf8))
    }

    /// A diagnostic does not repeat 100,000 characters of a name or a value
    /// (issue 29): a run of more than 200 characters without a space keeps its
    /// first 120 and says how long it was; a line over 4,000 characters keeps
    /// its first 4,000.
    static func shortened(_ text: String) -> String {
        guard text.utf8.count > 200 else { return text }
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var words: [String] = []
            for word in line.split(separator: " ", omittingEmptySubsequences: false) {
                words.append(word.count > 200 ? "\(word.prefix(120))… (\(word.count) characters)" : String(word))
            }
            var l = words.joined(separator: " ")
            if l.count > 4_000 { l = "\(l.prefix(4_000))… (a line of \(l.count) characters, shortened)" }
            lines.append(l)
        }
        return lines.joined(separator: "\n")
    }

    /// write(2) until done; false on an error other than EINTR.
    private static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += n
        }
        return true
    }

    static var stderrIsTerminal: Bool { capture == nil && isatty(STDERR_FILENO) == 1 }

    /// Ends the process once a command's answer is written, without tearing
    /// down what it loaded: freeing a layer of 100,000 territories one object
    /// at a time costs a third of a second that the system reclaims at once
    /// anyway (compilers skip it for the same reason). With MAPCLI_TEARDOWN
    /// set it returns, so that the caller tears down as usual: `make valgrind`
    /// sets it to check that everything is released exactly once.
    static func finishWithoutTeardown() {
        if capture == nil, ProcessInfo.processInfo.environment["MAPCLI_TEARDOWN"] == nil { exit(0) }
    }
}

/// Writes a command's result to a file (atomically) or to standard output.
enum ResultWriter {
    static func emit(_ text: String, to output: String?) throws {
        if let output, output != "-" {
            try AtomicFile.write(text, to: output)
        } else {
            Console.out(text)
        }
    }

    static func emit(chunks: [[UInt8]], to output: String?) throws {
        guard let output, output != "-" else {
            if Console.capture != nil {
                Console.out(bytes: chunks.flatMap { $0 })
            } else {
                try AtomicFile.write(chunks: chunks, to: "-")
            }
            return
        }
        try AtomicFile.write(chunks: chunks, to: output)
    }
}
