import Foundation

@testable import mapcli

/// Runs mapcli's commands, from the package root: in process (`CLI.run`:
/// the command types themselves, through the same `MapCLI.execute` as the
/// binary's entry point, with both streams captured), or as the built binary
/// in a process of its own (`CLI.process`, and `CLI.run` with standard input)
/// for what only a process shows: standard streams, exit on a signal or a
/// failed write, the demo.
struct CLIResult {
    var status: Int32
    var stdout: String
    var stderr: String
}

enum CLI {
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary under test: this checkout's build in the tests' own configuration, or with `MAPCLI_BIN` (the
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
        #if DEBUG
        return packageRoot.appendingPathComponent(".build/debug/mapcli")
        #else
        return packageRoot.appendingPathComponent(".build/release/mapcli")
        #endif
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

    /// One command line run in this process: what it writes to standard output
    /// and standard error, and the exit code the binary would end with.
    static func run(_ arguments: [String]) throws -> CLIResult {
        _ = inProcessSetUp
        let capture = Console.Capture()
        let status = Console.$capture.withValue(capture) { MapCLI.execute(arguments) }
        return CLIResult(
            status: status, stdout: String(decoding: capture.stdout, as: UTF8.self), stderr: String(decoding: capture.stderr, as: UTF8.self))
    }

    /// In-process runs see what a process started by `process` sees: the package
    /// root as the current folder, and no inherited `MAPCLI_*` setting.
    private static let inProcessSetUp: Void = {
        _ = binaryURL  // read MAPCLI_BIN (the sanitizer runs set it) before the settings are dropped
        _ = FileManager.default.changeCurrentDirectoryPath(packageRoot.path)
        for key in ProcessInfo.processInfo.environment.keys where key.hasPrefix("MAPCLI_") { unsetenv(key) }
    }()

    /// One command line with text on standard input, in a process of its own.
    static func run(_ arguments: [String], stdin: String) throws -> CLIResult {
        try process(arguments, stdin: stdin)
    }

    /// The built binary in a process of its own.
    static func process(_ arguments: [String], stdin: String? = nil) throws -> CLIResult {
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

    /// Starts a process and waits for it to end without holding a thread: Swift
    /// Testing runs tests on as many threads as there are cores, and a test
    /// blocked in `waitUntilExit` would leave a core idle while its child runs
    /// (the demo, Chromium).
    static func runToEnd(_ process: Process) async throws {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            process.terminationHandler = { _ in done.resume() }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                done.resume(throwing: error)
            }
        }
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
