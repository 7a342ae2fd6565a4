import Foundation

/// A KLL quantile sketch (Karnin, Lang, Liberty 2016) with the DataSketches level layout, made
/// deterministic so that replicas agree bit for bit.
///
/// Items live in levels; an item at level h stands for 2^h input values. Level capacities shrink by
/// 2/3 per level below the top (at least 8), and when the sketch holds as many items as all levels
/// together may hold, the lowest full level is *compacted*: sorted, and every other item moves up a
/// level. DataSketches picks the kept half with a random coin; here the coin is a hash of the level
/// and the total count, so the same inputs always give the same sketch, and because merged levels are
/// re-sorted and the coin depends only on symmetric state, `merge(A,B)` equals `merge(B,A)`.
///
/// **A-priori error** (`normalizedRankError`): with 99 % confidence the normalised rank of any
/// returned quantile is within ε of the query, where ε is the DataSketches empirical formula
/// 2.296 / k^0.9723 for single queries (k = 1024: 0.27 %) and 2.446 / k^0.9433 for PMF/CDF-style
/// double-sided differences (k = 1024: 0.35 %). The sketch bounds rank, not value: in sparse tails a
/// small rank error can be a large value error. Retained items: about 3k, whatever the stream length.
///
/// Only finite values are accepted (callers count NaN and infinities separately).
public struct KLLSketch: Sendable {
    /// Accuracy parameter (the top level's capacity).
    public let k: Int
    /// Number of values added (the total weight of the retained items).
    public internal(set) var count: Int = 0
    /// Smallest and largest value seen (exact), nil while empty.
    public internal(set) var min: Double?
    public internal(set) var max: Double?
    /// levels[0] is an unsorted buffer; higher levels are kept sorted.
    @usableFromInline var levels: [[Double]] = [[]]
    @usableFromInline var retained = 0
    @usableFromInline var totalCapacity: Int

    /// Creates an empty sketch; `k` is clamped to 8…65535 (DataSketches' range).
    public init(k: Int = 1024) {
        self.k = Swift.min(Swift.max(k, 8), 65535)
        totalCapacity = Self.capacity(k: self.k, numLevels: 1, level: 0)
    }

    /// Single-query normalised rank error at 99 % confidence (DataSketches formula).
    public var normalizedRankError: Double { Self.normalizedRankError(k: k, doubleSided: false) }

    /// The DataSketches a-priori error: `doubleSided` for PMF/CDF differences between two ranks.
    public static func normalizedRankError(k: Int, doubleSided: Bool) -> Double {
        doubleSided ? 2.446 / pow(Double(k), 0.9433) : 2.296 / pow(Double(k), 0.9723)
    }

    public var isEmpty: Bool { count == 0 }
    /// Number of items kept (memory is about 8 bytes each).
    public var retainedItems: Int { retained }

    /// Adds a finite value (NaN and infinities are ignored: the caller counts them).
    public mutating func add(_ x: Double) {
        guard x.isFinite else { return }
        let v = x + 0.0 // -0.0 → +0.0, so equal values are bitwise equal and sorting is canonical
        if count == 0 { min = v; max = v } else {
            if v < min! { min = v }
            if v > max! { max = v }
        }
        levels[0].append(v)
        count += 1
        retained += 1
        if retained >= totalCapacity { compress() }
    }

    /// Adds finite values in bulk; the result is identical to adding them one by one.
    public mutating func add(contentsOf values: UnsafeBufferPointer<Double>) {
        var i = 0
        while i < values.count {
            let take = Swift.min(values.count - i, totalCapacity - retained)
            var lo = min ?? .infinity, hi = max ?? -.infinity, added = 0
            levels[0].reserveCapacity(levels[0].count + take)
            for j in i..<(i + take) {
                let v = values[j] + 0.0
                guard v.isFinite else { continue }
                lo = Swift.min(lo, v); hi = Swift.max(hi, v)
                levels[0].append(v)
                added += 1
            }
            if added > 0 { min = lo; max = hi }
            count += added
            retained += added
            i += take
            if retained >= totalCapacity { compress() }
        }
    }
}

extension KLLSketch: Equatable {
    /// Equal when they hold the same items per level; the order of the unsorted buffer does not count.
    public static func == (a: KLLSketch, b: KLLSketch) -> Bool {
        guard a.k == b.k, a.count == b.count, a.min == b.min, a.max == b.max, a.levels.count == b.levels.count else { return false }
        if a.levels[0].sorted() != b.levels[0].sorted() { return false }
        return a.levels.dropFirst() == b.levels.dropFirst()
    }
}
