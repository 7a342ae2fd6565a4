import Foundation

/// What a monitored version predicts.
public enum MonitorTask: String, Sendable, Codable, Equatable {
    case classification, regression
}

/// How a monitor groups and judges a version's production traffic. Stored per model version and
/// changed through `Monitoring.configure` (audited).
public struct MonitorSettings: Sendable, Codable, Equatable {
    /// Width of the fixed windows, aligned to the Unix epoch (default one hour).
    public var windowSeconds: Int
    /// Classification or regression; decides the quality metrics (nil: no quality metrics).
    public var task: MonitorTask?
    /// How predictions are summarised: `numeric` or `categorical` (default from the task:
    /// categorical for classification, numeric for regression).
    public var predictionKind: MonitorColumn.Kind?
    /// How labels are read (default like predictions).
    public var labelKind: MonitorColumn.Kind?
    /// The class whose precision/recall/F1 are reported for binary classification.
    public var positiveClass: String?
    /// Drift method and threshold overrides (the `DriftSettings` JSON of StewardMonitoring; the
    /// server checks it decodes before storing it).
    public var drift: JSONValue?

    public init(windowSeconds: Int = 3600, task: MonitorTask? = nil, predictionKind: MonitorColumn.Kind? = nil,
                labelKind: MonitorColumn.Kind? = nil, positiveClass: String? = nil, drift: JSONValue? = nil) {
        self.windowSeconds = windowSeconds
        self.task = task
        self.predictionKind = predictionKind
        self.labelKind = labelKind
        self.positiveClass = positiveClass
        self.drift = drift
    }

    enum CodingKeys: String, CodingKey {
        case windowSeconds = "window_seconds", task, predictionKind = "prediction_kind", labelKind = "label_kind"
        case positiveClass = "positive_class", drift
    }

    /// The prediction's kind after defaults.
    public var effectivePredictionKind: MonitorColumn.Kind {
        predictionKind ?? (task == .regression ? .numeric : .categorical)
    }

    /// The start (epoch ms) of the window holding `millis`: windows are aligned to the epoch, so
    /// every replica puts a row in the same window.
    public func windowStart(_ millis: Int64) -> Int64 {
        let width = Int64(windowSeconds) * 1000
        let floor = millis >= 0 ? millis / width : (millis - width + 1) / width
        return floor * width
    }

    /// Checks the fields a caller may set.
    public func validate() throws {
        var validator = Validator()
        validator.check(windowSeconds >= 1 && windowSeconds <= 31 * 86_400, "window_seconds", "must be between 1 and 2678400 (31 days)")
        validator.check(predictionKind != .unprofiled, "prediction_kind", "must be numeric or categorical")
        validator.check(labelKind != .unprofiled, "label_kind", "must be numeric or categorical")
        if let positiveClass { validator.check(!positiveClass.isEmpty && positiveClass.utf8.count <= 256, "positive_class", "must be 1 to 256 bytes") }
        if let drift {
            validator.check(drift.isObject, "drift", "must be an object")
            validator.check(drift.jsonText.utf8.count <= 65_536, "drift", "must be at most 64 KiB of JSON")
        }
        try validator.finish()
    }

    /// The fields the audit trail records.
    public var auditSummary: JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(self), let value = try? JSONDecoder().decode(JSONValue.self, from: data) else { return .null }
        return value
    }
}
