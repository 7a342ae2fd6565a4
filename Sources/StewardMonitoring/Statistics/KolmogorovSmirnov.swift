import Foundation

/// The two-sample Kolmogorov–Smirnov test with `scipy.stats.ks_2samp(method='auto')` semantics:
/// exact lattice-path p-values when both samples have at most 10,000 values, otherwise
/// `kstwo.sf(D, round(mn/(m+n)))`; falls back to the asymptotic form if the exact one fails.
public enum KolmogorovSmirnov {
    /// The largest sample size for which `method='auto'` computes the exact p-value.
    public static let maximumExactSize = 10_000

    /// The statistic D and its two-sided p-value.
    public struct Result: Sendable, Equatable {
        public var statistic: Double
        public var pValue: Double
    }

    /// KS test on two samples (NaN must be removed; order does not matter).
    public static func test(_ a: [Double], _ b: [Double]) -> Result? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        let sa = a.sorted(), sb = b.sorted()
        return sa.withUnsafeBufferPointer { pa in
            sb.withUnsafeBufferPointer { pb in
                let merged = SortedComparison.compare(reference: pa, current: pb)
                return test(n1: pa.count, n2: pb.count, maxDifference: merged.ksMaxDifference, minDifference: merged.ksMinDifference)
            }
        }
    }

    /// The test from the extreme ECDF differences found by a merge pass, given as integers
    /// i·n2 − j·n1 (largest and smallest), so the exact branch gets the lattice distance h exactly.
    public static func test(n1: Int, n2: Int, maxDifference: Int, minDifference: Int) -> Result {
        let denominator = Double(n1) * Double(n2)
        let maxS = Double(maxDifference) / denominator
        let minS = min(1, max(0, -Double(minDifference) / denominator))
        var d = minS > maxS ? minS : maxS
        let g = gcd(n1, n2)
        if max(n1, n2) <= maximumExactSize {
            let lcm = Double(n1 / g) * Double(n2)
            let h = Int((d * lcm).rounded(.toNearestOrEven))
            d = Double(h) / lcm
            if h == 0 { return Result(statistic: d, pValue: 1) }
            let p = n1 == n2
                ? KSExactPaths.probabilityOutsideSquare(n: n1, h: h)
                : KSExactPaths.probabilityOutsideBand(m: n1, n: n2, g: g, h: h)
            if p.isFinite && p >= 0 && p <= 1 { return Result(statistic: d, pValue: p) }
        }
        let (m, n) = (Double(max(n1, n2)), Double(min(n1, n2)))
        let en = (m * n / (m + n)).rounded(.toNearestOrEven)
        let p = Kolmogorov.survival(n: Int(en), d: d)
        return Result(statistic: d, pValue: min(1, max(0, p)))
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}
