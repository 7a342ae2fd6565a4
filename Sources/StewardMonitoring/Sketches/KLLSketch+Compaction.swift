import Foundation

extension KLLSketch {
    /// DataSketches' level capacity: round(k · (2/3)^depth), at least 8, depth counted from the top.
    /// Integer arithmetic (as in DataSketches) so every platform computes the same capacities.
    static func capacity(k: Int, numLevels: Int, level: Int) -> Int {
        let depth = numLevels - level - 1
        guard depth <= 30 else { return 8 }
        var pow3: Int = 1
        for _ in 0..<depth { pow3 *= 3 }
        let scaled = ((2 * k) << depth) / pow3
        return Swift.max(8, (scaled + 1) >> 1)
    }

    mutating func recomputeCapacity() {
        totalCapacity = (0..<levels.count).reduce(0) { $0 + Self.capacity(k: k, numLevels: levels.count, level: $1) }
    }

    /// Compacts the lowest full level until the sketch is below its total capacity.
    @usableFromInline
    mutating func compress() {
        while retained >= totalCapacity {
            var h = 0
            while levels[h].count < Self.capacity(k: k, numLevels: levels.count, level: h) { h += 1 }
            if h == levels.count - 1 {
                levels.append([])
                recomputeCapacity()
            }
            compact(level: h)
        }
    }

    /// Halves level h into level h+1. The coin (which half survives, and which item of an odd level
    /// stays behind) is a hash of the level and the total count: deterministic, yet it varies from
    /// compaction to compaction like the random coin of the original algorithm. Works in place (no
    /// allocation once the buffers have grown): this is the hot path of every update.
    mutating func compact(level h: Int) {
        var items = levels[h]
        levels[h] = [] // sole owner now, so the in-place edits below do not copy
        if h == 0 { items.withUnsafeMutableBufferPointer { KLLSort.sort($0) } }
        let coin = Int(SketchHash.mix(UInt64(count) &* 0x9e37_79b9_7f4a_7c15 &+ UInt64(h)) & 1)
        var stay: Double?
        var start = 0, end = items.count
        if items.count % 2 == 1 {
            // Odd count: one item stays at this level (the smallest or the largest, by the coin).
            if coin == 1 { stay = items[0]; start = 1 } else { stay = items[end - 1]; end -= 1 }
        }
        let promoted = (end - start) / 2
        var upper = levels[h + 1]
        levels[h + 1] = []
        let old = upper.count
        upper.append(contentsOf: repeatElement(0, count: promoted))
        items.withUnsafeMutableBufferPointer { b in
            // Survivors to the front (source index start + coin + 2i ≥ i, so nothing is overwritten early).
            for i in 0..<promoted { b[i] = b[start + coin + 2 * i] }
            upper.withUnsafeMutableBufferPointer { u in
                // Merge from the back into the grown upper level: both inputs are sorted.
                var i = old - 1, j = promoted - 1, w = old + promoted - 1
                while j >= 0 {
                    if i >= 0, u[i] > b[j] { u[w] = u[i]; i -= 1 } else { u[w] = b[j]; j -= 1 }
                    w -= 1
                }
            }
        }
        levels[h + 1] = upper
        items.removeAll(keepingCapacity: true) // level 0 refills into the same buffer
        if let stay { items.append(stay) }
        levels[h] = items
        retained -= promoted
    }

    /// Merges two sorted arrays into one sorted array.
    static func mergeSorted(_ a: [Double], _ b: [Double]) -> [Double] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        var out: [Double] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count, j < b.count {
            if b[j] < a[i] { out.append(b[j]); j += 1 } else { out.append(a[i]); i += 1 }
        }
        out.append(contentsOf: a[i...])
        out.append(contentsOf: b[j...])
        return out
    }

    /// Merges another sketch into this one. The result depends only on the two sketches' contents,
    /// not on which is `self`: levels are combined as sorted multisets and compacted by the same
    /// deterministic rule. Sketches with different k merge at the smaller k.
    public mutating func merge(_ other: KLLSketch) {
        guard other.count > 0 else { levels[0].sort(); return }
        var merged = KLLSketch(k: Swift.min(k, other.k))
        merged.count = count + other.count
        merged.min = Swift.min(min ?? other.min!, other.min!)
        merged.max = Swift.max(max ?? other.max!, other.max!)
        let height = Swift.max(levels.count, other.levels.count)
        merged.levels = (0..<height).map { h in
            let a = h < levels.count ? levels[h] : [], b = h < other.levels.count ? other.levels[h] : []
            return h == 0 ? (a + b).sorted() : Self.mergeSorted(a, b)
        }
        merged.retained = retained + other.retained
        merged.recomputeCapacity()
        if merged.retained >= merged.totalCapacity { merged.compress() }
        merged.levels[0].sort()
        self = merged
    }

    /// The sketch of both inputs (see `merge(_:)`).
    public func merging(_ other: KLLSketch) -> KLLSketch {
        var copy = self
        copy.merge(other)
        return copy
    }
}
