import Foundation
import Testing
@testable import StewardMonitoring

/// A small, seeded generator (SplitMix64) so every sketch test sees the same data on every run.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// Uniform in (0, 1).
    mutating func uniform() -> Double { (Double(next() >> 11) + 0.5) * 0x1p-53 }

    /// Standard normal (Box–Muller).
    mutating func normal() -> Double { (-2 * log(uniform())).squareRoot() * cos(2 * Double.pi * uniform()) }
}

/// The distributions the bound tests run on.
enum TestDistribution: String, CaseIterable, CustomTestStringConvertible {
    case normal, lognormal, mixture
    var testDescription: String { rawValue }

    func sample(_ n: Int, seed: UInt64) -> [Double] {
        var rng = SplitMix64(seed: seed)
        return (0..<n).map { _ in
            switch self {
            case .normal: return 3 + 2 * rng.normal()
            case .lognormal: return exp(0.8 * rng.normal())
            // 80 % Exp(1) + 20 % N(4, 0.5), like the anchor benchmark's drifted f04.
            case .mixture: return rng.uniform() < 0.8 ? -log(rng.uniform()) : 4 + 0.5 * rng.normal()
            }
        }
    }
}

enum SketchCheck {
    /// Largest distance of a returned quantile's exact rank interval from the query, over
    /// q = 0.001 … 0.999 (the measurement in the anchors, section 5).
    static func maxRankError(_ sketch: KLLSketch, sorted: [Double]) -> Double {
        let n = Double(sorted.count)
        let qs = (1...999).map { Double($0) / 1000 }
        let estimates = sketch.quantiles(qs)!
        var worst = 0.0
        for (q, v) in zip(qs, estimates) {
            let below = Double(lowerBound(sorted, v, inclusive: false)) / n
            let atOrBelow = Double(lowerBound(sorted, v, inclusive: true)) / n
            worst = max(worst, below - q, q - atOrBelow)
        }
        return worst
    }

    /// Number of elements < v (or ≤ v when inclusive) in a sorted array.
    static func lowerBound(_ sorted: [Double], _ v: Double, inclusive: Bool) -> Int {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if inclusive ? sorted[mid] <= v : sorted[mid] < v { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
