import Foundation

/// Turns SVG into PNG or PDF with librsvg's `rsvg-convert` (Debian:
/// librsvg2-bin), the same renderer for both, writing atomically: the file
/// appears whole or not at all.
public enum PNGRasterizer {
    public enum Format: String, Sendable { case png, pdf }

    /// `dpi`: dots per inch of the result; an SVG pixel is 1/96 inch, so a
    /// PNG is `dpi / 96` times the SVG's size in pixels.
    public static func rasterize(svg: String, to path: String, format: Format = .png, dpi: Double = 144) throws(GeoError) {
        guard let tool = findTool() else {
            throw GeoError(.io, "cannot write \(format.rawValue.uppercased()): rsvg-convert is not installed (Debian: apt-get install librsvg2-bin); use --format svg", file: path)
        }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mapcli-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        } catch {
            throw GeoError(.io, "cannot create a temporary folder: \(error.localizedDescription)", file: path)
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        let svgURL = dir.appendingPathComponent("map.svg"), pngURL = dir.appendingPathComponent("map.\(format.rawValue)")
        do {
            try Data(svg.utf8).write(to: svgURL)
        } catch {
            throw GeoError(.io, "cannot write a temporary SVG: \(error.localizedDescription)", file: path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        // For PNG the zoom sets the pixels and the DPI is recorded; for PDF the page keeps its size in points.
        let zoom = format == .png ? dpi / 96 : 1
        process.arguments = [
            "--zoom", String(zoom), "--dpi-x", String(dpi), "--dpi-y", String(dpi), "--format", format.rawValue, "--output", pngURL.path, svgURL.path,
        ]
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
