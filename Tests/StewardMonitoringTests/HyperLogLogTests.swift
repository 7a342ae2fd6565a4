import Testing
@testable import StewardMonitoring

/// HyperLogLog estimates against the a-priori relative standard error.
@Suite struct HyperLogLogTests {
    @Test(arguments: [1_000, 100_000, 1_000_000])
    func estimateIsWithinThreeStandardErrors(_ distinct: Int) {
        var hll = HyperLogLog()
        var rng = SplitMix64(seed: UInt64(distinct))
        for _ in 0..<distinct { hll.add(rng.uniform() * 1e6) }
        let relative = abs(hll.estimate - Double(distinct)) / Double(distinct)
        print("HLL \(distinct): estimate \(hll.estimate), relative error \(relative) (RSE \(hll.relativeStandardError))")
        #expect(relative <= 3 * hll.relativeStandardError)
    }

    @Test func smallSetsAreCountedAlmostExactly() {
        // Below a few hundred values the estimate is linear counting, whose relative standard error
        // is about 1 / √(2m) (1.1 % at m = 4096): a handful of values at most.
        for n in [0, 1, 10, 50, 100] {
            var hll = HyperLogLog()
            for round in 0..<3 { for i in 0..<n { hll.add("category-\(i)"); if round == 0 { hll.add(Double(i)) } } }
            // Strings and numbers hash apart, so 2n distinct values.
            #expect(abs(hll.estimate - Double(2 * n)) <= max(0.5, 3 * Double(2 * n) / (2 * 4096.0).squareRoot()), "n = \(n): \(hll.estimate)")
        }
        var zeros = HyperLogLog()
        zeros.add(0.0); zeros.add(-0.0)
        #expect(abs(zeros.estimate - 1) < 0.01)
        #expect(abs(HyperLogLog().relativeStandardError - 0.01625) < 1e-5)
    }

    @Test func mergeIsAUnionAndFoldsDifferentSizes() throws {
        var a = HyperLogLog(), b = HyperLogLog(), both = HyperLogLog()
        for i in 0..<60_000 { a.add(Double(i)); both.add(Double(i)) }
        for i in 40_000..<100_000 { b.add(Double(i)); both.add(Double(i)) }
        var ab = a; ab.merge(b)
        var ba = b; ba.merge(a)
        #expect(ab == both && ba == both)
        var small = HyperLogLog(lgK: 10)
        for i in 0..<100_000 { small.add(Double(i)) }
        var folded = a; folded.merge(small)
        var reference = HyperLogLog(lgK: 10)
        for i in 0..<100_000 { reference.add(Double(i)) }
        #expect(folded.lgK == 10 && folded == reference)
    }

    @Test func roundTripAndHostileBytes() throws {
        var sparse = HyperLogLog(), dense = HyperLogLog()
        for i in 0..<30 { sparse.add("v\(i)") }
        for i in 0..<50_000 { dense.add(Double(i)) }
        for hll in [HyperLogLog(), sparse, dense] { #expect(try HyperLogLog(encoded: hll.encoded()) == hll) }
        print("HLL encoded: empty \(HyperLogLog().encoded().count) B, 30 values \(sparse.encoded().count) B, dense \(dense.encoded().count) B")
        let bytes = dense.encoded()
        for cut in [0, 1, 3, 4, 100, bytes.count - 1] {
            #expect(throws: SketchDecodingError.self) { try HyperLogLog(encoded: bytes.prefix(cut)) }
        }
        #expect(throws: SketchDecodingError.self) { try HyperLogLog(encoded: [0x48, 1, 12, 0, 0xff, 0xff, 0x03]) }
        #expect(throws: SketchDecodingError.self) { try HyperLogLog(encoded: [0x48, 1, 40, 1]) }
        #expect(throws: SketchDecodingError.wrongTag(expected: 0x48, found: 0x4B)) { try HyperLogLog(encoded: [0x4B, 1]) }
        #expect(throws: SketchDecodingError.self) { try HyperLogLog(encoded: [0x48, 1, 12, 0, 1, 5, 60]) } // rank above 53
    }
}
