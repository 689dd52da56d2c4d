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

    static func emit(bytes: [UInt8], to output: String?) throws {
        if let output, output != "-" {
            try AtomicFile.write(Data(bytes), to: output)
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}
