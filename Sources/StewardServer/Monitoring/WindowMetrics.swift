import Foundation
import StewardCore
import StewardMonitoring

/// The metric points of one window: `rows`, `rejected_rows`, `drift_score` and `drift_detected`
/// per feature, `dataset_drift_share` and `prediction_drift_score` (against the reference, when
/// one is set), and the quality metrics of its labelled rows (`accuracy`, `f1`, `rmse`, …).
enum WindowMetrics {
    static func points(_ window: ChangedWindow, monitoring: Monitoring) async throws -> [MetricPoint] {
        let system = Principal.system(job: "monitoring-evaluator")
        let target = MonitorTarget(model: window.modelName, version: window.version)
        let start = Timestamp.date(milliseconds: window.windowStart)
        let end = start.addingTimeInterval(TimeInterval(window.windowSeconds))
        let summary = try await monitoring.windows(target, from: start, to: end, limit: 1, by: system).windows.first
        let inputs = try await monitoring.reportInputs(target, from: start, to: end, by: system)
        var points: [MetricPoint] = []
        func add(_ metric: String, _ value: Double, feature: String? = nil) {
            guard value.isFinite else { return }
            points.append(MetricPoint(modelName: window.modelName, version: window.version, metric: metric, feature: feature,
                                      windowStart: start, windowEnd: end, value: value))
        }
        add("rows", Double(summary?.rows ?? 0))
        add("rejected_rows", Double(summary?.rejectedTotal ?? 0))
        let current = SketchProfiler.merge(inputs.partials).profile
        if current.rows > 0, let reference = try MonitoringMath.baseline(reference: inputs.reference, partials: nil),
           let drift = try MonitoringMath.drift(baseline: reference, current: current, settings: inputs.settings) {
            for feature in drift.features {
                add("drift_score", feature.score, feature: feature.feature)
                add("drift_detected", feature.drifted ? 1 : 0, feature: feature.feature)
            }
            add("dataset_drift_share", drift.driftedShare)
            if let prediction = drift.prediction { add("prediction_drift_score", prediction.score) }
        }
        if let quality = MonitoringMath.quality(inputs.labelled, settings: inputs.settings, versionMetrics: inputs.versionMetrics) {
            for (metric, value) in quality.metrics.sorted(by: { $0.key < $1.key }) { add(metric, value) }
        }
        return points
    }
}
