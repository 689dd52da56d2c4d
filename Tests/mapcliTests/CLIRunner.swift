import Foundation

/// Runs the built `mapcli` binary, as a user would, from the package root.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary under test: this checkout's debug build, or with `MAPCLI_BIN` (the
    /// sanitizer targets of the Makefile) another build of this checkout, never a
    /// binary from elsewhere; and never one older than the sources it was built
    /// from (a stale binary would test yesterday's code).
    static func binary() throws -> URL {
        if let problem = binaryProblem { throw CLIRunnerError(message: problem) }
        return binaryURL
    }

    private static let binaryURL: URL = {
        if let env = ProcessInfo.processInfo.environment["MAPCLI_BIN"], !env.isEmpty {
            return URL(fileURLWithPath: env).standardizedFileURL.resolvingSymlinksInPath()
        }
        return packageRoot.appendingPathComponent(".build/debug/mapcli")
    }()

    private static let binaryProblem: String? = {
        let fm = FileManager.default
        let path = binaryURL.path
        let root = packageRoot.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        guard path.hasPrefix(root) else {
            return "MAPCLI_BIN=\(path) is not a build of this checkout (\(root)); unset it or point it inside the checkout"
        }
        guard fm.isExecutableFile(atPath: path) else { return "\(path) is missing: run `swift build` (or `make test`) first" }
        guard let built = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date else { return "\(path): no modification date" }
        var newest: (Date, String)?
        let sources = packageRoot.appendingPathComponent("Sources")
        for case let file as URL in fm.enumerator(at: sources, includingPropertiesForKeys: [.contentModificationDateKey]) ?? FileManager.DirectoryEnumerator() {
            guard let date = try? file.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate else { continue }
            if newest.map({ date > $0.0 }) ?? true { newest = (date, file.path) }
        }
        if let (date, file) = newest, date > built {
            return "\(path) is older than \(file): rebuild (`swift build`) before running the CLI tests"
        }
        return nil
    }()

    /// The environment a run gets: the tests' own, without any `MAPCLI_*` setting
    /// (an inherited `MAPCLI_GEODATA` would point every run at other data), plus
    /// what a test asks for.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("MAPCLI_") }
        env.merge(extra) { $1 }
        return env
    }

    static func run(_ arguments: [String], stdin: String? = nil) throws -> CLIResult {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        process.environment = environment()
        // Outputs go to files, so a large output can never block the child.
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let outURL = dir.appendingPathComponent("stdout"), errURL = dir.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
        process.standardOutput = out
        process.standardError = err
        let input = Pipe()
        process.standardInput = input
        try process.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        try out.close()
        try err.close()
        return CLIResult(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    /// Runs the binary with the given standard input and output (a file, a device such as
    /// /dev/full); standard error is returned. For what `run` cannot set up.
    static func run(_ arguments: [String], standardInput: FileHandle, standardOutput: FileHandle) throws -> (status: Int32, stderr: String) {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        process.currentDirectoryURL = packageRoot
        process.environment = environment()
        process.standardInput = standardInput
        process.standardOutput = standardOutput
        let err = Pipe()
        process.standardError = err
        try process.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, message)
    }

    struct CLIRunnerError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("mapcli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
