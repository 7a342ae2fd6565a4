/// Count, min, max, mean and the sum of squared deviations (m2), updated with Welford's method and
/// merged with Chan et al.'s parallel formula. Exact up to floating-point rounding (tests hold it to
/// 1e-9 relative against a two-pass computation).
public struct Moments: Sendable, Equatable {
    public internal(set) var count = 0
    public internal(set) var min = Double.infinity
    public internal(set) var max = -Double.infinity
    public internal(set) var mean = 0.0
    public internal(set) var m2 = 0.0

    public init() {}

    /// Population variance m2 / n (NumPy's default `np.std` squared, as Evidently's normalisation uses).
    public var variance: Double { count > 0 ? m2 / Double(count) : 0 }
    /// Sample variance m2 / (n − 1).
    public var sampleVariance: Double { count > 1 ? m2 / Double(count - 1) : 0 }
    /// Population standard deviation.
    public var standardDeviation: Double { variance.squareRoot() }

    @inline(__always)
    public mutating func add(_ x: Double) {
        count += 1
        let delta = x - mean
        mean += delta / Double(count)
        m2 += delta * (x - mean)
        if x < min { min = x }
        if x > max { max = x }
    }

    /// Adds values in chunks: a two-pass mean and m2 per chunk (vectorisable and more accurate than
    /// Welford), then Chan's merge. Values must be finite.
    public mutating func add(contentsOf values: UnsafeBufferPointer<Double>) {
        var start = 0
        while start < values.count {
            let end = Swift.min(values.count, start + 4096)
            var sum = 0.0, lo = Double.infinity, hi = -Double.infinity
            for i in start..<end { let x = values[i]; sum += x; lo = Swift.min(lo, x); hi = Swift.max(hi, x) }
            let n = end - start
            let chunkMean = sum / Double(n)
            var ss = 0.0
            for i in start..<end { let d = values[i] - chunkMean; ss += d * d }
            self = Self.combine(self, Moments(count: n, min: lo, max: hi, mean: chunkMean, m2: ss))
            start = end
        }
    }

    init(count: Int, min: Double, max: Double, mean: Double, m2: Double) {
        self.count = count; self.min = min; self.max = max; self.mean = mean; self.m2 = m2
    }

    public mutating func merge(_ other: Moments) { self = Self.combine(self, other) }

    /// Chan's formula. The operands are put in a canonical order first, because floating-point
    /// arithmetic is not symmetric: this makes merge(A,B) and merge(B,A) bitwise equal.
    static func combine(_ x: Moments, _ y: Moments) -> Moments {
        if x.count == 0 { return y }
        if y.count == 0 { return x }
        let swap = (x.count, x.mean.bitPattern, x.m2.bitPattern) > (y.count, y.mean.bitPattern, y.m2.bitPattern)
        let a = swap ? y : x, b = swap ? x : y
        let n = a.count + b.count
        let na = Double(a.count), nb = Double(b.count), nt = Double(n)
        let delta = b.mean - a.mean
        return Moments(count: n, min: Swift.min(a.min, b.min), max: Swift.max(a.max, b.max),
                       mean: a.mean + delta * (nb / nt), m2: a.m2 + b.m2 + delta * delta * (na * nb / nt))
    }
}
