@testable import Geo

/// The shipped atlas, loaded once for all tests that use it.
enum ShippedData {
    static let directory: String = {
        var url = #filePath
        for _ in 0..<4 { url = String(url[..<url.lastIndex(of: "/")!]) }
        return url + "/geodata"
    }()

    static let atlas: Atlas = {
        do {
            return try Atlas.shipped(directory: directory)
        } catch {
            fatalError("cannot load the shipped geodata: \(error)")
        }
    }()
}
