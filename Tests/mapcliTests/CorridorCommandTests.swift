import Foundation
import Testing

@Suite struct CorridorCommandTests {
    @Test func syunikCorridorReport() throws {
        let r = try CLI.run(["corridor", "syunik", "--width", "1km", "--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(json["width_m"] as? Double == 1000)
        let links = json["links"] as? [[String: Any]] ?? []
        #expect(links.contains { $0["a"] as? String == "AZ-MAIN" && $0["b"] as? String == "AZ-NX" })
        let text = try CLI.run(["corridor", "syunik"])
        #expect(text.stdout.contains("Mainland Azerbaijan ↔ Nakhchivan Autonomous Republic"))
    }

    @Test func badCorridorInput() throws {
        #expect(try CLI.run(["corridor", "syunik", "--width", "0m"]).status == 2)
        #expect(try CLI.run(["corridor", "syunik", "--width", "200km"]).status == 2)
        #expect(try CLI.run(["corridor"]).status == 2)
        let unknown = try CLI.run(["corridor", "zangezurr"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no corridor named \"zangezurr\""))
        // Latitude first: the route falls outside every territory, and the error says why.
        let swapped = try CLI.run(["corridor", "--route", "38.85,46.14;38.87,46.53", "--width", "1km"])
        #expect(swapped.status == 1)
        #expect(swapped.stderr.contains("did you give latitude first?"))
        let crossing = try CLI.run(["corridor", "--route", "46.1,38.9;46.3,39.1;46.3,38.9;46.1,39.1"])
        #expect(crossing.status == 1)
        #expect(crossing.stderr.contains("crosses itself"))
    }
}
