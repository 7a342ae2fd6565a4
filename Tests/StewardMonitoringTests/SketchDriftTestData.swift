import Foundation
@testable import StewardMonitoring

/// Exact, sort-based reference implementations of the distances (the definitions SketchDrift
/// approximates), kept deliberately simple.
enum ExactReference {
    static func populationStd(_ xs: [Double]) -> Double {
        let mean = xs.reduce(0, +) / Double(xs.count)
        return (xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(xs.count)).squareRoot()
    }

    /// ∫ |F_a − F_b| dx for two sorted samples.
    static func wasserstein(_ a: [Double], _ b: [Double]) -> Double {
        let all = (a + b).sorted()
        var i = 0, j = 0, total = 0.0
        for (x, next) in zip(all, all.dropFirst()) {
            while i < a.count, a[i] <= x { i += 1 }
            while j < b.count, b[j] <= x { j += 1 }
            total += abs(Double(i) / Double(a.count) - Double(j) / Double(b.count)) * (next - x)
        }
        return total
    }

    /// PSI on reference-quantile bins (inverted-CDF quantiles, bins [e_i, e_i+1)) with Evidently's fill.
    static func psi(_ ref: [Double], _ cur: [Double], bins: Int) -> Double {
        let edges = (1..<bins).map { ref[Int((Double($0) / Double(bins) * Double(ref.count)).rounded(.up)) - 1] }
        func shares(_ xs: [Double]) -> [Double] {
            let below = [0.0] + edges.map { Double(SketchCheck.lowerBound(xs, $0, inclusive: false)) / Double(xs.count) } + [1]
            return zip(below.dropFirst(), below).map { $0 - $1 }
        }
        return psi(shares: shares(ref), shares(cur))
    }

    static func psi(shares p: [Double], _ q: [Double]) -> Double {
        func fill(_ s: [Double]) -> [Double] {
            let m = s.filter { $0 > 0 }.min()!
            return s.map { $0 > 0 ? $0 : (m <= 1e-4 ? m / 1e6 : 1e-4) }
        }
        return zip(fill(p), fill(q)).reduce(0) { $0 + ($1.0 - $1.1) * log($1.0 / $1.1) }
    }

    static func jensenShannon(_ p: [Double], _ q: [Double]) -> Double {
        var sum = 0.0
        for (a, b) in zip(p, q) {
            let m = (a + b) / 2
            if a > 0 { sum += a * log(a / m) }
            if b > 0 { sum += b * log(b / m) }
        }
        return (sum / 2).squareRoot()
    }

    /// Category shares over the union of categories (plus an empty "other" bin, as the sketch has).
    static func shares(_ a: [String], _ b: [String]) -> ([Double], [Double]) {
        let ca = Dictionary(a.map { ($0, 1) }, uniquingKeysWith: +), cb = Dictionary(b.map { ($0, 1) }, uniquingKeysWith: +)
        let keys = Set(ca.keys).union(cb.keys).sorted()
        return (keys.map { Double(ca[$0] ?? 0) / Double(a.count) } + [0], keys.map { Double(cb[$0] ?? 0) / Double(b.count) } + [0])
    }
}

/// A small synthetic monitoring set: six numeric and three categorical features and a prediction,
/// 20,000 reference rows and 40,000 current rows, with drift injected into f0, f1, f2 and c0.
enum SyntheticWindows {
    static let shifted = ["c0", "f0", "f1", "f2"]

    static func make() -> (WindowProfile, WindowProfile) {
        (window(rows: 20_000, drifted: false, seed: 51), window(rows: 40_000, drifted: true, seed: 52))
    }

    static func window(rows: Int, drifted: Bool, seed: UInt64) -> WindowProfile {
        var rng = SplitMix64(seed: seed)
        var features: [String: FeatureProfile] = [:]
        for i in 0..<6 { features["f\(i)"] = FeatureProfile(kind: .numeric) }
        for i in 0..<3 { features["c\(i)"] = FeatureProfile(kind: .categorical) }
        var prediction = FeatureProfile(kind: .numeric)
        for _ in 0..<rows {
            let f0 = rng.normal() + (drifted ? 0.5 : 0) // mean shift of half a std
            let f1 = 5 + 2 * rng.normal() * (drifted ? 1.5 : 1) // scale change
            let f2 = exp(0.5 * rng.normal() + (drifted ? 0.3 : 0)) // lognormal shift
            let values = [f0, f1, f2, rng.uniform() * 10, -log(rng.uniform()), 3 * rng.normal()]
            for (i, v) in values.enumerated() { features["f\(i)"]!.add(v) }
            let u = rng.uniform()
            features["c0"]!.add(category: "k\(Int((drifted ? 1 - u * u : u * u) * 10))") // probabilities reversed
            features["c1"]!.add(category: "k\(Int(rng.uniform() * 20))")
            if rng.uniform() < 0.05 { features["c2"]!.addMissing() } else { features["c2"]!.add(category: "k\(Int(sqrt(rng.uniform()) * 5))") }
            prediction.add(0.8 * f0 + 0.1 * f1)
        }
        return WindowProfile(features: features, prediction: prediction, rows: rows)
    }
}
