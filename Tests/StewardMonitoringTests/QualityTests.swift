import Foundation
import Testing
@testable import StewardMonitoring

/// Quality metrics against scikit-learn (Fixtures/quality.json) and their edge cases.
@Suite struct QualityTests {
    let fixture: [String: Any]
    init() throws { fixture = try FixtureLoading.json("quality") }

    private func expect(_ values: [String: Double], _ expected: [String: Any], _ label: String) {
        for (metric, value) in expected {
            #expect(FixtureLoading.close(values[metric], value as! Double, relative: 1e-9, absolute: 1e-12), "\(label) \(metric): \(values[metric] ?? .nan)")
        }
    }

    @Test func binaryClassificationMatchesSklearn() {
        let binary = fixture["binary"] as! [String: Any]
        let p1 = binary["p1"] as! [Double]
        let quality = ClassificationQuality.compute(labels: binary["labels"] as! [String], predictions: binary["predictions"] as? [String],
                                                    probabilities: p1.map { ["0": 1 - $0, "1": $0] })
        expect(quality.values, binary["expected"] as! [String: Any], "binary")
        // Predictions derived from the probabilities with the 0.5 threshold give the same result.
        let derived = ClassificationQuality.compute(labels: binary["labels"] as! [String], predictions: nil,
                                                    probabilities: p1.map { ["0": 1 - $0, "1": $0] })
        #expect(derived == quality)
    }

    @Test func multiclassClassificationMatchesSklearn() {
        let multi = fixture["multiclass"] as! [String: Any]
        let rows = (multi["probabilities"] as! [[Double]]).map { row in Dictionary(uniqueKeysWithValues: row.enumerated().map { ("\($0)", $1) }) }
        let quality = ClassificationQuality.compute(labels: multi["labels"] as! [String], predictions: multi["predictions"] as? [String],
                                                    probabilities: rows)
        expect(quality.values, multi["expected"] as! [String: Any], "multiclass")
    }

    @Test func regressionMatchesNumpy() {
        let regression = fixture["regression"] as! [String: Any]
        let quality = RegressionQuality.compute(labels: regression["labels"] as! [Double], predictions: regression["predictions"] as! [Double])
        expect(quality.values, regression["expected"] as! [String: Any], "regression")
    }

    @Test func edgeCasesAreNilNeverNaN() {
        let empty = ClassificationQuality.compute(labels: [], predictions: [])
        #expect(empty.accuracy == nil && empty.values.isEmpty)
        let single = ClassificationQuality.compute(labels: ["1", "1"], predictions: ["1", "1"], probabilities: [["1": 0.9], ["1": 0.8]])
        #expect(single.accuracy == 1 && single.rocAUC == nil)
        let noPositives = ClassificationQuality.compute(labels: ["0", "1"], predictions: ["0", "0"])
        #expect(noPositives.precision == nil && noPositives.recall == 0)
        let zeroLabel = RegressionQuality.compute(labels: [0, 1], predictions: [0.5, 1])
        #expect(zeroLabel.mape == nil && zeroLabel.mae == 0.25)
        let constant = RegressionQuality.compute(labels: [2, 2], predictions: [1, 3])
        #expect(constant.r2 == nil && constant.maxError == 1)
        #expect(RegressionQuality.compute(labels: [], predictions: []).values.isEmpty)
        for value in Array(single.values.values) + Array(zeroLabel.values.values) { #expect(value.isFinite) }
    }

    @Test func tolerancesAreRelativeToTheReference() {
        let tolerance = QualityTolerance()
        let result = tolerance.check(current: ["accuracy": 0.7, "f1": 0.5, "rmse": 1.15, "mae": 1.05],
                                     reference: ["accuracy": 0.85, "f1": 0.8, "rmse": 1.0, "mae": 1.0])
        #expect(result == ["accuracy": true, "f1": false, "rmse": false, "mae": true])
        #expect(QualityTolerance(overrides: ["rmse": 0.2]).check(current: ["rmse": 1.15], reference: ["rmse": 1.0]) == ["rmse": true])
    }
}
