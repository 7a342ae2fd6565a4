import Foundation

/// Default relative tolerances for comparing a production quality metric with the version's own
/// evaluation metric of the same name: ±20 % for classification metrics, ±10 % for regression
/// metrics (the same defaults as `QualityTolerance` in StewardMonitoring; StewardCore does not
/// depend on that module, so the table is repeated here).
public enum ReferenceTolerance {
    public static let classification: Set<String> = ["accuracy", "precision", "recall", "f1", "roc_auc", "log_loss"]
    public static let regression: Set<String> = ["me", "mae", "rmse", "mape", "r2", "max_error"]
    public static let classificationTolerance = 0.2
    public static let regressionTolerance = 0.1

    /// The default tolerance of a metric; nil when it is neither a classification nor a regression metric.
    public static func defaultTolerance(for metric: String) -> Double? {
        if classification.contains(metric) { return classificationTolerance }
        if regression.contains(metric) { return regressionTolerance }
        return nil
    }

    static var knownMetrics: String { (classification.sorted() + regression.sorted()).joined(separator: ", ") }

    /// True when `value` lies outside `reference` ± `tolerance` (relative). A zero reference only
    /// accepts zero (up to 1e-12), since there is no scale to be relative to.
    public static func isOutside(_ value: Double, reference: Double, tolerance: Double) -> Bool {
        let allowed = abs(reference) * tolerance
        return abs(value - reference) > max(allowed, 1e-12)
    }
}
