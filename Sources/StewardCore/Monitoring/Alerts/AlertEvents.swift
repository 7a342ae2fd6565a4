import Foundation

/// The outbox events of alerting. `monitoring.alert_opened` and `monitoring.alert_resolved` go to
/// subscriptions (webhooks, feed) like every other event; `monitoring.retraining_requested` is the
/// body of a rule's retraining trigger, sent to the rule's pipeline URL only.
public enum AlertEvents {
    public static let opened = "monitoring.alert_opened"
    public static let resolved = "monitoring.alert_resolved"
    public static let acknowledged = "monitoring.alert_acknowledged"
    public static let retrainingRequested = "monitoring.retraining_requested"

    /// An event about an alert: its summary, plus `extra` fields.
    public static func event(_ type: String, _ alert: Alert, extra: [String: JSONValue] = [:], at now: Date) -> DomainEvent {
        var fields: [String: JSONValue] = ["alert": alert.summary, "model": .string(alert.modelName), "version": .number(Double(alert.version)),
                                           "rule": .string(alert.ruleName), "severity": .string(alert.severity.rawValue),
                                           "time": .string(Timestamp.format(now))]
        fields.merge(extra) { _, new in new }
        return DomainEvent(type: type, model: alert.modelName, payload: .object(fields), createdAt: now)
    }
}

/// The evidence a retraining trigger carries: model, version and its aliases, rule, metric, the
/// windows that opened the alert with their values, the features' drift scores in those windows
/// (read from the recorded points) with the drifted ones named, and the reference (the version's
/// evaluation metrics, and the value and tolerance compared with).
enum RetrainingEvidence {
    static func build(_ tx: any AlertReader, rule: AlertRule, alert: Alert, version: ModelVersion) async throws -> JSONValue {
        let starts = alert.openingWindows.map(\.start)
        let points = try await tx.points(modelID: alert.modelID, version: alert.version, windowStarts: starts)
        var scores: [String: [(start: Date, value: Double)]] = [:]
        var detected: Set<String> = []
        for point in points {
            guard let feature = point.feature else { continue }
            if point.metric == "drift_score" { scores[feature, default: []].append((point.windowStart, point.value)) }
            if point.metric == "drift_detected" && point.value >= 0.5 { detected.insert(feature) }
        }
        // Without explicit flags, a drift_score rule names the features that breached it.
        if rule.metric == "drift_score" {
            for (feature, list) in scores where list.contains(where: { AlertEvaluator.breaches(rule, $0.value, reference: nil) == true }) {
                detected.insert(feature)
            }
        }
        let features: [JSONValue] = scores.keys.sorted().map { feature in
            let list = scores[feature]!.sorted { $0.start < $1.start }
            return .object(["feature": .string(feature), "drifted": .bool(detected.contains(feature)),
                            "max_score": .number(list.map(\.value).max() ?? 0),
                            "scores": .array(list.map { .object(["window_start": .string(Timestamp.format($0.start)), "value": .number($0.value)]) })])
        }
        let aliases = try await tx.registryReader.aliases(modelID: alert.modelID).filter { $0.version == alert.version }.map(\.name).sorted()
        let ruleAlias: JSONValue = if case .alias(let name) = rule.versions { .string(name) } else { aliases.first.map(JSONValue.string) ?? .null }
        return .object([
            "alert_id": .string(alert.id), "model": .string(alert.modelName), "version": .number(Double(alert.version)),
            "alias": ruleAlias, "aliases": .array(aliases.map(JSONValue.string)),
            "rule": rule.auditSummary, "metric": .string(alert.metric), "feature": alert.feature.map(JSONValue.string) ?? .null,
            "severity": .string(alert.severity.rawValue),
            "windows": .array(alert.openingWindows.map { .object(["start": .string(Timestamp.format($0.start)), "end": .string(Timestamp.format($0.end)),
                                                                  "value": .number($0.value)]) }),
            "drifted_features": .array(detected.sorted().map(JSONValue.string)), "features": .array(features),
            "reference": .object(["value": alert.reference.map(JSONValue.number) ?? .null, "threshold": alert.threshold.map(JSONValue.number) ?? .null,
                                  "condition": .string(alert.condition.rawValue),
                                  "evaluation_metrics": .object(version.metrics.mapValues(JSONValue.number))]),
            "opened_at": .string(Timestamp.format(alert.openedAt)),
        ])
    }
}
