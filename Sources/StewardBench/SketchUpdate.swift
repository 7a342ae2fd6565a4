import ArgumentParser
import Foundation
import StewardMonitoring

/// Times `FeatureProfile` updates on one core (issue 7: at least 10 million values per second):
/// numeric values one by one and in bulk (moments + KLL + HyperLogLog), and categorical values
/// (HyperLogLog + frequent items). The values are generated before the clock starts, so only the
/// sketch updates are timed. Prints one JSON line.
struct SketchUpdate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sketch-update",
                                                    abstract: "Time FeatureProfile updates; print values/s as JSON.")
    @Option(help: "Millions of generated values per measurement.")
    var millions: Int = 10

    func run() throws {
        let n = millions * 1_000_000
        var state: UInt64 = 20_240_611
        func uniform() -> Double { // SplitMix64, in (0, 1)
            state &+= 0x9e37_79b9_7f4a_7c15
            var z = state
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            return (Double((z ^ (z >> 31)) >> 11) + 0.5) * 0x1p-53
        }
        // Normal values (Box–Muller) with a few NaNs, as real columns have.
        let values = (0..<n).map { i in i % 10_007 == 0 ? .nan : (-2 * log(uniform())).squareRoot() * cos(2 * .pi * uniform()) }
        let names = (0..<50).map { "category-\($0)" }
        let codes = (0..<n).map { _ in Int(pow(uniform(), 3) * 50) } // skewed over 50 categories

        var perValue = FeatureProfile(kind: .numeric)
        let t0 = Self.now()
        for x in values { perValue.add(x) }
        let t1 = Self.now()
        var bulk = FeatureProfile(kind: .numeric)
        values.withUnsafeBufferPointer { bulk.add(contentsOf: $0) }
        let t2 = Self.now()
        var categorical = FeatureProfile(kind: .categorical)
        for code in codes { categorical.add(category: names[code]) }
        let t3 = Self.now()

        precondition(perValue.count == n && bulk.count == n && categorical.count == n)
        func rate(_ seconds: Double) -> String { String(format: "%.0f", Double(n) / seconds) }
        print(#"{"values":\#(n),"numeric_values_per_second":\#(rate(t1 - t0)),"numeric_bulk_values_per_second":\#(rate(t2 - t1)),"#
            + #""categorical_values_per_second":\#(rate(t3 - t2)),"numeric_encoded_bytes":\#(perValue.encoded().count),"#
            + #""categorical_encoded_bytes":\#(categorical.encoded().count),"kll_retained":\#(perValue.kll?.retainedItems ?? 0)}"#)
    }

    static func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
