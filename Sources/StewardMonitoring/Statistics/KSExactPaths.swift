import Foundation

/// Exact two-sided p-values of the two-sample KS statistic by lattice-path counting, as SciPy's
/// `ks_2samp(method='exact')` computes them (Hodges 1958; Viehmann 2021 for the 1 − p recursion).
enum KSExactPaths {
    /// P(D_{n,n} ≥ h/n): SciPy's `_compute_prob_outside_square`, a Horner-like alternating sum that
    /// avoids dividing huge binomials.
    static func probabilityOutsideSquare(n: Int, h: Int) -> Double {
        var p = 0.0
        var k = n / h
        while k >= 0 {
            var p1 = 1.0
            for j in 0..<h {
                p1 = Double(n - k * h - j) * p1 / Double(n + k * h + j + 1)
            }
            p = p1 * (1 - p)
            k -= 1
        }
        return 2 * p
    }

    /// The share of lattice paths from (0,0) to (m,n) that leave the band |x/m − y/n| < h/lcm:
    /// SciPy's `_compute_outer_prob_inside_method`, keeping one sliding column of the path table.
    static func probabilityOutsideBand(m: Int, n: Int, g: Int, h: Int) -> Double {
        let (m, n) = m < n ? (n, m) : (m, n)
        let mg = m / g, ng = n / g
        var minJ = 0
        var maxJ = min(Int((Double(h) / Double(mg)).rounded(.up)), n + 1)
        var currentLength = maxJ - minJ
        let length = min(2 * maxJ + 2, n + 1)
        var a = [Double](repeating: 1, count: length)
        for j in minJ..<maxJ { a[j] = 0 }
        for i in 1...m {
            let lastMinJ = minJ, lastLength = currentLength
            minJ = max(Int(floor(Double(ng * i - h) / Double(mg))) + 1, 0)
            minJ = min(minJ, n)
            maxJ = min(Int((Double(ng * i + h) / Double(mg)).rounded(.up)), n + 1)
            if maxJ <= minJ { return 1 }
            var value = minJ == 0 ? 0.0 : 1.0
            for jj in 0..<(maxJ - minJ) {
                let j = jj + minJ
                value = (a[jj + minJ - lastMinJ] * Double(i) + value * Double(j)) / Double(i + j)
                a[jj] = value
            }
            currentLength = maxJ - minJ
            if lastLength > currentLength {
                for index in (maxJ - minJ)..<(maxJ - minJ + lastLength - currentLength) where index < length {
                    a[index] = 1
                }
            }
        }
        return a[maxJ - minJ - 1]
    }
}
