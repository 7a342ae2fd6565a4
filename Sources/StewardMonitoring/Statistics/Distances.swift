import Foundation

/// Distribution distances used by the drift methods.
public enum Distances {
    /// Wasserstein-1 normalised like Evidently's `wasserstein` method: W1 / max(std(reference), 0.001),
    /// with the population standard deviation (`np.std`, ddof 0).
    public static func normalizedWasserstein(_ w1: Double, referenceStandardDeviation std: Double) -> Double {
        w1 / max(std, 0.001)
    }

    /// Jensen–Shannon distance with the natural log (`scipy.spatial.distance.jensenshannon`): both
    /// vectors are normalised to sum 1; at most √ln 2.
    public static func jensenShannon(_ p: [Double], _ q: [Double]) -> Double? {
        precondition(p.count == q.count, "one frequency per category on both sides")
        let sp = p.reduce(0, +), sq = q.reduce(0, +)
        guard sp > 0, sq > 0 else { return nil }
        var divergence = 0.0
        for i in p.indices {
            let a = p[i] / sp, b = q[i] / sq
            let m = (a + b) / 2
            if a > 0 { divergence += a * log(a / m) }
            if b > 0 { divergence += b * log(b / m) }
        }
        return (max(0, divergence) / 2).squareRoot()
    }

    /// Population stability index Σ (cur − ref)·ln(cur/ref) on bin shares, each share clipped below
    /// at `epsilon` so an empty bin counts as a small share instead of an infinity (drift_anchor.py's
    /// baseline uses 1e-6).
    public static func psi(reference: [Double], current: [Double], epsilon: Double = 1e-6) -> Double? {
        precondition(reference.count == current.count, "one count per bin on both sides")
        let sr = reference.reduce(0, +), sc = current.reduce(0, +)
        guard sr > 0, sc > 0 else { return nil }
        var total = 0.0
        for i in reference.indices {
            let r = max(reference[i] / sr, epsilon), c = max(current[i] / sc, epsilon)
            total += (c - r) * log(c / r)
        }
        return total
    }
}
