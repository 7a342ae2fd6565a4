import Foundation
import Testing
@testable import StewardMonitoring

/// Column profiles: what is counted where, bulk vs per-value, merges and the binary form.
@Suite struct FeatureProfileTests {
    @Test func countsMissingNaNInfinitiesAndInvalidSeparately() {
        var p = FeatureProfile(kind: .numeric)
        for x in [1.0, .nan, 2, .infinity, -.infinity, .infinity, 3] { p.add(x) }
        p.addMissing()
        p.add(category: "4.5")
        p.add(category: "not a number")
        #expect(p.count == 10 && p.missing == 1 && p.nan == 1 && p.positiveInfinite == 2 && p.negativeInfinite == 1)
        #expect(p.infinite == 3 && p.invalid == 1 && p.valueCount == 4)
        #expect(p.moments.count == 4 && p.moments.max == 4.5 && p.moments.mean == 2.625 && p.kll!.count == 4)
        #expect(p.kll!.max == 4.5 && abs(p.hll.estimate - 4) < 0.01)

        var bulk = FeatureProfile(kind: .numeric)
        bulk.add(contentsOf: [1.0, .nan, 2, .infinity, -.infinity, .infinity, 3, 4.5])
        #expect(bulk.count == 8 && bulk.nan == 1 && bulk.infinite == 3 && bulk.kll == p.kll && bulk.hll == p.hll)
    }

    @Test func categoricalColumnsTakeNumbersAsCategories() {
        var p = FeatureProfile(kind: .categorical)
        for x in [1.0, 1, 2.5, .nan] { p.add(x) }
        p.add(category: "1")
        p.addMissing()
        #expect(p.count == 6 && p.nan == 1 && p.missing == 1 && p.valueCount == 4 && p.kll == nil)
        #expect(p.frequentItems!.items.map(\.item) == ["1", "2.5"] && p.frequentItems!.lowerBound(of: "1") == 3)
    }

    @Test func bulkEqualsPerValue() {
        var data = TestDistribution.lognormal.sample(200_000, seed: 61)
        for i in stride(from: 0, to: data.count, by: 997) { data[i] = i % 2 == 0 ? .nan : -.infinity }
        var one = FeatureProfile(kind: .numeric), bulk = FeatureProfile(kind: .numeric)
        for x in data { one.add(x) }
        bulk.add(contentsOf: data)
        #expect(one.kll == bulk.kll && one.hll == bulk.hll && one.nan == bulk.nan && one.negativeInfinite == bulk.negativeInfinite)
        #expect(abs(one.moments.mean - bulk.moments.mean) <= 1e-12 * abs(one.moments.mean))
        #expect(abs(one.moments.m2 - bulk.moments.m2) <= 1e-9 * one.moments.m2)
    }

    /// Two replicas' profiles merge to the same bytes in either order, and the merge is as good as
    /// one pass over all the data.
    @Test func mergeIsOrderIndependentAndMatchesOnePass() throws {
        let all = TestDistribution.mixture.sample(300_000, seed: 62)
        var a = FeatureProfile(kind: .numeric), b = FeatureProfile(kind: .numeric), one = FeatureProfile(kind: .numeric)
        a.add(contentsOf: Array(all[..<120_000]))
        b.add(contentsOf: Array(all[120_000...]))
        one.add(contentsOf: all)
        var ab = a; ab.merge(b)
        var ba = b; ba.merge(a)
        #expect(ab.encoded() == ba.encoded() && ab == ba)
        #expect(ab.count == one.count && ab.hll == one.hll) // HLL merge is exact
        #expect(abs(ab.moments.mean - one.moments.mean) <= 1e-12 * abs(one.moments.mean))
        #expect(SketchCheck.maxRankError(ab.kll!, sorted: all.sorted()) <= ab.kll!.normalizedRankError)
    }

    @Test func roundTripAndHostileBytes() throws {
        var numeric = FeatureProfile(kind: .numeric), categorical = FeatureProfile(kind: .categorical)
        numeric.add(contentsOf: TestDistribution.normal.sample(1_000_000, seed: 63) + [.nan, .infinity])
        numeric.addMissing()
        var rng = SplitMix64(seed: 64)
        for _ in 0..<200_000 { categorical.add(category: "category-\(Int(pow(rng.uniform(), 3) * 50))") }
        var mixed = numeric; mixed.merge(categorical)
        for p in [numeric, categorical, mixed, FeatureProfile(kind: .numeric), FeatureProfile(kind: .categorical)] {
            #expect(try FeatureProfile(encoded: p.encoded()) == p)
        }
        print("FeatureProfile encoded: numeric 1M values \(numeric.encoded().count) B, categorical 200k values / 50 categories \(categorical.encoded().count) B")
        let small = try #require(Optional(categorical.encoded()))
        for cut in 0..<small.count where cut % 7 == 0 || cut > small.count - 4 {
            #expect(throws: SketchDecodingError.self) { try FeatureProfile(encoded: small.prefix(cut)) }
        }
        var wrongVersion = small; wrongVersion[1] = 0
        #expect(throws: SketchDecodingError.unsupportedVersion(0)) { try FeatureProfile(encoded: wrongVersion) }
        // A moments blob claiming 2^62 bytes, and counters larger than the total.
        #expect(throws: SketchDecodingError.self) { try FeatureProfile(encoded: [0x50, 1, 0, 1, 0, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x3f]) }
        #expect(throws: SketchDecodingError.self) { try FeatureProfile(encoded: [0x50, 1, 0, 1, 5, 0, 0, 0, 0]) }
        var tiny = FeatureProfile(kind: .numeric)
        tiny.add(contentsOf: TestDistribution.mixture.sample(300, seed: 66) + [.nan])
        var random = SplitMix64(seed: 65)
        for sample in [small, tiny.encoded()] {
            for _ in 0..<2_000 { // random corruption must throw or decode, never trap
                var bytes = sample
                for _ in 0..<3 { bytes[Int(random.next() % UInt64(bytes.count))] = UInt8(truncatingIfNeeded: random.next()) }
                _ = try? FeatureProfile(encoded: bytes)
            }
        }
    }
}
