import Foundation

/// The one-sided Kolmogorov–Smirnov (Smirnov) survival function P(D⁺_n ≥ d), `scipy.special.smirnov`.
///
/// Birnbaum–Tingey sum d·Σ_{v=0}^{⌊n(1−d)⌋} C(n,v) (d + v/n)^{v−1} (1 − d − v/n)^{n−v}. Every term is
/// positive, so summing them in log space (no cancellation) keeps ~1e-12 relative precision even for
/// p-values far below 1e-100; the loop stops once the terms past the peak are negligible.
enum Smirnov {
    static func survival(n: Int, d: Double) -> Double {
        guard n > 0, d >= 0, d <= 1 else { return .nan }
        let nd = Double(n)
        if n == 1 { return 1 - d }
        if d == 0 { return 1 }
        if d == 1 { return 0 }
        let nx = nd * d
        if nx <= 1 { return 1 - d * pow(1 + d, nd - 1) }
        if -2 * nd * d * d < -708.3964185322641 { return 0 }
        if nx >= nd - 1 { return pow(1 - d, nd) }
        if n > 1_000_000 {
            // SciPy's approximation for very large n: p ~ exp(-(6nx+1)^2 / 18n).
            let logP = -pow(6 * nx + 1, 2) / 18 / nd
            return logP < -M_LN2 ? exp(logP) : 1 + expm1(-(-logP))
        }
        var sum = 0.0
        var logBinomial = 0.0
        var peak = -Double.infinity
        var v = 0
        while v < n {
            let low = Double(n - v) / nd - d
            if low <= 0 { break }
            let high = d + Double(v) / nd
            let logTerm = logBinomial + Double(n - v) * log(low) + Double(v - 1) * log(high)
            let term = exp(logTerm)
            sum += term
            peak = max(peak, logTerm)
            // Past the peak the terms fall off geometrically: stop when they no longer matter.
            if logTerm < peak - 50 && v > Int(nx) { break }
            logBinomial += log(Double(n - v)) - log(Double(v + 1))
            v += 1
        }
        return min(1, max(0, d * sum))
    }
}
