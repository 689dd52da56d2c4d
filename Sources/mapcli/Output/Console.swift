import Foundation
import Geo

/// Results go to standard output, diagnostics to standard error.
enum Console {
    static func out(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func error(_ text: String, newline: Bool = true) {
        let line = text.hasSuffix("\n") || !newline ? text : text + "\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    static var stderrIsTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// Ends the process once a command's answer is written, without tearing
    /// down what it loaded: freeing a layer of 100,000 territories one object
    /// at a time costs a third of a second that the system reclaims at once
    /// anyway (compilers skip it for the same reason). With MAPCLI_TEARDOWN
    /// set it returns, so that the caller tears down as usual: `make valgrind`
    /// sets it to check that everything is released exactly once.
    static func finishWithoutTeardown() {
        if ProcessInfo.processInfo.environment["MAPCLI_TEARDOWN"] == nil { exit(0) }
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
        try AtomicFile.write(chunks: chunks, to: output ?? "-")
    }
}
