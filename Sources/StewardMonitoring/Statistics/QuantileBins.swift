import Foundation

/// PSI on reference-quantile bins with open outer edges, computed from sorted samples the way
/// drift_anchor.py's numpy baseline does: edges = `np.quantile(ref, linspace(0, 1, bins + 1))`
/// (linear interpolation), outer edges replaced by ±∞, counts as `np.histogram` (half-open bins
/// [e_i, e_{i+1}), the last one closed), shares clipped at 1e-6.
public enum QuantileBins {
    /// The inner edges (bins − 1 of them) of `bins` reference-quantile bins.
    public static func innerEdges(sortedReference a: UnsafeBufferPointer<Double>, bins: Int) -> [Double] {
        guard bins > 1, !a.isEmpty else { return [] }
        let step = 1 / Double(bins)
        return (1..<bins).map { index in
            // numpy's linspace is i·step; the virtual index is (n − 1)·q.
            let virtualIndex = Double(a.count - 1) * (Double(index) * step)
            let below = min(Int(virtualIndex.rounded(.down)), a.count - 1)
            let above = min(below + 1, a.count - 1)
            let gamma = virtualIndex - Double(below)
            return lerp(a[below], a[above], gamma)
        }
    }

    /// Per-bin counts of a sorted sample for the given inner edges.
    public static func counts(sorted x: UnsafeBufferPointer<Double>, innerEdges: [Double]) -> [Double] {
        var result: [Double] = []
        result.reserveCapacity(innerEdges.count + 1)
        var previous = 0
        for edge in innerEdges {
            let below = lowerBound(x, edge)
            result.append(Double(below - previous))
            previous = below
        }
        result.append(Double(x.count - previous))
        return result
    }

    /// PSI of `current` against `reference` (both sorted, NaN-free) on reference-quantile bins.
    public static func psi(sortedReference a: UnsafeBufferPointer<Double>, sortedCurrent b: UnsafeBufferPointer<Double>,
                           bins: Int = 10) -> Double? {
        guard !a.isEmpty, !b.isEmpty else { return nil }
        let edges = innerEdges(sortedReference: a, bins: bins)
        return Distances.psi(reference: counts(sorted: a, innerEdges: edges), current: counts(sorted: b, innerEdges: edges))
    }

    /// numpy's `_lerp`: a + (b − a)·t, computed from the upper end when t ≥ 0.5 (exact at t = 1).
    static func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double {
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }

    /// Number of elements strictly below `value` (`np.searchsorted(side='left')`).
    static func lowerBound(_ x: UnsafeBufferPointer<Double>, _ value: Double) -> Int {
        var low = 0, high = x.count
        while low < high {
            let middle = (low + high) / 2
            if x[middle] < value { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
