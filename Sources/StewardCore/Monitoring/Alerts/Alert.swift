import Foundation

/// One window of a series with its value: the evidence an alert keeps.
public struct AlertWindow: Sendable, Equatable {
    public var start: Date
    public var end: Date
    public var value: Double

    public init(start: Date, end: Date, value: Double) {
        self.start = start
        self.end = end
        self.value = value
    }
}

/// An alert: a rule's series (version, feature) breached for enough consecutive windows. It stays
/// open until enough consecutive healthy windows close it. Alerts are never deleted: closed ones
/// are the history of a model's incidents.
public struct Alert: Sendable, Equatable {
    public enum State: String, Sendable, Equatable, CaseIterable { case open, closed }

    public var id: String
    public var ruleID: String
    /// The rule's name when the alert opened (the rule may be renamed or deleted later).
    public var ruleName: String
    public var modelID: String
    public var modelName: String
    public var version: Int
    public var feature: String?
    public var metric: String
    public var condition: AlertCondition
    /// The threshold or (outside_reference) the tolerance in force when it opened.
    public var threshold: Double?
    /// The version's evaluation metric compared with (outside_reference).
    public var reference: Double?
    public var severity: AlertSeverity
    public var state: State
    public var openedAt: Date
    public var closedAt: Date?
    /// The breaching windows that opened it, oldest first.
    public var openingWindows: [AlertWindow]
    /// The healthy windows that closed it, oldest first (empty when its rule was deleted).
    public var closingWindows: [AlertWindow]
    public var acknowledgedBy: String?
    public var acknowledgedAt: Date?
    /// Whether opening it queued the rule's retraining trigger.
    public var triggered: Bool

    public init(id: String, ruleID: String, ruleName: String, modelID: String, modelName: String, version: Int, feature: String?, metric: String,
                condition: AlertCondition, threshold: Double?, reference: Double?, severity: AlertSeverity, state: State, openedAt: Date,
                closedAt: Date? = nil, openingWindows: [AlertWindow], closingWindows: [AlertWindow] = [], acknowledgedBy: String? = nil,
                acknowledgedAt: Date? = nil, triggered: Bool = false) {
        self.id = id
        self.ruleID = ruleID
        self.ruleName = ruleName
        self.modelID = modelID
        self.modelName = modelName
        self.version = version
        self.feature = feature
        self.metric = metric
        self.condition = condition
        self.threshold = threshold
        self.reference = reference
        self.severity = severity
        self.state = state
        self.openedAt = openedAt
        self.closedAt = closedAt
        self.openingWindows = openingWindows
        self.closingWindows = closingWindows
        self.acknowledgedBy = acknowledgedBy
        self.acknowledgedAt = acknowledgedAt
        self.triggered = triggered
    }

    /// What audit entries and events record of it.
    public var summary: JSONValue {
        func windows(_ list: [AlertWindow]) -> JSONValue {
            .array(list.map { .object(["start": .string(Timestamp.format($0.start)), "end": .string(Timestamp.format($0.end)), "value": .number($0.value)]) })
        }
        return .object([
            "id": .string(id), "rule": .string(ruleName), "model": .string(modelName), "version": .number(Double(version)),
            "feature": feature.map(JSONValue.string) ?? .null, "metric": .string(metric), "condition": .string(condition.rawValue),
            "threshold": threshold.map(JSONValue.number) ?? .null, "reference": reference.map(JSONValue.number) ?? .null,
            "severity": .string(severity.rawValue), "state": .string(state.rawValue), "opened_at": .string(Timestamp.format(openedAt)),
            "closed_at": closedAt.map { .string(Timestamp.format($0)) } ?? .null,
            "opening_windows": windows(openingWindows), "closing_windows": windows(closingWindows),
        ])
    }
}

/// An alert that opened or resolved while points were recorded.
public struct AlertTransition: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case opened, resolved }
    public var kind: Kind
    public var alert: Alert

    public init(kind: Kind, alert: Alert) {
        self.kind = kind
        self.alert = alert
    }
}

/// Which alerts to list.
public struct AlertQuery: Sendable, Equatable {
    public var modelID: String?
    public var state: Alert.State?
    /// Only alerts of models this scope may read (the all-models list).
    public var visibility: VisibilityScope?
    /// Keyset position: alerts strictly older than (opened millis, id).
    public var after: PromotionCursor?
    public var limit: Int

    public init(modelID: String? = nil, state: Alert.State? = nil, visibility: VisibilityScope? = nil, after: PromotionCursor? = nil, limit: Int = 100) {
        self.modelID = modelID
        self.state = state
        self.visibility = visibility
        self.after = after
        self.limit = limit
    }
}
