import Foundation

/// What a caller sends to create a rule, or (every field optional) to change one.
public struct AlertRuleDraft: Sendable, Equatable {
    public var name: String?
    public var metric: String?
    /// `.some(nil)` clears the feature on update.
    public var feature: String??
    public var versions: String?
    public var condition: String?
    public var threshold: Double??
    public var windows: Int?
    public var clearWindows: Int?
    public var coolDownSeconds: Int?
    public var severity: String?
    public var enabled: Bool?
    /// The pipeline URL; an empty string removes the trigger on update.
    public var triggerURL: String?
    /// A `whsec_` secret to sign with; generated when absent.
    public var triggerSecret: String?
    public var description: String?

    public init(name: String? = nil, metric: String? = nil, feature: String?? = nil, versions: String? = nil, condition: String? = nil,
                threshold: Double?? = nil, windows: Int? = nil, clearWindows: Int? = nil, coolDownSeconds: Int? = nil, severity: String? = nil,
                enabled: Bool? = nil, triggerURL: String? = nil, triggerSecret: String? = nil, description: String? = nil) {
        self.name = name
        self.metric = metric
        self.feature = feature
        self.versions = versions
        self.condition = condition
        self.threshold = threshold
        self.windows = windows
        self.clearWindows = clearWindows
        self.coolDownSeconds = coolDownSeconds
        self.severity = severity
        self.enabled = enabled
        self.triggerURL = triggerURL
        self.triggerSecret = triggerSecret
        self.description = description
    }

    /// Applies the draft onto `rule` (a new rule starts from the defaults) and validates the
    /// result; every problem is reported at once (400 `validation_failed`).
    func apply(to rule: inout AlertRule) throws {
        var validator = Validator()
        if let name {
            validator.capture { try AlertRule.validateName(name) }
            rule.name = name
        }
        if let metric {
            validator.capture { try MetricPoint.validateMetric(metric) }
            rule.metric = metric
        }
        if let feature {
            if let feature, feature != "*" { validator.capture { try MetricPoint.validateFeature(feature) } }
            rule.feature = feature
        }
        if let versions { validator.capture { rule.versions = try VersionSelector(parsing: versions) } }
        if let condition {
            if let parsed = AlertCondition(rawValue: condition) { rule.condition = parsed } else {
                validator.add("condition", "must be one of above, below, outside_reference")
            }
        }
        if let threshold { rule.threshold = threshold }
        if let windows { rule.windows = windows }
        if let clearWindows { rule.clearWindows = clearWindows }
        if let coolDownSeconds { rule.coolDownSeconds = coolDownSeconds }
        if let severity {
            if let parsed = AlertSeverity(rawValue: severity) { rule.severity = parsed } else {
                validator.add("severity", "must be one of info, warning, critical")
            }
        }
        if let enabled { rule.enabled = enabled }
        if let description {
            Names.description(description, into: &validator)
            rule.description = description
        }
        if let triggerURL {
            if triggerURL.isEmpty { rule.trigger = nil } else {
                validator.capture { _ = try WebhookAddress.validateForm(triggerURL, field: "retraining_trigger.url") }
                rule.trigger = RetrainingTrigger(url: triggerURL, secret: triggerSecret ?? rule.trigger?.secret ?? WebhookSecret.generate())
            }
        }
        if let triggerSecret, rule.trigger != nil {
            if let key = WebhookSecret.keyBytes(triggerSecret), key.count >= 24 { rule.trigger?.secret = triggerSecret } else {
                validator.add("retraining_trigger.secret", "must be 'whsec_' and the base64 of at least 24 random bytes (leave it out to have one generated)")
            }
        }
        validator.check(!rule.name.isEmpty, "name", "is required")
        validator.check(!rule.metric.isEmpty, "metric", "is required")
        validator.check((1...1000).contains(rule.windows), "windows", "must be between 1 and 1000")
        validator.check((1...1000).contains(rule.clearWindows), "clear_windows", "must be between 1 and 1000")
        validator.check((0...31_536_000).contains(rule.coolDownSeconds), "cool_down_seconds", "must be between 0 and 31536000 (a year)")
        switch rule.condition {
        case .above, .below:
            if let threshold = rule.threshold {
                validator.check(threshold.isFinite, "threshold", "must be a finite number")
            } else {
                validator.add("threshold", "is required for condition \(rule.condition.rawValue)")
            }
        case .outsideReference:
            if let tolerance = rule.threshold {
                validator.check(tolerance.isFinite && tolerance > 0 && tolerance <= 10, "threshold",
                                "for outside_reference is a relative tolerance (0 < t <= 10, e.g. 0.2 for ±20 %)")
            } else if !rule.metric.isEmpty && ReferenceTolerance.defaultTolerance(for: rule.metric) == nil {
                validator.add("threshold", "'\(rule.metric)' has no default tolerance (known: \(ReferenceTolerance.knownMetrics)); give a relative tolerance")
            }
        }
        try validator.finish()
    }
}
