import Foundation
import StewardCore
import StewardMonitoring

/// Quality of one range of windows: the metrics from joined labels, the version's evaluation
/// metrics of the same names, and whether each stays within tolerance.
struct QualitySummary: Sendable {
    var labelled: Int
    var metrics: [String: Double]
    var reference: [String: Double]
    var withinTolerance: [String: Bool]
}

/// The computations behind reports and the evaluator, from stored inputs: profiles merged on
/// read, sketch drift against the baseline, quality from labelled predictions.
enum MonitoringMath {
    /// The baseline profile: the stored reference, or the merge of baseline windows.
    static func baseline(reference: ReferenceRecord?, partials: [WindowPartial]?) throws -> WindowProfile? {
        if let partials { return partials.isEmpty ? nil : SketchProfiler.merge(partials).profile }
        guard let reference else { return nil }
        do {
            return try WindowProfile(encoded: reference.profile)
        } catch {
            throw DomainError(.unavailable, code: "reference_unreadable", "The stored reference profile cannot be read; set it again.")
        }
    }

    /// Sketch drift of `current` against `baseline` with the monitor's overrides (nil without a baseline).
    static func drift(baseline: WindowProfile?, current: WindowProfile, settings: MonitorSettings) throws -> DriftReport? {
        guard let baseline else { return nil }
        return SketchDrift.report(reference: baseline, current: current, settings: try DriftOverrides.settings(settings.drift))
    }

    /// Quality metrics of labelled predictions for the monitor's task (nil without a task or labels).
    static func quality(_ labelled: [LabelledPrediction], settings: MonitorSettings, versionMetrics: [String: Double]) -> QualitySummary? {
        guard let task = settings.task, !labelled.isEmpty else { return nil }
        let metrics = QualityAdapter.metrics(labelled, task: task, positiveClass: settings.positiveClass)
        let reference = versionMetrics.filter { metrics[$0.key] != nil }
        let within = QualityAdapter.tolerance(current: metrics, reference: reference, task: task)
        return QualitySummary(labelled: labelled.count, metrics: metrics, reference: reference, withinTolerance: within)
    }
}
