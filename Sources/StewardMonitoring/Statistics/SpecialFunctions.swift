import Foundation

/// Special functions in double precision, for p-values that match SciPy to ~1e-12 relative.
public enum SpecialFunctions {
    /// Regularised upper incomplete gamma Q(a, x) = Γ(a, x) / Γ(a) (`scipy.special.gammaincc`).
    ///
    /// Series for P when x < a + 1 (then Q = 1 − P), Lentz continued fraction otherwise: the
    /// fraction converges fast exactly where Q is small, so tiny p-values keep full relative precision.
    public static func gammaQ(_ a: Double, _ x: Double) -> Double {
        guard a > 0, x.isFinite else { return x == .infinity ? 0 : .nan }
        if x <= 0 { return 1 }
        if x < a + 1 { return max(0, 1 - gammaPSeries(a, x)) }
        return gammaQFraction(a, x)
    }

    /// Regularised lower incomplete gamma P(a, x) (`scipy.special.gammainc`).
    public static func gammaP(_ a: Double, _ x: Double) -> Double {
        guard a > 0, x.isFinite else { return x == .infinity ? 1 : .nan }
        if x <= 0 { return 0 }
        if x < a + 1 { return gammaPSeries(a, x) }
        return max(0, 1 - gammaQFraction(a, x))
    }

    /// Survival function of the chi-square distribution (`scipy.stats.chi2.sf`).
    public static func chiSquareSurvival(_ statistic: Double, degreesOfFreedom dof: Double) -> Double {
        gammaQ(dof / 2, statistic / 2)
    }

    /// Standard normal CDF Φ(x), via erfc so the lower tail keeps its relative precision.
    public static func normalCDF(_ x: Double) -> Double {
        0.5 * erfc(-x / 2.0.squareRoot())
    }

    /// log Γ(x) for x > 0.
    public static func logGamma(_ x: Double) -> Double { lgamma(x) }

    /// log of x^a e^-x / Γ(a), the common prefactor of both expansions.
    private static func logPrefactor(_ a: Double, _ x: Double) -> Double {
        a * log(x) - x - lgamma(a)
    }

    private static func gammaPSeries(_ a: Double, _ x: Double) -> Double {
        var term = 1 / a
        var sum = term
        var ap = a
        for _ in 0..<10_000 {
            ap += 1
            term *= x / ap
            sum += term
            if abs(term) < abs(sum) * 1e-17 { break }
        }
        return sum * exp(logPrefactor(a, x))
    }

    /// Modified Lentz evaluation of the continued fraction for Q (Numerical Recipes 6.2).
    private static func gammaQFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1...10_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return exp(logPrefactor(a, x)) * h
    }
}
