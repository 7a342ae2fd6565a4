import Foundation
import StewardCore

/// `AlertRuleCreate` / `AlertRuleUpdate` in openapi.yaml. Decoded by hand so that an explicit
/// `"feature": null`, `"threshold": null` or `"retraining_trigger": null` (clear it) differs from
/// leaving the field out (keep it).
struct AlertRuleRequestBody: Decodable {
    var draft = AlertRuleDraft()

    enum CodingKeys: String, CodingKey {
        case name, metric, feature, versions, condition, threshold, windows, severity, enabled, description
        case clearWindows = "clear_windows", coolDownSeconds = "cool_down_seconds", trigger = "retraining_trigger"
    }
    struct Trigger: Decodable { var url: String; var secret: String? }

    init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        draft.name = try c.decodeIfPresent(String.self, forKey: .name)
        draft.metric = try c.decodeIfPresent(String.self, forKey: .metric)
        if c.contains(.feature) { draft.feature = .some(try c.decodeIfPresent(String.self, forKey: .feature)) }
        if let versions = try? c.decodeIfPresent(Int.self, forKey: .versions) { draft.versions = String(versions) } else {
            draft.versions = try c.decodeIfPresent(String.self, forKey: .versions)
        }
        draft.condition = try c.decodeIfPresent(String.self, forKey: .condition)
        if c.contains(.threshold) { draft.threshold = .some(try c.decodeIfPresent(Double.self, forKey: .threshold)) }
        draft.windows = try c.decodeIfPresent(Int.self, forKey: .windows)
        draft.clearWindows = try c.decodeIfPresent(Int.self, forKey: .clearWindows)
        draft.coolDownSeconds = try c.decodeIfPresent(Int.self, forKey: .coolDownSeconds)
        draft.severity = try c.decodeIfPresent(String.self, forKey: .severity)
        draft.enabled = try c.decodeIfPresent(Bool.self, forKey: .enabled)
        draft.description = try c.decodeIfPresent(String.self, forKey: .description)
        if c.contains(.trigger) {
            let trigger = try c.decodeIfPresent(Trigger.self, forKey: .trigger)
            draft.triggerURL = trigger?.url ?? ""
            draft.triggerSecret = trigger?.secret
        }
    }
}

/// `MetricPointsRecord` in openapi.yaml: points of one version, pushed by an external system.
struct MetricPointsRequestBody: Decodable {
    struct Point: Decodable {
        var metric: String
        var feature: String?
        var windowStart: String
        var windowEnd: String
        var value: Double
        enum CodingKeys: String, CodingKey { case metric, feature, value, windowStart = "window_start", windowEnd = "window_end" }
    }
    var points: [Point]

    func metricPoints(model: String, version: Int) throws -> [MetricPoint] {
        var validator = Validator()
        let result = points.enumerated().map { index, point -> MetricPoint in
            let start = Timestamp.parse(point.windowStart), end = Timestamp.parse(point.windowEnd)
            validator.check(start != nil, "points[\(index)].window_start", "must be an RFC 3339 timestamp")
            validator.check(end != nil, "points[\(index)].window_end", "must be an RFC 3339 timestamp")
            return MetricPoint(modelName: model, version: version, metric: point.metric, feature: point.feature,
                               windowStart: start ?? .distantPast, windowEnd: end ?? .distantPast, value: point.value)
        }
        try validator.finish()
        return result
    }
}

/// JSON forms of the alerting values (`AlertRule`, `Alert`, `MetricPoint` in openapi.yaml).
enum AlertWire {
    static func time(_ date: Date?) -> JSONValue { date.map { .string(Timestamp.format($0)) } ?? .null }

    /// A rule; the trigger's secret only when `showSecret` (the answer to the call that set it).
    static func rule(_ rule: AlertRule, showSecret: Bool = false) -> JSONValue {
        var trigger: JSONValue = .null
        if let value = rule.trigger {
            trigger = showSecret ? .object(["url": .string(value.url), "secret": .string(value.secret)]) : .object(["url": .string(value.url)])
        }
        return .object([
            "name": .string(rule.name), "model": .string(rule.modelName), "metric": .string(rule.metric),
            "feature": rule.feature.map(JSONValue.string) ?? .null, "versions": .string(rule.versions.text),
            "condition": .string(rule.condition.rawValue), "threshold": rule.threshold.map(JSONValue.number) ?? .null,
            "windows": .number(Double(rule.windows)), "clear_windows": .number(Double(rule.clearWindows)),
            "cool_down_seconds": .number(Double(rule.coolDownSeconds)), "severity": .string(rule.severity.rawValue),
            "enabled": .bool(rule.enabled), "description": .string(rule.description), "retraining_trigger": trigger,
            "created_by": .string(rule.createdBy), "created_at": time(rule.createdAt), "updated_at": time(rule.updatedAt),
        ])
    }

    static func windows(_ list: [AlertWindow]) -> JSONValue {
        .array(list.map { .object(["start": time($0.start), "end": time($0.end), "value": .number($0.value)]) })
    }

    static func alert(_ alert: Alert) -> JSONValue {
        .object([
            "id": .string(alert.id), "rule": .string(alert.ruleName), "model": .string(alert.modelName), "version": .number(Double(alert.version)),
            "feature": alert.feature.map(JSONValue.string) ?? .null, "metric": .string(alert.metric), "condition": .string(alert.condition.rawValue),
            "threshold": alert.threshold.map(JSONValue.number) ?? .null, "reference": alert.reference.map(JSONValue.number) ?? .null,
            "severity": .string(alert.severity.rawValue), "state": .string(alert.state.rawValue), "opened_at": time(alert.openedAt),
            "closed_at": time(alert.closedAt), "opening_windows": windows(alert.openingWindows), "closing_windows": windows(alert.closingWindows),
            "acknowledged_by": alert.acknowledgedBy.map(JSONValue.string) ?? .null, "acknowledged_at": time(alert.acknowledgedAt),
            "retraining_triggered": .bool(alert.triggered),
        ])
    }

    static func transitions(_ list: [AlertTransition]) -> JSONValue {
        .array(list.map { .object(["kind": .string($0.kind.rawValue), "alert": alert($0.alert)]) })
    }

    static func point(_ point: MetricPoint) -> JSONValue {
        .object(["window_start": time(point.windowStart), "window_end": time(point.windowEnd), "value": .number(point.value)])
    }

    static func seriesInfo(_ info: MetricSeriesInfo) -> JSONValue {
        .object(["metric": .string(info.metric), "feature": info.feature.map(JSONValue.string) ?? .null, "points": .number(Double(info.points)),
                 "first_window_start": time(info.firstWindowStart), "last_window_end": time(info.lastWindowEnd)])
    }
}
