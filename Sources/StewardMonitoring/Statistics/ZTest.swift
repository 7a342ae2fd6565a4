import Foundation

/// Evidently's Z-test for binary columns: the difference of the share of one category between the
/// reference and the current sample, two-sided p = 2·(1 − Φ(|z|)).
public enum ZTest {
    public struct Result: Sendable, Equatable {
        public var statistic: Double
        public var pValue: Double
    }

    /// `referenceHits` of `referenceCount` reference rows (and likewise current) are the category.
    /// Both samples showing the same single category is "no drift" (p = 1), as in Evidently.
    public static func test(referenceHits: Int, referenceCount: Int, currentHits: Int, currentCount: Int) -> Result? {
        guard referenceCount > 0, currentCount > 0 else { return nil }
        let n1 = Double(referenceCount), n2 = Double(currentCount)
        let p1 = Double(referenceHits) / n1, p2 = Double(currentHits) / n2
        let pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
        if pooled <= 0 || pooled >= 1 { return Result(statistic: 0, pValue: 1) }
        let z = (p1 - p2) / (pooled * (1 - pooled) * (1 / n1 + 1 / n2)).squareRoot()
        // Evidently computes 2 * (1 - norm.cdf(|z|)); keep that form so tiny p-values match it.
        let p = 2 * (1 - SpecialFunctions.normalCDF(abs(z)))
        return Result(statistic: z, pValue: p)
    }
}
