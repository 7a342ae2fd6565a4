import Foundation
import StewardCore
import StewardMonitoring

/// One feature's drift verdict on the wire.
struct FeatureDriftBody: Encodable {
    let feature: String
    let kind: String
    let method: String
    let score: Double
    let threshold: Double
    let drifted: Bool
    let psi: Double?
    let referenceCount: Int
    let currentCount: Int

    init(_ drift: FeatureDrift) {
        feature = drift.feature
        kind = drift.kind.rawValue
        method = drift.method.rawValue
        score = drift.score.isFinite ? drift.score : 0
        threshold = drift.threshold
        drifted = drift.drifted
        psi = drift.psi.flatMap { $0.isFinite ? $0 : nil }
        referenceCount = drift.referenceCount
        currentCount = drift.currentCount
    }

    enum CodingKeys: String, CodingKey {
        case feature, kind, method, score, threshold, drifted, psi, referenceCount = "reference_count", currentCount = "current_count"
    }
}

/// Quality against the version's evaluation metrics on the wire.
struct QualityBody: Encodable {
    let labelled: Int
    let metrics: [String: Double]
    let reference: [String: Double]
    let withinTolerance: [String: Bool]

    init(_ quality: QualitySummary) {
        labelled = quality.labelled
        metrics = quality.metrics.filter { $0.value.isFinite }
        reference = quality.reference
        withinTolerance = quality.withinTolerance
    }

    enum CodingKeys: String, CodingKey { case labelled, metrics, reference, withinTolerance = "within_tolerance" }
}

/// `GET …/monitoring/drift`.
struct DriftReportBody: Encodable {
    let model: String
    let version: Int
    let from: String
    let to: String
    let baseline: JSONValue
    let referenceRows: Int
    let currentRows: Int
    let exact: Bool
    let features: [FeatureDriftBody]
    let prediction: FeatureDriftBody?
    let driftedCount: Int
    let driftedShare: Double
    let driftShare: Double
    let datasetDrifted: Bool
    let quality: QualityBody?

    init(_ inputs: ReportInputs, from: Date, to: Date, baseline: ReportBaseline) throws {
        let baselineProfile = try MonitoringMath.baseline(reference: inputs.reference, partials: inputs.baselinePartials)
        guard let baselineProfile else {
            throw DomainError(.conflict, code: baseline == .reference ? "reference_not_set" : "baseline_empty",
                              baseline == .reference ? "The version has no reference profile; set one with PUT …/monitoring/reference or pass baseline=FROM,TO."
                                  : "No rows were logged in the baseline windows.")
        }
        let current = SketchProfiler.merge(inputs.partials).profile
        let report = try MonitoringMath.drift(baseline: baselineProfile, current: current, settings: inputs.settings)!
        model = inputs.model
        version = inputs.version
        self.from = Timestamp.format(from)
        self.to = Timestamp.format(to)
        switch baseline {
        case .reference: self.baseline = ["kind": "reference", "source": inputs.reference?.source ?? .null]
        case .windows(let start, let end): self.baseline = ["kind": "windows", "from": .string(Timestamp.format(start)), "to": .string(Timestamp.format(end))]
        }
        referenceRows = baselineProfile.rows
        currentRows = current.rows
        exact = report.exact
        features = report.features.map(FeatureDriftBody.init)
        prediction = report.prediction.map(FeatureDriftBody.init)
        driftedCount = report.driftedCount
        driftedShare = report.driftedShare
        driftShare = report.driftShare
        datasetDrifted = report.datasetDrifted
        quality = MonitoringMath.quality(inputs.labelled, settings: inputs.settings, versionMetrics: inputs.versionMetrics).map(QualityBody.init)
    }

    enum CodingKeys: String, CodingKey {
        case model, version, from, to, baseline, referenceRows = "reference_rows", currentRows = "current_rows", exact, features, prediction
        case driftedCount = "drifted_count", driftedShare = "drifted_share", driftShare = "drift_share", datasetDrifted = "dataset_drifted", quality
    }
}

/// `GET …/monitoring/windows`.
struct WindowListBody: Encodable {
    struct Window: Encodable {
        let start: String
        let end: String
        let rows: Int
        let rejected: [String: Int]
        let rejectedTotal: Int
        let labelled: Int
        let driftedShare: Double?
        let datasetDrifted: Bool?
        let quality: QualityBody?

        enum CodingKeys: String, CodingKey {
            case start, end, rows, rejected, rejectedTotal = "rejected_total", labelled, driftedShare = "drifted_share"
            case datasetDrifted = "dataset_drifted", quality
        }
    }

    let model: String
    let version: Int
    let windows: [Window]

    init(_ summaries: [WindowSummary], inputs: ReportInputs) throws {
        let reference = try MonitoringMath.baseline(reference: inputs.reference, partials: nil)
        let partials = Dictionary(grouping: inputs.partials, by: \.windowStart)
        let labelled = Dictionary(grouping: inputs.labelled, by: \.windowStart)
        model = inputs.model
        version = inputs.version
        windows = try summaries.map { summary in
            let current = SketchProfiler.merge(partials[summary.windowStart] ?? []).profile
            let drift = current.rows > 0 ? try MonitoringMath.drift(baseline: reference, current: current, settings: inputs.settings) : nil
            let quality = MonitoringMath.quality(labelled[summary.windowStart] ?? [], settings: inputs.settings, versionMetrics: inputs.versionMetrics)
            return Window(start: Timestamp.format(Timestamp.date(milliseconds: summary.windowStart)),
                          end: Timestamp.format(Timestamp.date(milliseconds: summary.windowStart + Int64(summary.windowSeconds) * 1000)),
                          rows: summary.rows, rejected: summary.rejected, rejectedTotal: summary.rejectedTotal, labelled: summary.labelled,
                          driftedShare: drift?.driftedShare, datasetDrifted: drift?.datasetDrifted, quality: quality.map(QualityBody.init))
        }
    }
}
