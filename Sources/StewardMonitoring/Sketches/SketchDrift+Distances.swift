import Foundation

extension SketchDrift {
    /// Wasserstein-1 between the two weighted samples the sketches keep: ∫ |F_a(x) − F_b(x)| dx over
    /// the merged breakpoints (exact for the two step CDFs).
    public static func wasserstein(_ a: KLLSortedView, _ b: KLLSortedView) -> Double {
        guard a.total > 0, b.total > 0 else { return 0 }
        var i = 0, j = 0, fa = 0.0, fb = 0.0, distance = 0.0
        var x = Swift.min(a.values[0], b.values[0])
        while i < a.values.count || j < b.values.count {
            let next = Swift.min(i < a.values.count ? a.values[i] : .infinity, j < b.values.count ? b.values[j] : .infinity)
            distance += abs(fa - fb) * (next - x)
            x = next
            while i < a.values.count, a.values[i] == next { fa = a.cumulative[i] / a.total; i += 1 }
            while j < b.values.count, b.values[j] == next { fb = b.cumulative[j] / b.total; j += 1 }
        }
        return distance
    }

    /// Jensen–Shannon distance with the natural log (SciPy's `jensenshannon` default): both vectors
    /// are normalised, at most √ln 2.
    public static func jensenShannon(_ p: [Double], _ q: [Double]) -> Double {
        let sp = p.reduce(0, +), sq = q.reduce(0, +)
        guard sp > 0, sq > 0 else { return 0 }
        var sum = 0.0
        for (pi, qi) in zip(p, q) {
            let a = pi / sp, b = qi / sq, m = (a + b) / 2
            if a > 0 { sum += a * log(a / m) }
            if b > 0 { sum += b * log(b / m) }
        }
        return Swift.max(0, sum / 2).squareRoot()
    }

    /// PSI = Σ (ref − cur) · ln(ref / cur) over bin shares, with Evidently's fill for empty bins:
    /// each side's zeros become 1e-4, or min_nonzero / 1e6 when its smallest non-zero share ≤ 1e-4.
    public static func psi(referenceShares ref: [Double], currentShares cur: [Double]) -> Double {
        func filled(_ shares: [Double]) -> [Double] {
            let smallest = shares.filter { $0 > 0 }.min() ?? 1
            let epsilon = smallest <= 1e-4 ? smallest / 1e6 : 1e-4
            return shares.map { $0 > 0 ? $0 : epsilon }
        }
        return zip(filled(ref), filled(cur)).reduce(0) { $0 + ($1.0 - $1.1) * log($1.0 / $1.1) }
    }

    /// PSI on `bins` reference-quantile bins with open outer edges ([e_i, e_i+1), like NumPy's
    /// histogram) for numeric columns; on category shares for categorical ones.
    static func psi(reference: FeatureProfile, current: FeatureProfile, bins: Int) -> Double? {
        guard let rk = reference.kll, let ck = current.kll, reference.kind == .numeric, bins >= 2 else {
            let (p, q) = frequencies(reference: reference, current: current)
            return p.isEmpty ? nil : psi(referenceShares: p, currentShares: q)
        }
        let rv = rk.sortedView, cv = ck.sortedView
        guard rv.total > 0, cv.total > 0 else { return nil }
        let edges = (1..<bins).map { rv.quantile(Double($0) / Double(bins))! }
        func shares(_ view: KLLSortedView) -> [Double] {
            let below = [0.0] + edges.map { view.rank($0, inclusive: false) } + [1.0]
            return zip(below.dropFirst(), below).map { $0 - $1 }
        }
        return psi(referenceShares: shares(rv), currentShares: shares(cv))
    }

    /// Category shares on both sides over the same bins. Categorical: every tracked item plus an
    /// "other" bin for what the frequent-items summary no longer tracks (counters are lower bounds,
    /// so "other" is never negative). Numeric (few distinct values): the distinct retained values.
    static func frequencies(reference: FeatureProfile, current: FeatureProfile) -> ([Double], [Double]) {
        if let rf = reference.frequentItems, let cf = current.frequentItems, rf.total > 0, cf.total > 0 {
            let keys = Set(rf.counters.keys).union(cf.counters.keys).sorted()
            func shares(_ fi: FrequentItems) -> [Double] {
                let tracked = keys.map { Double(fi.counters[$0] ?? 0) / Double(fi.total) }
                return tracked + [Swift.max(0, 1 - tracked.reduce(0, +))]
            }
            return (shares(rf), shares(cf))
        }
        guard let rk = reference.kll, let ck = current.kll, rk.count > 0, ck.count > 0 else { return ([], []) }
        let rv = rk.sortedView, cv = ck.sortedView
        let keys = Set(rv.values).union(cv.values).sorted()
        func shares(_ view: KLLSortedView) -> [Double] {
            let weights = Dictionary(uniqueKeysWithValues: zip(view.values, view.weights))
            return keys.map { (weights[$0] ?? 0) / view.total }
        }
        return (shares(rv), shares(cv))
    }
}
