/// Heavy hitters with counts: a Misra–Gries summary that keeps at most 0.75 · 2^lgMaxK counters and,
/// when full, subtracts the median counter from all of them (DataSketches' "reverse purge").
///
/// **Error** (`maximumError`, `aprioriError`): every item's true count lies in [lowerBound,
/// upperBound] = [counter, counter + maximumError], and an untracked item occurred at most
/// `maximumError` times: no false negatives above that. Each purge subtracting v removes at least
/// v · (capacity + 1) / 2 counts, so maximumError ≤ ε · N with ε = 2 / (capacity + 1) (lgMaxK = 10:
/// 768 counters, ε ≈ 0.26 %, tighter than DataSketches' stated 3.5 / 1024 ≈ 0.34 %). Below capacity
/// every count is exact. Merging unions the counters and purges by the same rule, so the result does
/// not depend on the order of the operands. Items longer than `maxItemBytes` are truncated.
public struct FrequentItems: Sendable, Equatable {
    public let lgMaxK: Int
    /// Counters kept at most (0.75 of the map size, as in DataSketches).
    public var capacity: Int { 3 << (lgMaxK - 2) }
    /// Sum of all counts added (N).
    public internal(set) var total = 0
    /// Total subtracted by purges: the largest possible undercount of any item.
    public internal(set) var maximumError = 0
    var counters: [String: Int] = [:]

    /// Longest item kept, in UTF-8 bytes; longer items are cut (at a character boundary) so that
    /// hostile input cannot make the summary large.
    public static let maxItemBytes = 256

    public init(lgMaxK: Int = 10) { self.lgMaxK = Swift.min(Swift.max(lgMaxK, 3), 20) }

    /// ε · N: the a-priori bound on `maximumError` for the counts added so far.
    public var aprioriError: Double { 2 * Double(total) / Double(capacity + 1) }

    public mutating func add(_ item: String, count: Int = 1) {
        guard count > 0 else { return }
        let key = item.utf8.count <= Self.maxItemBytes ? item : Self.truncate(item)
        counters[key, default: 0] += count
        total += count
        if counters.count > capacity { purge() }
    }

    static func truncate(_ item: String) -> String {
        let bytes = Array(item.utf8.prefix(maxItemBytes + 1))
        // Cut before the scalar that straddles the limit (back up over UTF-8 continuation bytes).
        var end = maxItemBytes
        while end > 0, bytes[end] & 0xC0 == 0x80 { end -= 1 }
        return String(decoding: bytes[..<end], as: UTF8.self)
    }

    /// Subtracts the (lower) median counter from all counters and drops those that reach zero,
    /// until at most `capacity` remain. Depends only on the multiset of counters: deterministic.
    mutating func purge() {
        while counters.count > capacity {
            let sorted = counters.values.sorted()
            let v = sorted[(sorted.count - 1) / 2]
            maximumError += v
            counters = counters.compactMapValues { $0 > v ? $0 - v : nil }
        }
    }

    public mutating func merge(_ other: FrequentItems) {
        let keep = Swift.min(lgMaxK, other.lgMaxK)
        var merged = FrequentItems(lgMaxK: keep)
        merged.counters = counters.merging(other.counters, uniquingKeysWith: +)
        merged.total = total + other.total
        merged.maximumError = maximumError + other.maximumError
        merged.purge()
        self = merged
    }

    /// Tracked items by decreasing estimate (ties by item). The estimate is the midpoint of the bounds.
    public var items: [(item: String, estimate: Int, lowerBound: Int, upperBound: Int)] {
        counters.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .map { (item: $0.key, estimate: $0.value + maximumError / 2, lowerBound: $0.value, upperBound: $0.value + maximumError) }
    }

    /// The counter of `item` (its lower bound; 0 when untracked).
    public func lowerBound(of item: String) -> Int { counters[item] ?? 0 }

    /// Number of tracked items.
    public var trackedCount: Int { counters.count }
}
