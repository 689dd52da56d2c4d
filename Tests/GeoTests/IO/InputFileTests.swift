import Foundation
import Testing

@testable import Geo

/// Issue 29: inputs that would hang or be read whole before their first
/// byte is refused.
@Suite(.serialized) struct InputFileTests {
    static func folder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A named pipe nobody writes to is given up after the wait, with a word;
    /// one whose writer comes a little later is read as usual.
    @Test func aNamedPipeWithoutAWriterDoesNotHang() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let wait = InputFile.fifoWriterWaitSeconds
        InputFile.fifoWriterWaitSeconds = 1
        defer { InputFile.fifoWriterWaitSeconds = wait }
        do {
            _ = try GeoJSONReader().read(path: fifo)
            Issue.record("read a pipe nobody wrote to")
        } catch {
            #expect(error.message == "is a named pipe and nothing wrote to it within 1 s", "\(error.message)")
        }
        let writer = Thread {
            Thread.sleep(forTimeInterval: 0.2)
            let fd = open(fifo, O_WRONLY)
            let text = Array(#"{"type":"Feature","id":"a","properties":{},"geometry":{"type":"Point","coordinates":[1,2]}}"#.utf8)
            _ = text.withUnsafeBytes { write(fd, $0.baseAddress!, text.count) }
            close(fd)
        }
        writer.start()
        let read = try GeoJSONReader().read(path: fifo)
        #expect(read.features.count == 1)
    }

    /// A 100 MB file of NULs (sparse: it takes no disk) is refused at its
    /// first byte; before, it was read whole and then refused by the parser.
    @Test func aLargeFileThatIsNotJSONIsRefusedAtItsFirstByte() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("zeros.geojson").path
        let fd = open(path, O_WRONLY | O_CREAT, 0o600)
        #expect(ftruncate(fd, 100 << 20) == 0)
        close(fd)
        do {
            _ = try GeoJSONReader().read(path: path)
            Issue.record("read a file of NULs")
        } catch {
            #expect(error.message == "is not GeoJSON: it starts with byte 0x0 at offset 0, where a JSON object's '{' was expected", "\(error.message)")
        }
    }
}
