/// How far a window's quality may move from the reference (the version's evaluation metrics)
/// before it counts as degraded: Evidently's `Reference(relative=…)`, ±20 % for classification
/// metrics and ±10 % for regression metrics, in either direction.
public struct QualityTolerance: Sendable, Codable, Hashable {
    public static let classificationMetrics: Set<String> = ["accuracy", "precision", "recall", "f1", "roc_auc", "log_loss"]

    public var classification: Double
    public var regression: Double
    /// Per-metric relative tolerances that win over the two defaults.
    public var overrides: [String: Double]

    public init(classification: Double = 0.2, regression: Double = 0.1, overrides: [String: Double] = [:]) {
        self.classification = classification
        self.regression = regression
        self.overrides = overrides
    }

    /// The relative tolerance of `metric`.
    public func tolerance(for metric: String) -> Double {
        overrides[metric] ?? (Self.classificationMetrics.contains(metric) ? classification : regression)
    }

    /// For every metric present in both: true when |current − reference| ≤ tolerance·|reference|.
    public func check(current: [String: Double], reference: [String: Double]) -> [String: Bool] {
        var result: [String: Bool] = [:]
        for (metric, value) in current {
            guard let base = reference[metric], value.isFinite, base.isFinite else { continue }
            result[metric] = abs(value - base) <= tolerance(for: metric) * abs(base) + 1e-12
        }
        return result
    }
}
