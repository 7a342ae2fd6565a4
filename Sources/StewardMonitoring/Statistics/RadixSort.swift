/// LSD radix sort of doubles on their order-preserving 64-bit keys.
///
/// Flipping the sign bit of positive numbers and all bits of negative ones maps IEEE doubles to
/// unsigned integers in the same order, so six 11-bit counting passes sort a column in linear
/// time; a pass is skipped when every key shares that digit. The keys live in the array's own storage, so the only extra memory is one scratch buffer.
public enum RadixSort {
    /// Sorts `values` ascending. NaN must be removed first; −0.0 sorts before +0.0.
    public static func sort(_ values: inout [Double]) {
        let n = values.count
        if n < 512 {
            values.sort()
            return
        }
        let scratch = UnsafeMutablePointer<UInt64>.allocate(capacity: n)
        defer { scratch.deallocate() }
        values.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: UInt64.self, capacity: n) { keys in
                sortKeys(keys, scratch: scratch, count: n)
            }
        }
    }

    /// 11-bit digits: six passes cover 64 bits, and 2,048 buckets stay in L1/L2 while scattering.
    private static let digitBits: UInt64 = 11
    private static let buckets = 1 << 11
    private static let passes = 6

    private static func sortKeys(_ keys: UnsafeMutablePointer<UInt64>, scratch: UnsafeMutablePointer<UInt64>, count n: Int) {
        let histograms = UnsafeMutablePointer<Int>.allocate(capacity: passes * buckets)
        defer { histograms.deallocate() }
        histograms.initialize(repeating: 0, count: passes * buckets)
        let mask = UInt64(buckets - 1)
        for i in 0..<n {
            let k = key(keys[i])
            keys[i] = k
            for pass in 0..<passes {
                histograms[pass * buckets + Int(truncatingIfNeeded: (k >> (UInt64(pass) * digitBits)) & mask)] += 1
            }
        }
        var source = keys, target = scratch
        let offsets = UnsafeMutablePointer<Int>.allocate(capacity: buckets)
        defer { offsets.deallocate() }
        for pass in 0..<passes {
            let base = pass * buckets, shift = UInt64(pass) * digitBits
            // All keys share this digit: the pass would not move anything.
            if histograms[base + Int(truncatingIfNeeded: (source[0] >> shift) & mask)] == n { continue }
            var sum = 0
            for digit in 0..<buckets {
                offsets[digit] = sum
                sum += histograms[base + digit]
            }
            for i in 0..<n {
                let k = source[i]
                let digit = Int(truncatingIfNeeded: (k >> shift) & mask)
                target[offsets[digit]] = k
                offsets[digit] += 1
            }
            swap(&source, &target)
        }
        if source != keys { keys.update(from: source, count: n) }
        for i in 0..<n { keys[i] = value(keys[i]) }
    }

    @inline(__always) static func key(_ bits: UInt64) -> UInt64 {
        bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// The inverse of `key`, back to the bit pattern of the double.
    @inline(__always) static func value(_ key: UInt64) -> UInt64 {
        key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key
    }
}
