import Foundation
import StewardAPI

/// Tables for `steward monitor report` and `steward monitor windows`.
enum MonitorPrinting {
    typealias DriftReport = Components.Schemas.MonitorDriftReport
    typealias Window = Components.Schemas.MonitorWindow

    static func number(_ value: Double) -> String { String(format: "%.4f", value) }

    /// Feature, method, score, threshold, drifted; then the dataset verdict and quality vs reference.
    static func report(_ report: DriftReport) -> String {
        var table = TableFormatter(headers: ["FEATURE", "KIND", "METHOD", "SCORE", "THRESHOLD", "PSI", "DRIFTED"])
        for feature in report.features + (report.prediction.map { [$0] } ?? []) {
            table.append([feature.feature == "prediction" && feature == report.prediction ? "(prediction)" : feature.feature, feature.kind,
                          feature.method, number(feature.score), number(feature.threshold), feature.psi.map(number) ?? "-",
                          feature.drifted ? "yes" : "no"])
        }
        var lines = ["\(report.model) v\(report.version): \(Timestamp.format(report.from)) – \(Timestamp.format(report.to)), "
                     + "\(report.currentRows) rows against \(report.referenceRows) baseline rows", "", table.render(), ""]
        lines.append("Dataset drift: \(report.datasetDrifted ? "YES" : "no") (\(report.driftedCount) of \(report.features.count) features drifted, "
                     + "share \(number(report.driftedShare)), threshold \(number(report.driftShare)))")
        if let quality = report.quality {
            var metrics = TableFormatter(headers: ["METRIC", "CURRENT", "REFERENCE", "WITHIN TOLERANCE"])
            let reference = quality.reference.additionalProperties, within = quality.withinTolerance.additionalProperties
            for (name, value) in quality.metrics.additionalProperties.sorted(by: { $0.key < $1.key }) {
                metrics.append([name, number(value), reference[name].map(number) ?? "-", within[name].map { $0 ? "yes" : "NO" } ?? "-"])
            }
            lines += ["", "Quality (\(quality.labelled) labelled rows):", metrics.render()]
        } else {
            lines += ["", "Quality: no labelled rows (or no task configured)."]
        }
        return lines.joined(separator: "\n")
    }

    static func windows(_ windows: [Window]) -> String {
        var table = TableFormatter(headers: ["START", "ROWS", "REJECTED", "LABELLED", "DRIFT SHARE", "DATASET DRIFT", "QUALITY"])
        for window in windows {
            let quality = window.quality?.metrics.additionalProperties.sorted { $0.key < $1.key }.prefix(3)
                .map { "\($0.key) \(number($0.value))" }.joined(separator: ", ")
            table.append([Timestamp.format(window.start), String(window.rows), String(window.rejectedTotal), String(window.labelled),
                          window.driftedShare.map(number) ?? "-", window.datasetDrifted.map { $0 ? "yes" : "no" } ?? "-", quality ?? "-"])
        }
        return table.render()
    }
}
