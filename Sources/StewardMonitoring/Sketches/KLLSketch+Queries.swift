/// The retained items of a KLL sketch as one sorted, weighted sample: the form every query uses.
/// Build it once when asking many questions (drift reports ask hundreds).
public struct KLLSortedView: Sendable {
    /// Distinct retained values, ascending.
    public let values: [Double]
    /// Weight of each value (number of input values it stands for).
    public let weights: [Double]
    /// Inclusive cumulative weights: cumulative[i] = Σ weights[0...i].
    public let cumulative: [Double]
    public let total: Double

    init(_ sketch: KLLSketch) {
        var pairs: [(Double, Double)] = []
        pairs.reserveCapacity(sketch.retainedItems)
        for (h, level) in sketch.levels.enumerated() {
            let w = Double(UInt64(1) << UInt64(h))
            for v in level { pairs.append((v, w)) }
        }
        pairs.sort { $0.0 < $1.0 }
        var values: [Double] = [], weights: [Double] = [], cumulative: [Double] = []
        var running = 0.0
        for (v, w) in pairs {
            running += w
            if let last = values.last, last == v {
                weights[weights.count - 1] += w
                cumulative[cumulative.count - 1] = running
            } else {
                values.append(v); weights.append(w); cumulative.append(running)
            }
        }
        self.values = values
        self.weights = weights
        self.cumulative = cumulative
        total = running
    }

    /// Normalised rank of x: the share of values ≤ x (`inclusive`) or < x.
    public func rank(_ x: Double, inclusive: Bool = true) -> Double {
        guard total > 0 else { return 0 }
        // Binary search for the number of values ≤ x (or < x).
        var lo = 0, hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if inclusive ? values[mid] <= x : values[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo == 0 ? 0 : cumulative[lo - 1] / total
    }

    /// The smallest retained value whose inclusive normalised rank reaches q (DataSketches INCLUSIVE).
    public func quantile(_ q: Double) -> Double? {
        guard total > 0 else { return nil }
        let target = (q * total).rounded(.up)
        var lo = 0, hi = values.count - 1
        while lo < hi {
            let mid = (lo + hi) / 2
            if cumulative[mid] >= target { hi = mid } else { lo = mid + 1 }
        }
        return values[lo]
    }
}

extension KLLSketch {
    /// The sorted, weighted view of the retained items (see `KLLSortedView`).
    public var sortedView: KLLSortedView { KLLSortedView(self) }

    /// The value at normalised rank q (0 → min, 1 → max, exact); nil while empty.
    public func quantile(_ q: Double) -> Double? {
        guard count > 0, !q.isNaN else { return nil }
        if q <= 0 { return min }
        if q >= 1 { return max }
        return sortedView.quantile(q)
    }

    /// Quantiles for several ranks at once (one sorted view).
    public func quantiles(_ qs: [Double]) -> [Double]? {
        guard count > 0 else { return nil }
        let view = sortedView
        return qs.map { q in q <= 0 ? min! : q >= 1 ? max! : view.quantile(q)! }
    }

    /// Normalised rank of x in 0…1: the estimated share of values ≤ x (or < x when not `inclusive`).
    public func rank(_ x: Double, inclusive: Bool = true) -> Double {
        sortedView.rank(x, inclusive: inclusive)
    }

    /// The CDF at ascending split points, DataSketches style: splitPoints.count + 1 entries, entry i
    /// the share of values ≤ splitPoints[i] (or < when not `inclusive`), and the last entry 1.
    public func cdf(_ splitPoints: [Double], inclusive: Bool = true) -> [Double] {
        guard count > 0 else { return Array(repeating: 0, count: splitPoints.count + 1) }
        let view = sortedView
        return splitPoints.map { view.rank($0, inclusive: inclusive) } + [1]
    }
}
