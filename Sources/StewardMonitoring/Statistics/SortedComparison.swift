/// One merge pass over two sorted samples that yields everything the numeric drift methods need:
/// the KS extremes, the Wasserstein-1 integral and the number of distinct values on ref ∪ cur.
///
/// Both ECDFs are step functions that only change at sample values, so walking the merged values
/// once (consuming ties on both sides before comparing) visits every point where |F_ref − F_cur|
/// can peak and every interval of the W1 integral ∫|F_ref − F_cur| dx.
public struct SortedComparison: Sendable, Equatable {
    /// max over x of (i·n_cur − j·n_ref), with i, j the counts ≤ x: the KS "greater" side, scaled.
    public var ksMaxDifference: Int
    /// min over x of the same: the KS "less" side, scaled.
    public var ksMinDifference: Int
    /// Wasserstein-1 distance between the two empirical distributions (`scipy.stats.wasserstein_distance`).
    public var wasserstein: Double
    /// Distinct values in the union of both samples.
    public var distinctValues: Int

    /// Merges two ascending, NaN-free buffers.
    public static func compare(reference a: UnsafeBufferPointer<Double>, current b: UnsafeBufferPointer<Double>) -> SortedComparison {
        let n1 = a.count, n2 = b.count
        var i = 0, j = 0
        var maxD = 0, minD = 0, distinct = 0
        var w1 = 0.0
        while i < n1 || j < n2 {
            let value: Double
            if j >= n2 || (i < n1 && a[i] <= b[j]) { value = a[i] } else { value = b[j] }
            while i < n1 && a[i] == value { i += 1 }
            while j < n2 && b[j] == value { j += 1 }
            distinct += 1
            let difference = i * n2 - j * n1
            if difference > maxD { maxD = difference }
            if difference < minD { minD = difference }
            let next: Double
            if i < n1 && j < n2 { next = min(a[i], b[j]) } else if i < n1 { next = a[i] } else if j < n2 { next = b[j] } else { break }
            w1 += abs(Double(i) / Double(n1) - Double(j) / Double(n2)) * (next - value)
        }
        return SortedComparison(ksMaxDifference: maxD, ksMinDifference: minD, wasserstein: w1, distinctValues: distinct)
    }
}
