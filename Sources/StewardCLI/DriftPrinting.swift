import Foundation
import StewardMonitoring

/// What `steward drift` prints: the per-feature verdicts, the prediction's drift, the dataset
/// verdict and the skipped columns, as a table or as JSON with snake_case keys.
struct DriftOutput: Encodable {
    struct Feature: Encodable {
        var feature: String, kind: String, method: String
        var score: Double, statistic: Double?, threshold: Double, drifted: Bool, psi: Double?
        var referenceCount: Int, currentCount: Int

        init(_ drift: FeatureDrift) {
            (feature, kind, method) = (drift.feature, drift.kind.rawValue, drift.method.rawValue)
            (score, statistic, threshold, drifted, psi) = (drift.score, drift.statistic, drift.threshold, drift.drifted, drift.psi)
            (referenceCount, currentCount) = (drift.referenceCount, drift.currentCount)
        }

        enum CodingKeys: String, CodingKey {
            case feature, kind, method, score, statistic, threshold, drifted, psi
            case referenceCount = "reference_count", currentCount = "current_count"
        }
    }

    struct Skipped: Encodable {
        var column: String, reason: String
    }

    var features: [Feature]
    var prediction: Feature?
    var driftedCount: Int, featureCount: Int, driftedShare: Double, driftShare: Double, datasetDrifted: Bool
    var referenceRows: Int, currentRows: Int
    var skipped: [Skipped]
    var exact = true

    enum CodingKeys: String, CodingKey {
        case features, prediction, skipped, exact
        case driftedCount = "drifted_count", featureCount = "feature_count", driftedShare = "drifted_share"
        case driftShare = "drift_share", datasetDrifted = "dataset_drifted"
        case referenceRows = "reference_rows", currentRows = "current_rows"
    }

    init(result: ExactDrift.Result, skipped: [SkippedColumn], rows: (Int, Int)) {
        let report = result.report
        features = report.features.map(Feature.init)
        prediction = report.prediction.map(Feature.init)
        (driftedCount, featureCount) = (report.driftedCount, report.features.count)
        (driftedShare, driftShare, datasetDrifted) = (report.driftedShare, report.driftShare, report.datasetDrifted)
        (referenceRows, currentRows) = rows
        self.skipped = skipped.map { Skipped(column: $0.name, reason: $0.reason) }
    }

    /// The human-readable report.
    func table() -> String {
        var table = TableFormatter(headers: ["FEATURE", "KIND", "METHOD", "SCORE", "THRESHOLD", "DRIFTED", "PSI"])
        for feature in features + (prediction.map { [$0] } ?? []) {
            let name = feature.feature == prediction?.feature ? "\(feature.feature) (prediction)" : feature.feature
            table.append([name, feature.kind, feature.method, Self.number(feature.score), Self.number(feature.threshold),
                          feature.drifted ? "yes" : "no", feature.psi.map(Self.number) ?? "-"])
        }
        var lines = [table.render(), ""]
        let percent = String(format: "%.0f %%", driftedShare * 100), needed = String(format: "%.0f %%", driftShare * 100)
        lines.append("Dataset drift: \(datasetDrifted ? "YES" : "no") (\(driftedCount) of \(featureCount) features drifted, \(percent); drifts at \(needed))")
        lines.append("Rows: \(referenceRows) reference, \(currentRows) current (exact statistics)")
        for column in skipped { lines.append("Skipped \(column.column): \(column.reason)") }
        return lines.joined(separator: "\n")
    }

    /// Four significant digits, scientific for tiny p-values.
    static func number(_ value: Double) -> String {
        if value == 0 { return "0" }
        return abs(value) < 1e-4 ? String(format: "%.3e", value) : String(format: "%.4g", value)
    }
}
