import Foundation
import StewardCore
import StewardMonitoring

/// Turns labelled predictions into StewardMonitoring's quality metrics, under the metric names of
/// the series (`accuracy`, `precision`, `recall`, `f1`, `roc_auc`, `log_loss`; `mean_error`,
/// `mae`, `rmse`, `mape`, `r2`, `max_error`), and checks them against the version's evaluation
/// metrics with the default tolerances (±20 % classification, ±10 % regression).
enum QualityAdapter {
    static func metrics(_ labelled: [LabelledPrediction], task: MonitorTask, positiveClass: String?) -> [String: Double] {
        switch task {
        case .classification:
            let probabilities = labelled.map { Monitoring.probabilities($0.probabilities) }
            let withProbabilities = probabilities.allSatisfy { !$0.isEmpty }
            return ClassificationQuality.compute(labels: labelled.map(\.label), predictions: labelled.map(\.prediction),
                                                 probabilities: withProbabilities ? probabilities : nil, positiveClass: positiveClass).values
        case .regression:
            // Rows whose label or prediction is not a number are left out (the label kind is the caller's promise).
            let pairs = labelled.compactMap { row -> (Double, Double)? in
                guard let label = Double(row.label), let prediction = Double(row.prediction) else { return nil }
                return (label, prediction)
            }
            guard !pairs.isEmpty else { return [:] }
            return RegressionQuality.compute(labels: pairs.map(\.0), predictions: pairs.map(\.1)).values
        }
    }

    /// Whether each metric stays within the default tolerance of the version's evaluation metric.
    static func tolerance(current: [String: Double], reference: [String: Double], task: MonitorTask) -> [String: Bool] {
        QualityTolerance().check(current: current, reference: reference)
    }
}
