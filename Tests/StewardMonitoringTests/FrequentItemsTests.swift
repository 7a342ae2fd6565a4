import Foundation
import Testing
@testable import StewardMonitoring

/// Frequent items: exact below capacity, bounds that contain the truth above it.
@Suite struct FrequentItemsTests {
    @Test func exactBelowCapacity() {
        var items = FrequentItems()
        var truth: [String: Int] = [:]
        for i in 0..<50_000 { let key = "c\(i % 700)"; let c = 1 + i % 3; items.add(key, count: c); truth[key, default: 0] += c }
        #expect(items.maximumError == 0 && items.trackedCount == 700)
        #expect(items.items.allSatisfy { truth[$0.item] == $0.lowerBound && $0.estimate == $0.upperBound })
        #expect(items.total == truth.values.reduce(0, +))
    }

    /// A Zipf stream over 20,000 items: far above the 768 counters.
    @Test func boundsContainTheTruthAboveCapacity() {
        let (items, truth, total) = Self.zipfStream(count: 300_000, universe: 20_000, seed: 1)
        #expect(items.total == total)
        #expect(Double(items.maximumError) <= items.aprioriError)
        print("frequent items Zipf: maximumError \(items.maximumError), a-priori \(items.aprioriError), tracked \(items.trackedCount)")
        for entry in items.items {
            let t = truth[entry.item]!
            #expect(entry.lowerBound <= t && t <= entry.upperBound, "\(entry.item): \(t) not in \(entry.lowerBound)…\(entry.upperBound)")
        }
        // No false negatives: every item above the error is tracked.
        for (item, t) in truth where t > items.maximumError { #expect(items.lowerBound(of: item) > 0, "\(item) (\(t)) missing") }
    }

    @Test func mergeIsOrderIndependentAndKeepsTheBounds() throws {
        let (a, ta, _) = Self.zipfStream(count: 100_000, universe: 5_000, seed: 2)
        let (b, tb, _) = Self.zipfStream(count: 120_000, universe: 5_000, seed: 3)
        var ab = a; ab.merge(b)
        var ba = b; ba.merge(a)
        #expect(ab == ba && ab.encoded() == ba.encoded())
        let truth = ta.merging(tb, uniquingKeysWith: +)
        #expect(Double(ab.maximumError) <= ab.aprioriError)
        for entry in ab.items { #expect(entry.lowerBound <= truth[entry.item]! && truth[entry.item]! <= entry.upperBound) }
    }

    @Test func roundTripHostileBytesAndLongItems() throws {
        var items = FrequentItems()
        items.add(String(repeating: "é", count: 300))
        #expect(items.items[0].item.utf8.count <= FrequentItems.maxItemBytes)
        let (zipf, _, _) = Self.zipfStream(count: 20_000, universe: 3_000, seed: 4)
        for fi in [FrequentItems(), items, zipf] { #expect(try FrequentItems(encoded: fi.encoded()) == fi) }
        let bytes = zipf.encoded()
        for cut in [0, 2, 5, bytes.count / 2, bytes.count - 1] {
            #expect(throws: SketchDecodingError.self) { try FrequentItems(encoded: bytes.prefix(cut)) }
        }
        // One item claiming a huge count and a huge length.
        #expect(throws: SketchDecodingError.self) { try FrequentItems(encoded: [0x46, 1, 10, 5, 0, 1, 0xff, 0xff, 0xff, 0x7f]) }
        #expect(throws: SketchDecodingError.self) { try FrequentItems(encoded: [0x46, 1, 10, 5, 0, 1, 1, 0x61, 9]) } // count > total
    }

    static func zipfStream(count: Int, universe: Int, seed: UInt64) -> (FrequentItems, [String: Int], Int) {
        // Inverse-CDF sampling of Zipf(1.1) over `universe` ranks.
        var cdf = (1...universe).map { 1 / pow(Double($0), 1.1) }
        for i in 1..<cdf.count { cdf[i] += cdf[i - 1] }
        var rng = SplitMix64(seed: seed)
        var items = FrequentItems()
        var truth: [String: Int] = [:]
        for _ in 0..<count {
            let u = rng.uniform() * cdf[cdf.count - 1]
            var lo = 0, hi = cdf.count - 1
            while lo < hi { let mid = (lo + hi) / 2; if cdf[mid] < u { lo = mid + 1 } else { hi = mid } }
            let key = "item-\(lo)"
            items.add(key)
            truth[key, default: 0] += 1
        }
        return (items, truth, count)
    }
}
