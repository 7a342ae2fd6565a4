import Foundation
import Testing
@testable import StewardMonitoring

/// The exact report: Evidently's method choice, PSI beside every feature, skipping, the prediction.
@Suite struct ExactDriftTests {
    static func normalish(_ n: Int, shift: Double = 0, seed: Int = 1) -> [Double] {
        (0..<n).map { i in Double(((i + seed) * 7919) % 1009) / 1009 * 4 - 2 + shift }
    }

    @Test func smallReferencesUsePValueTests() throws {
        let ref = [Column.numeric("x", Self.normalish(300)), .categorical("c", (0..<300).map { ["a", "b", "c"][$0 % 3] }),
                   .categorical("b", (0..<300).map { $0 % 4 == 0 ? "yes" : "no" }), .numeric("p", Self.normalish(300))]
        let cur = [Column.numeric("x", Self.normalish(400, shift: 0.5)), .categorical("c", (0..<400).map { ["a", "b", "c", "c"][$0 % 4] }),
                   .categorical("b", (0..<400).map { $0 % 4 == 1 ? "yes" : "no" }), .numeric("p", Self.normalish(400, seed: 5))]
        let report = ExactDrift.report(reference: ref, current: cur, settings: DriftSettings(), prediction: "p")
        #expect(report.exact)
        #expect(report.features.map(\.method) == [.ks, .chiSquare, .zTest])
        #expect(report.features.map(\.drifted) == [true, true, false])
        #expect(report.features.allSatisfy { $0.psi != nil })
        #expect(report.prediction?.feature == "p" && report.prediction?.drifted == false)
        #expect(report.datasetDrifted)  // 2 of 3 ≥ 0.5
        let x = report.features[0]
        let ks = try #require(KolmogorovSmirnov.test(Self.normalish(300), Self.normalish(400, shift: 0.5)))
        #expect(x.score == ks.pValue && x.statistic == ks.statistic)
    }

    @Test func largeReferencesUseDistancesAndOverridesApply() {
        let ref = [Column.numeric("x", Self.normalish(2000)), .numeric("few", (0..<2000).map { Double($0 % 3) })]
        let cur = [Column.numeric("x", Self.normalish(2000, shift: 0.05)), .numeric("few", (0..<2000).map { Double($0 % 3) })]
        let report = ExactDrift.report(reference: ref, current: cur, settings: DriftSettings())
        #expect(report.features.map(\.method) == [.wasserstein, .jensenShannon])
        #expect(report.features[1].score == 0 && !report.features[1].drifted)
        let psi = ExactDrift.report(reference: ref, current: cur,
                                    settings: DriftSettings(features: ["x": .init(method: .psi, threshold: 0.001)]))
        #expect(psi.features[0].method == .psi && psi.features[0].score == psi.features[0].psi && psi.features[0].drifted)
    }

    @Test func missingValuesAndMismatchedColumnsAreHandled() {
        let ref = [Column.numeric("x", [1, 2, .nan, 3, 4, 5, 6]), .numeric("only_ref", [1]), .categorical("k", ["a", nil, "b"])]
        let cur = [Column.numeric("x", [1, 2, 3, .infinity, 4, 5, 9]), .numeric("k", [1, 2]), .numeric("only_cur", [1])]
        let result = ExactDrift.analyze(reference: ref, current: cur, settings: DriftSettings())
        #expect(result.report.features.map(\.feature) == ["x"])
        #expect(result.report.features[0].referenceCount == 6 && result.report.features[0].currentCount == 6)
        #expect(Set(result.skipped.map(\.name)) == ["only_ref", "k", "only_cur"])
    }
}
