import Foundation

/// Exact P(D_n ≤ d) by Durbin's matrix method as Marsaglia, Tsang and Wang (2003) compute it:
/// the (k,k) entry of H^n times n!/n^n, with the scale kept in a separate binary exponent so that
/// neither the matrix power nor the factorial overflows.
enum DurbinMatrix {
    static func cdf(n: Int, d: Double) -> Double {
        if d >= 1 { return 1 }
        let nd = Double(n) * d
        if nd <= 0.5 { return 0 }
        let k = Int(nd.rounded(.up))
        let h = Double(k) - nd
        let m = 2 * k - 1
        var v = [Double](repeating: 0, count: m)
        var w = [Double](repeating: 0, count: m)
        var factorial = 1.0
        for j in 1...m {
            w[j - 1] = factorial
            factorial /= Double(j)
            v[j - 1] = (1 - pow(h, Double(j))) * factorial
        }
        v[m - 1] = (1 + pow(max(2 * h - 1, 0), Double(m)) - 2 * pow(h, Double(m))) * factorial
        var matrix = [Double](repeating: 0, count: m * m)
        for i in 1..<max(m, 1) {
            for row in (i - 1)..<m { matrix[row * m + i] = w[row - i + 1] }
        }
        for row in 0..<m { matrix[row * m] = v[row] }
        for col in 0..<m { matrix[(m - 1) * m + col] = v[m - 1 - col] }

        let scaleExponent = 128
        let scale = pow(2.0, Double(scaleExponent))
        var power = [Double](repeating: 0, count: m * m)
        for i in 0..<m { power[i * m + i] = 1 }
        var exponent = 0, matrixExponent = 0
        var remaining = n
        while remaining > 0 {
            if remaining % 2 == 1 {
                power = multiply(power, matrix, m)
                exponent += matrixExponent
            }
            matrix = multiply(matrix, matrix, m)
            matrixExponent *= 2
            if abs(matrix[(k - 1) * m + k - 1]) > scale {
                for i in matrix.indices { matrix[i] /= scale }
                matrixExponent += scaleExponent
            }
            remaining /= 2
        }
        var p = power[(k - 1) * m + k - 1]
        for i in 1...n {
            p = Double(i) * p / Double(n)
            if abs(p) < 1 / scale {
                p *= scale
                exponent -= scaleExponent
            }
        }
        return Kolmogorov.clip(exponent == 0 ? p : scalbn(p, exponent))
    }

    private static func multiply(_ a: [Double], _ b: [Double], _ m: Int) -> [Double] {
        var c = [Double](repeating: 0, count: m * m)
        for i in 0..<m {
            for l in 0..<m {
                let x = a[i * m + l]
                if x == 0 { continue }
                for j in 0..<m { c[i * m + j] += x * b[l * m + j] }
            }
        }
        return c
    }
}
