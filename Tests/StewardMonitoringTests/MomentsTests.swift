import Foundation
import Testing
@testable import StewardMonitoring

/// Moments against a two-pass computation, and bitwise-symmetric merges.
@Suite struct MomentsTests {
    static func twoPass(_ xs: [Double]) -> (mean: Double, m2: Double) {
        let mean = xs.reduce(0, +) / Double(xs.count)
        return (mean, xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) })
    }

    @Test(arguments: TestDistribution.allCases)
    func matchesTwoPassToOneInABillion(_ distribution: TestDistribution) {
        let xs = distribution.sample(200_000, seed: 21).map { $0 + 1e6 } // a large offset stresses cancellation
        let (mean, m2) = Self.twoPass(xs)
        var single = Moments(), bulk = Moments()
        for x in xs { single.add(x) }
        xs.withUnsafeBufferPointer { bulk.add(contentsOf: $0) }
        let parts = stride(from: 0, to: xs.count, by: 20_000).map { start in
            var m = Moments()
            for x in xs[start..<(start + 20_000)] { m.add(x) }
            return m
        }
        let merged = parts.dropFirst().reduce(parts[0]) { var m = $0; m.merge($1); return m }
        for m in [single, bulk, merged] {
            #expect(abs(m.mean - mean) <= 1e-9 * abs(mean))
            #expect(abs(m.m2 - m2) <= 1e-9 * m2)
            #expect(m.count == xs.count && m.min == xs.min() && m.max == xs.max())
        }
        #expect(abs(single.variance - m2 / Double(xs.count)) <= 1e-9 * single.variance)
        #expect(abs(single.sampleVariance - m2 / Double(xs.count - 1)) <= 1e-9 * single.variance)
    }

    @Test func mergeIsSymmetricBitForBitAndRoundTrips() throws {
        var a = Moments(), b = Moments()
        for x in TestDistribution.normal.sample(1_000, seed: 1) { a.add(x) }
        for x in TestDistribution.lognormal.sample(3_333, seed: 2) { b.add(x) }
        var ab = a; ab.merge(b)
        var ba = b; ba.merge(a)
        #expect(ab.mean.bitPattern == ba.mean.bitPattern && ab.m2.bitPattern == ba.m2.bitPattern)
        #expect(try Moments(encoded: ab.encoded()) == ab)
        #expect(try Moments(encoded: Moments().encoded()) == Moments())
        #expect(throws: SketchDecodingError.self) { try Moments(encoded: ab.encoded().dropLast()) }
        var negative = Moments(count: 2, min: 0, max: 1, mean: 0.5, m2: -1).encoded()
        #expect(throws: SketchDecodingError.self) { try Moments(encoded: negative) }
        negative[1] = 2
        #expect(throws: SketchDecodingError.unsupportedVersion(2)) { try Moments(encoded: negative) }
    }
}
