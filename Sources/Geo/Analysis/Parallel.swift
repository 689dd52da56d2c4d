import Dispatch
import Foundation

/// Both cores for work that splits into independent pieces over immutable
/// inputs. Each piece writes only its own result slot; the call returns when
/// every piece is done, so callers see plain values.
enum Parallel {
    /// How many pieces large work is split into (the machine's cores, at most 8).
    static var width: Int { max(1, min(8, ProcessInfo.activeProcessorCountCached)) }

    /// Runs `body(i)` for i in 0..<count, concurrently, and returns the results in order.
    static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return count == 1 ? [body(0)] : [] }
        let slots = ResultSlots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, body(i)) }
        return slots.values()
    }

    /// Runs two pieces of work at once.
    static func both<A: Sendable, B: Sendable>(_ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
        let first = ResultSlots<A>(1), second = ResultSlots<B>(1)
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            if i == 0 { first.set(0, a()) } else { second.set(0, b()) }
        }
        return (first.values()[0], second.values()[0])
    }

    /// Splits 0..<n into `parts` contiguous ranges of near-equal size.
    static func ranges(_ n: Int, parts: Int) -> [Range<Int>] {
        let parts = max(1, min(parts, n))
        return (0..<parts).map { p in (n * p / parts)..<(n * (p + 1) / parts) }
    }
}

/// One slot per piece of work, each written by exactly one piece before
/// `concurrentPerform` returns; read only after it has.
private final class ResultSlots<T>: @unchecked Sendable {
    private let count: Int
    private let slots: UnsafeMutablePointer<T?>
    init(_ count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }
    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }
    func set(_ i: Int, _ value: T) { slots[i] = value }
    func values() -> [T] { (0..<count).map { slots[$0]! } }
}

extension ProcessInfo {
    /// The number of active processors, read once.
    static let activeProcessorCountCached = ProcessInfo.processInfo.activeProcessorCount
}
