import Foundation
import Testing

@testable import Geo

/// Large FeatureCollections are parsed on every core; the answer, and every
/// error, must be the sequential parser's.
@Suite struct ParallelReadingTests {
    /// About 6 MB: 6,000 features of 30-position rings with mixed properties,
    /// `members` spliced into the root object.
    func collection(features n: Int = 6000, root members: String = "", feature edit: (Int, String) -> String = { $1 }) -> String {
        var parts: [String] = []
        parts.reserveCapacity(n)
        for i in 0..<n {
            let x = Double(i % 100) * 0.01, y = Double(i / 100) * 0.01
            var ring: [String] = []
            for k in 0..<29 {
                let a = Double(k) / 29 * 2 * Double.pi
                ring.append("[\(x + 0.004 * cos(a)),\(y + 0.004 * sin(a))]")
            }
            ring.append(ring[0])
            let f = #"{"type":"Feature","id":"f\#(i)","properties":{"name":"cell \"\#(i)\"","n":\#(i),"tags":["a",{"b":null}],"ok":true},"geometry":{"type":"Polygon","coordinates":[[\#(ring.joined(separator: ","))]]}}"#
            parts.append(edit(i, f))
        }
        return #"{"type":"FeatureCollection"\#(members),"features":[\#n\#(parts.joined(separator: ",\n"))\#n]}"#
    }

    func both(_ text: String) -> (Result<FeatureCollection, GeoError>, Result<FeatureCollection, GeoError>) {
        var sequential = GeoJSONReader.Options()
        sequential.parallel = false
        func read(_ o: GeoJSONReader.Options) -> Result<FeatureCollection, GeoError> {
            do { return .success(try GeoJSONReader(options: o).read(string: text, source: "big.geojson")) } catch { return .failure(error) }
        }
        return (read(GeoJSONReader.Options()), read(sequential))
    }

    @Test func theSameFeaturesBothWays() throws {
        let text = collection()
        #expect(text.utf8.count > GeoJSONReader.parallelFromBytes)
        let bytes = Array(text.utf8) + [0]
        let plan = bytes.withUnsafeBufferPointer { FeatureArraySplit.plan($0, end: $0.count - 1) }
        #expect(plan?.starts.count == 6000, "the quick pass plans it")
        let (parallel, sequential) = both(text)
        let p = try parallel.get(), s = try sequential.get()
        #expect(p == s)
        #expect(p.features.count == 6000 && p.features[5999].id == .string("f5999"))
    }

    @Test func errorsAreTheSequentialParsersWherever() throws {
        let cases: [(String, String)] = [
            ("an open ring late in the file", collection { i, f in i == 4321 ? f.replacingOccurrences(of: "]]]}}", with: ",[0.5,0.5]]]}}") : f }),
            ("a trailing comma", collection().replacingOccurrences(of: "\n]}", with: ",\n]}")),
            ("garbage between features", collection { i, f in i == 10 ? f + " x" : f }),
            ("a duplicate key in a feature", collection { i, f in i == 5000 ? f.replacingOccurrences(of: #""id":"f5000","#, with: #""id":"f5000","id":"again","#) : f }),
            ("a second features member", collection(root: #","features":[]"#)),
            ("an escaped key", collection(root: #","feat\u0075res":[]"#)),
            ("a root Feature with a foreign features member", collection().replacingOccurrences(of: #"{"type":"FeatureCollection""#, with: #"{"type":"Feature","geometry":null,"properties":{}"#)),
        ]
        for (what, text) in cases {
            let (parallel, sequential) = both(text)
            switch (parallel, sequential) {
            case (.failure(let p), .failure(let s)):
                #expect(p.description == s.description, "\(what)")
            case (.success(let p), .success(let s)):
                #expect(p == s, "\(what)")
            default:
                Issue.record("\(what): parallel \(parallel) vs sequential \(sequential)")
            }
        }
    }

    @Test func theVertexLimitHoldsAcrossChunks() {
        var limited = GeoJSONReader.Options()
        limited.maxVertices = 100_000  // 6,000 × 30 = 180,000 positions, spread over chunks under the limit each
        do {
            _ = try GeoJSONReader(options: limited).read(string: collection(), source: "big.geojson")
            Issue.record("the limit was not enforced")
        } catch {
            #expect(error.message.contains("--max-vertices"), "\(error.message)")
        }
    }
}
