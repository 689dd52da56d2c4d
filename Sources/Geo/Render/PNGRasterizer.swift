import Foundation

/// Turns SVG into PNG with librsvg's `rsvg-convert` (Debian: librsvg2-bin),
/// writing atomically: the PNG appears whole or not at all.
public enum PNGRasterizer {
    public static func rasterize(svg: String, to path: String, zoom: Double = 1.5) throws(GeoError) {
        guard let tool = findTool() else {
            throw GeoError(.io, "cannot write PNG: rsvg-convert is not installed (Debian: apt-get install librsvg2-bin); use --format svg", file: path)
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mapcli-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw GeoError(.io, "cannot create a temporary folder: \(error.localizedDescription)", file: path)
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        let svgURL = dir.appendingPathComponent("map.svg"), pngURL = dir.appendingPathComponent("map.png")
        do {
            try Data(svg.utf8).write(to: svgURL)
        } catch {
            throw GeoError(.io, "cannot write a temporary SVG: \(error.localizedDescription)", file: path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["--zoom", String(zoom), "--format", "png", "--output", pngURL.path, svgURL.path]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        do {
            try process.run()
        } catch {
            throw GeoError(.io, "cannot run \(tool): \(error.localizedDescription)", file: path)
        }
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let png = try? Data(contentsOf: pngURL) else {
            throw GeoError(.io, "rsvg-convert failed (status \(process.terminationStatus)): \(message.trimmingCharacters(in: .whitespacesAndNewlines))", file: path)
        }
        try AtomicFile.write(png, to: path)
    }

    static func findTool() -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for p in paths + ["/usr/bin"] where FileManager.default.isExecutableFile(atPath: p + "/rsvg-convert") {
            return p + "/rsvg-convert"
        }
        return nil
    }
}
