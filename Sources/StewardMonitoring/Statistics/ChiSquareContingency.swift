import Foundation

/// Pearson's chi-square test of homogeneity on a 2×k contingency table (reference counts vs current
/// counts per category), with `scipy.stats.chi2_contingency` semantics including Yates' continuity
/// correction when there is one degree of freedom.
///
/// This is the two-sample form: unlike the goodness-of-fit form (expected = reference share × n_cur)
/// it does not treat the reference proportions as exact, which falsely flags every clean column
/// once the current window is much larger than the reference (anchors §5).
public enum ChiSquareContingency {
    public struct Result: Sendable, Equatable {
        public var statistic: Double
        public var pValue: Double
        public var degreesOfFreedom: Int
    }

    /// The test on per-category counts; categories absent from both sides must be left out.
    public static func test(reference: [Double], current: [Double], correction: Bool = true) -> Result? {
        precondition(reference.count == current.count, "one count per category on both sides")
        let k = reference.count
        let rowReference = reference.reduce(0, +), rowCurrent = current.reduce(0, +)
        let total = rowReference + rowCurrent
        guard k > 0, rowReference > 0, rowCurrent > 0 else { return nil }
        let dof = k - 1
        if dof == 0 { return Result(statistic: 0, pValue: 1, degreesOfFreedom: 0) }
        var statistic = 0.0
        for c in 0..<k {
            let column = reference[c] + current[c]
            guard column > 0 else { return nil }
            for (observed, row) in [(reference[c], rowReference), (current[c], rowCurrent)] {
                let expected = row * column / total
                var o = observed
                if correction && dof == 1 {
                    // Yates: move each observed count up to 0.5 towards its expected count.
                    let difference = expected - observed
                    o += min(0.5, abs(difference)) * (difference > 0 ? 1 : difference < 0 ? -1 : 0)
                }
                statistic += (o - expected) * (o - expected) / expected
            }
        }
        let p = SpecialFunctions.chiSquareSurvival(statistic, degreesOfFreedom: Double(dof))
        return Result(statistic: statistic, pValue: p, degreesOfFreedom: dof)
    }
}
