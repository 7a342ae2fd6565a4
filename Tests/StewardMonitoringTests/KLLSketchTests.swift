import Foundation
import Testing
@testable import StewardMonitoring

/// KLL rank error against the a-priori bound, determinism and merge equivalence.
@Suite struct KLLSketchTests {
    static let n = 400_000

    @Test(arguments: TestDistribution.allCases)
    func singlePassRankErrorIsWithinTheBound(_ distribution: TestDistribution) {
        let data = distribution.sample(Self.n, seed: 7 + UInt64(TestDistribution.allCases.firstIndex(of: distribution)!))
        var sketch = KLLSketch()
        data.withUnsafeBufferPointer { sketch.add(contentsOf: $0) }
        let error = SketchCheck.maxRankError(sketch, sorted: data.sorted())
        print("KLL single \(distribution): max rank error \(error) (bound \(sketch.normalizedRankError)), retained \(sketch.retainedItems)")
        #expect(error <= sketch.normalizedRankError)
        #expect(sketch.count == Self.n && sketch.min == data.min() && sketch.max == data.max())
    }

    @Test(arguments: TestDistribution.allCases)
    func tenWayMergeRankErrorIsWithinTheBound(_ distribution: TestDistribution) {
        let data = distribution.sample(Self.n, seed: 11)
        let parts = stride(from: 0, to: Self.n, by: Self.n / 10).map { start in
            var s = KLLSketch()
            for x in data[start..<(start + Self.n / 10)] { s.add(x) }
            return s
        }
        let merged = parts.dropFirst().reduce(parts[0]) { $0.merging($1) }
        let error = SketchCheck.maxRankError(merged, sorted: data.sorted())
        print("KLL merged \(distribution): max rank error \(error) (bound \(merged.normalizedRankError))")
        #expect(error <= merged.normalizedRankError)
        #expect(merged.count == Self.n)
    }

    @Test func sameInputsGiveTheSameSketchAndBulkEqualsPerValue() {
        let data = TestDistribution.normal.sample(100_000, seed: 3)
        var a = KLLSketch(), b = KLLSketch(), c = KLLSketch()
        for x in data { a.add(x); b.add(x) }
        data.withUnsafeBufferPointer { c.add(contentsOf: $0) }
        #expect(a.encoded() == b.encoded())
        #expect(a == c && a.encoded() == c.encoded())
    }

    @Test func mergeIsOrderIndependentBitForBit() {
        var a = KLLSketch(), b = KLLSketch()
        for x in TestDistribution.lognormal.sample(70_000, seed: 5) { a.add(x) }
        for x in TestDistribution.mixture.sample(130_000, seed: 6) { b.add(x) }
        let ab = a.merging(b), ba = b.merging(a)
        #expect(ab == ba)
        #expect(ab.encoded() == ba.encoded())
        #expect(ab.count == 200_000)
    }

    @Test func smallSketchesAreExact() {
        var s = KLLSketch()
        for x in [5.0, 1, 4, 2, 3, -0.0, 0.0] { s.add(x) }
        for x in [Double.nan, .infinity] { s.add(x) } // ignored: the caller counts them
        #expect(s.count == 7 && s.min == -0.0 && s.max == 5)
        #expect(s.quantile(0.5) == 2)
        #expect(s.rank(2) == 4.0 / 7 && s.rank(2, inclusive: false) == 3.0 / 7)
        #expect(s.cdf([0, 3]) == [2.0 / 7, 5.0 / 7, 1])
        #expect(KLLSketch().quantile(0.5) == nil)
        #expect(abs(s.normalizedRankError - 0.002715) < 1e-5)
    }

    @Test func roundTripAndHostileBytes() throws {
        var s = KLLSketch()
        for x in TestDistribution.normal.sample(50_000, seed: 9) { s.add(x) }
        let bytes = s.encoded()
        #expect(try KLLSketch(encoded: bytes) == s)
        #expect(try KLLSketch(encoded: KLLSketch().encoded()) == KLLSketch())
        for cut in [0, 1, 2, 5, 20, bytes.count / 2, bytes.count - 1] {
            #expect(throws: SketchDecodingError.self) { try KLLSketch(encoded: bytes.prefix(cut)) }
        }
        var wrongVersion = bytes; wrongVersion[1] = 9
        #expect(throws: SketchDecodingError.unsupportedVersion(9)) { try KLLSketch(encoded: wrongVersion) }
        // An absurd level size must be refused before anything is allocated.
        let absurd: [UInt8] = [0x4B, 1, 0x80, 0x08, 0x0A] + Array(repeating: 0, count: 16) + [1, 0xff, 0xff, 0xff, 0xff, 0x0f]
        #expect(throws: SketchDecodingError.self) { try KLLSketch(encoded: absurd) }
        var tampered = bytes // the last item replaced by a value below the minimum
        withUnsafeBytes(of: (-1e300).bitPattern.littleEndian) { tampered.replaceSubrange((bytes.count - 8)..., with: $0) }
        #expect(throws: SketchDecodingError.self) { try KLLSketch(encoded: tampered) }
        #expect(throws: SketchDecodingError.self) { try KLLSketch(encoded: bytes + [0]) }
    }
}
