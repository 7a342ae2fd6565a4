import Foundation
import Testing
@testable import StewardMonitoring

/// Sketch-based drift distances against exact, sort-based computations, and the verdicts they give.
@Suite struct SketchDriftTests {
    /// Stated tolerances of the sketch distances (k = 1024) against the exact values.
    static let wassersteinTolerance = 0.01 // normalised units (1 % of the reference std)
    static let psiTolerance = 0.01
    static let lowCardinalityJSTolerance = 0.01

    @Test func numericDistancesMatchExactValues() {
        let ref = TestDistribution.normal.sample(200_000, seed: 31) // N(3, 2)
        for (shift, scale) in [(0.0, 1.0), (0.4, 1.0), (0.0, 1.5), (1.0, 0.7)] {
            let cur = TestDistribution.normal.sample(150_000, seed: 32).map { 3 + shift + scale * ($0 - 3) }
            var rp = FeatureProfile(kind: .numeric), cp = FeatureProfile(kind: .numeric)
            rp.add(contentsOf: ref); cp.add(contentsOf: cur)
            let drift = SketchDrift.feature("x", reference: rp, current: cp, settings: DriftSettings())
            let exact = ExactReference.wasserstein(ref.sorted(), cur.sorted()) / max(ExactReference.populationStd(ref), 0.001)
            let exactPSI = ExactReference.psi(ref.sorted(), cur.sorted(), bins: 10)
            print("sketch drift shift \(shift) scale \(scale): W1 \(drift.score) vs \(exact), PSI \(drift.psi!) vs \(exactPSI)")
            #expect(drift.method == .wasserstein)
            #expect(abs(drift.score - exact) <= Self.wassersteinTolerance)
            #expect(abs(drift.psi! - exactPSI) <= Self.psiTolerance)
        }
    }

    @Test func categoricalAndLowCardinalityDistancesMatchExactValues() {
        var rng = SplitMix64(seed: 41)
        let ref = (0..<100_000).map { _ in "c\(Int(pow(rng.uniform(), 2) * 30))" }
        let cur = (0..<80_000).map { _ in "c\(Int(pow(rng.uniform(), 1.5) * 30))" }
        var rp = FeatureProfile(kind: .categorical), cp = FeatureProfile(kind: .categorical)
        for s in ref { rp.add(category: s) }
        for s in cur { cp.add(category: s) }
        let drift = SketchDrift.feature("c", reference: rp, current: cp, settings: DriftSettings())
        let (p, q) = ExactReference.shares(ref, cur)
        #expect(drift.method == .jensenShannon)
        // Below the frequent-items capacity the counts are exact, so the distances are too.
        #expect(abs(drift.score - ExactReference.jensenShannon(p, q)) < 1e-12)
        #expect(abs(drift.psi! - ExactReference.psi(shares: p, q)) < 1e-12)

        // A numeric column with four values gets Jensen–Shannon on the KLL's value weights.
        let rn = ref.map { Double($0.dropFirst())!.truncatingRemainder(dividingBy: 4) }
        let cn = cur.map { Double($0.dropFirst())!.truncatingRemainder(dividingBy: 4) }
        var rnp = FeatureProfile(kind: .numeric), cnp = FeatureProfile(kind: .numeric)
        rnp.add(contentsOf: rn); cnp.add(contentsOf: cn)
        let low = SketchDrift.feature("n", reference: rnp, current: cnp, settings: DriftSettings())
        let (pn, qn) = ExactReference.shares(rn.map { "\($0)" }, cn.map { "\($0)" })
        #expect(low.method == .jensenShannon)
        #expect(abs(low.score - ExactReference.jensenShannon(pn, qn)) <= Self.lowCardinalityJSTolerance)
    }

    @Test func flagsExactlyTheShiftedColumnsAndThePrediction() {
        let (reference, current) = SyntheticWindows.make()
        let report = SketchDrift.report(reference: reference, current: current, settings: DriftSettings())
        let flagged = report.features.filter(\.drifted).map(\.feature)
        print("sketch drift scores:", report.features.map { "\($0.feature)=\(String(format: "%.3f", $0.score))" }.joined(separator: " "))
        #expect(flagged == SyntheticWindows.shifted)
        #expect(report.prediction?.drifted == true && report.prediction?.feature == "prediction")
        #expect(!report.exact && report.features.count == 9 && !report.datasetDrifted)
        #expect(report.features.allSatisfy { $0.psi != nil && $0.referenceCount > 0 && $0.currentCount > 0 })
    }

    @Test func aFeatureMissingOnOneSideIsReported() {
        var reference = WindowProfile(rows: 10), current = WindowProfile(rows: 10)
        var only = FeatureProfile(kind: .numeric)
        only.add(contentsOf: (0..<10).map(Double.init))
        reference.features["gone"] = only
        current.features["new"] = FeatureProfile(kind: .categorical)
        current.features["new"]!.add(category: "a")
        let report = SketchDrift.report(reference: reference, current: current)
        #expect(report.features.map(\.feature) == ["gone", "new"])
        #expect(report.features.allSatisfy { !$0.drifted && $0.score == 0 && $0.psi == nil })
        #expect(report.features[0].referenceCount == 10 && report.features[0].currentCount == 0)
        #expect(report.prediction == nil)
    }

    @Test func pValueOverridesFallBackToDistancesAndPSICanBeTheMethod() {
        let (reference, current) = SyntheticWindows.make()
        let settings = DriftSettings(defaults: .init(method: .ks), features: ["f1": .init(method: .psi, threshold: 0.2)])
        let report = SketchDrift.report(reference: reference, current: current, settings: settings)
        let byName = Dictionary(uniqueKeysWithValues: report.features.map { ($0.feature, $0) })
        #expect(byName["f0"]?.method == .wasserstein && byName["c0"]?.method == .jensenShannon)
        #expect(byName["f1"]?.method == .psi && byName["f1"]?.threshold == 0.2 && byName["f1"]?.score == byName["f1"]?.psi)
    }
}
