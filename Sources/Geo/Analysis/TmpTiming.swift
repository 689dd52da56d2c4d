import Foundation
enum TmpT {
    nonisolated(unsafe) static var t0 = Date()
    static let on = ProcessInfo.processInfo.environment["MAPCLI_T"] != nil
    static func lap(_ s: String) { if on { FileHandle.standardError.write("  \(s): \(Date().timeIntervalSince(t0))\n".data(using: .utf8)!); t0 = Date() } }
}
