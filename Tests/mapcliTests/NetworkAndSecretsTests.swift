import Foundation
import Testing

@testable import Geo

/// Issue 29: mapcli reaches no network behind the user's back, writes
/// nothing beside its inputs, and shows no password in any message.
@Suite(.serialized) struct NetworkAndSecretsTests {
    /// A TCP listener on 127.0.0.1 that counts the connections made to it
    /// (any request GDAL or curl would send starts with one). It only
    /// accepts and closes; it stops when the test ends.
    final class CountingListener: @unchecked Sendable {
        final class State: @unchecked Sendable {
            let lock = NSLock()
            var accepted = 0
            var stopped = false
        }
        let port: UInt16
        private let fd: Int32
        private let state = State()

        init() throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = 0
            let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
            guard bound == 0, listen(fd, 16) == 0 else { throw CocoaError(.fileWriteUnknown) }
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
            self.fd = fd
            self.port = UInt16(bigEndian: address.sin_port)
            let state = self.state
            Thread {
                while true {
                    let client = accept(fd, nil, nil)
                    state.lock.lock()
                    let done = state.stopped
                    if client >= 0 && !done { state.accepted += 1 }
                    state.lock.unlock()
                    if client >= 0 { close(client) }
                    if done || client < 0 { return }
                }
            }.start()
        }

        var count: Int {
            state.lock.lock()
            defer { state.lock.unlock() }
            return state.accepted
        }

        func stop() {
            state.lock.lock()
            state.stopped = true
            state.lock.unlock()
            shutdown(fd, Int32(SHUT_RDWR))
            close(fd)
        }
    }

    /// A VRT whose source is /vsicurl/ (curl's own file system) and one whose
    /// source is a plain http:// URL (the GeoJSON driver's CPLHTTPFetch):
    /// both refused, no connection made; `info` and `--data` alike.
    @Test func aDatasetPointingAtAURLIsRefusedWithoutARequest() throws {
        let listener = try CountingListener()
        defer { listener.stop() }
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = "http://127.0.0.1:\(listener.port)/x.geojson"
        for (name, source) in [("curl.vrt", "/vsicurl/\(url)"), ("http.vrt", url), ("s3.vrt", "/vsis3/bucket/x.geojson")] {
            let vrt = try HostileInputTests.write(
                "<OGRVRTDataSource><OGRVRTLayer name=\"x\"><SrcDataSource>\(source)</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>", name, in: dir)
            let info = try CLI.run(["info", vrt])
            #expect(info.status == 1, "\(name): \(info.stdout)")
            let data = try CLI.run(["territories", "--data", vrt])
            #expect(data.status == 1, "\(name): \(data.stdout)")
        }
        Thread.sleep(forTimeInterval: 0.2)
        #expect(listener.count == 0, "\(listener.count) connections to the local server")
        // The plain URL gets mapcli's own word (the callback), not only GDAL's.
        let vrt = dir.appendingPathComponent("http.vrt").path
        #expect(try CLI.run(["info", vrt]).stderr.contains("mapcli reaches no network"))
    }

    /// A VRT's sources are local files: /vsistdin/ (GDAL would wait on
    /// standard input), a named pipe (it would wait for a writer), a device and
    /// /vsigzip/ (it would decompress past --max-input-mb) are refused; a VRT
    /// of a local GeoJSON, relative to it, is read.
    @Test func aVRTReadsLocalFilesOnly() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o600) == 0)
        for (name, source, said) in [
            ("stdin.vrt", "/vsistdin/", "its source \"/vsistdin/\" is standard input"),
            ("fifo.vrt", fifo, "is not a regular file (a device, a pipe or a socket)"),
            ("zero.vrt", "/dev/zero", "its source /dev/zero is not a regular file"),
            ("gzip.vrt", "/vsigzip/\(dir.path)/bomb.geojson.gz", "its source uses GDAL's virtual file system /vsigzip/"),
        ] {
            let vrt = try HostileInputTests.write(
                "<OGRVRTDataSource><OGRVRTLayer name=\"x\"><SrcDataSource>\(source)</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>", name, in: dir)
            let r = try CLI.run(["info", vrt])
            #expect(r.status == 1 && r.stderr.contains(said), "\(name): \(r.stderr)")
        }
        _ = try HostileInputTests.write(
            #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,1],[0,0]]]}}]}"#,
            "cells.geojson", in: dir)
        let local = try HostileInputTests.write(
            #"<OGRVRTDataSource><OGRVRTLayer name="cells"><SrcDataSource relativeToVRT="1">cells.geojson</SrcDataSource></OGRVRTLayer></OGRVRTDataSource>"#,
            "local.vrt", in: dir)
        let ok = try CLI.run(["info", local])
        #expect(ok.status == 0 && ok.stdout.contains("1 feature"), "\(ok.stderr)")
    }

    /// Reading a GML file leaves no .gfs schema file beside it (GDAL's GML
    /// driver writes one by default).
    @Test func readingGMLWritesNothingBesideIt() throws {
        let dir = try CLI.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gml = try HostileInputTests.write(
            """
            <?xml version="1.0" encoding="utf-8" ?>
            <ogr:FeatureCollection xmlns:ogr="http://ogr.maptools.org/" xmlns:gml="http://www.opengis.net/gml">
              <gml:featureMember><ogr:cells fid="cells.0"><ogr:geometryProperty><gml:Polygon srsName="EPSG:4326"><gml:outerBoundaryIs><gml:LinearRing>
                <gml:coordinates>0,0 1,0 1,1 0,1 0,0</gml:coordinates></gml:LinearRing></gml:outerBoundaryIs></gml:Polygon></ogr:geometryProperty>
                <ogr:id>a</ogr:id></ogr:cells></gml:featureMember>
            </ogr:FeatureCollection>
            """, "cells.gml", in: dir)
        let r = try CLI.run(["info", gml])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("1 feature"), "\(r.stdout)")
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(files == ["cells.gml"], "\(files)")
    }

    /// The forms the red team used: a URI with a syntax error that libpq
    /// repeats whole, keywords with spaces around `=`, a quoted password with
    /// spaces, through --db and through --data; none shows the password, and
    /// each warns that a password on the command line is readable by others.
    @Test(arguments: [
        "postgresql://alice:Sup3rSecret@[::1:5432/gis",
        "host=127.0.0.1 port=1 dbname=gis user=alice password = Sup3rSecret",
        "host=127.0.0.1 port=1 dbname=gis password='Sup3rSecret and more words'",
        "postgresql://alice:Sup3r%53ecret@127.0.0.1:1/gis",
    ])
    func noMessageShowsAPassword(connection: String) throws {
        let db = try CLI.run(["adjacency", "--engine", "postgis", "--db", connection, "--table", "t"])
        let data = try CLI.run(["territories", "--data", connection.hasPrefix("postgresql") ? connection : "PG:" + connection])
        for r in [db, data] {
            #expect(r.status != 0)
            #expect(!r.stderr.contains("Sup3r") && !r.stderr.contains("Secret") && !r.stderr.contains("more words"), "\(r.stderr)")
            #expect(r.stderr.contains("a password given on the command line can be read by other users"), "\(r.stderr)")
        }
    }

    /// The scrubbing itself, by hand.
    @Test func passwordsAreFoundInEveryFormLibpqReads() {
        #expect(Secrets.passwords(in: "postgresql://u:p%40ss@h/db").contains("p@ss"))
        #expect(Secrets.passwords(in: "postgresql://u@h/db?password=xyz&sslmode=require") == ["xyz"])
        #expect(Secrets.passwords(in: "PG:host=h password = 'it\\'s' dbname=d").contains("it's"))
        #expect(Secrets.passwords(in: "host=h dbname=d").isEmpty)
        #expect(Secrets.scrub("could not parse postgresql://u:pw@[::1/gis", connection: "postgresql://u:pw@[::1/gis") == "could not parse postgresql://u:***@[::1/gis")
        #expect(Secrets.scrub("bad: password =  hunter2 host=x", passwords: []) == "bad: password =  *** host=x")
    }
}
