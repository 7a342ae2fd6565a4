import Foundation

/// The distribution of the two-sided one-sample Kolmogorov–Smirnov statistic D_n
/// (`scipy.stats.kstwo`), which `ks_2samp` uses for its asymptotic p-value with n = round(mn/(m+n)).
///
/// Follows SciPy's choice of algorithm by region (Simard & L'Ecuyer 2011): Ruben–Gambino at the
/// extremes, twice the one-sided Smirnov sum where it is exact enough, the Durbin matrix (Marsaglia,
/// Tsang, Wang) for small n·d, and the Pelz–Good expansion otherwise. Where SciPy uses Pomeranz'
/// recursion (n ≤ 140) we use the Durbin matrix: both are exact, so they agree to rounding.
public enum Kolmogorov {
    /// P(D_n > d), `scipy.stats.kstwo.sf(d, n)`.
    public static func survival(n: Int, d: Double) -> Double {
        guard n > 0, !d.isNaN else { return .nan }
        if d >= 1 { return 0 }
        if d <= 0 { return 1 }
        let nd = Double(n)
        let t = nd * d
        if t <= 1 {
            if t <= 0.5 { return 1 }
            let cdf = exp(logFactorial(n) - nd * log(nd) + nd * log(2 * t - 1))
            return clip(1 - cdf)
        }
        if t >= nd - 1 { return clip(2 * pow(1 - d, nd)) }
        if d >= 0.5 { return clip(2 * Smirnov.survival(n: n, d: d)) }
        let nxSquared = t * d
        if n <= 140 {
            if nxSquared <= 4 { return clip(1 - DurbinMatrix.cdf(n: n, d: d)) }
            return clip(2 * Smirnov.survival(n: n, d: d))
        }
        if nxSquared >= 370 { return 0 }
        if nxSquared >= 2.2 { return clip(2 * Smirnov.survival(n: n, d: d)) }
        let cdf: Double
        if nxSquared >= 18 {
            cdf = 1
        } else if n <= 100_000 && nd * pow(d, 1.5) <= 1.4 {
            cdf = DurbinMatrix.cdf(n: n, d: d)
        } else {
            cdf = pelzGoodCDF(n: nd, d: d)
        }
        return clip(1 - cdf)
    }

    static func clip(_ p: Double) -> Double { min(1, max(0, p)) }

    static func logFactorial(_ n: Int) -> Double { lgamma(Double(n) + 1) }

    /// Pelz–Good (1976) approximation of P(D_n ≤ d), ported term by term from SciPy.
    static func pelzGoodCDF(n: Double, d: Double) -> Double {
        let z = n.squareRoot() * d
        let z2 = z * z, z3 = z2 * z, z4 = z2 * z2, z6 = z3 * z3
        let pi2 = Double.pi * Double.pi, pi4 = pi2 * pi2, pi6 = pi4 * pi2
        let qlog = -pi2 / 8 / z2
        if qlog < -708 { return 0 }
        var q = exp(qlog)
        let k1a = -z2, k1b = pi2 / 4
        let k2a = 6 * z6 + 2 * z4, k2b = (2 * z4 - 5 * z2) * pi2 / 4, k2c = pi4 * (1 - 2 * z2) / 16
        let k3d = pi6 * (5 - 30 * z2) / 64, k3c = pi4 * (-60 * z2 + 212 * z4) / 16
        let k3b = pi2 * (135 * z4 - 96 * z6) / 4, k3a = -30 * z6 - 90 * pow(z, 8)
        var k = [0.0, 0, 0, 0]
        let maxK = Int((16 * z / Double.pi).rounded(.up))
        for kk in stride(from: maxK, to: 0, by: -1) {
            let m = Double(2 * kk - 1)
            let m2 = m * m, m4 = m2 * m2, m6 = m4 * m2
            let qPower = pow(q, Double(8 * kk))
            let coefficients = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6]
            for i in 0..<4 { k[i] = k[i] * qPower + coefficients[i] }
        }
        let root2pi = (2 * Double.pi).squareRoot()
        let divisors = [z, 6 * z4, 72 * pow(z, 7), 6480 * pow(z, 10)]
        for i in 0..<4 { k[i] = k[i] * q * root2pi / divisors[i] }
        q = exp(-pi2 / 2 / z2)
        var extra2 = 0.0, extra3 = 0.0
        for kk in stride(from: maxK, to: 0, by: -1) {
            let ks = Double(kk), ks2 = ks * ks
            let qPower = pow(q, ks2)
            extra2 += ks2 * qPower
            let sqrt3z = 3.0.squareRoot() * z, kspi = Double.pi * ks
            extra3 += (sqrt3z + kspi) * (sqrt3z - kspi) * ks2 * qPower
        }
        k[2] += extra2 * pi2 * root2pi / (-36 * z3)
        k[3] += extra3 * pi2 * root2pi / (216 * z6)
        var sum = 0.0
        for i in 0..<4 { sum += k[i] / pow(n, Double(i) / 2) }
        return sum
    }
}
