import Foundation

/// One value of one monitoring metric for one model version over one time window: a drift score
/// of a feature, the dataset drift share, a quality metric, a row count. The background evaluator
/// (or an external system through the API) records them; alert rules are evaluated on them.
///
/// A point is identified by (model version, metric, feature, window start): recording the same
/// window again replaces its value, so a recomputed window (late labels, a replayed batch) never
/// duplicates a point.
public struct MetricPoint: Sendable, Equatable {
    public var modelName: String
    public var version: Int
    /// Lowercase name such as `drift_score`, `dataset_drift_share`, `accuracy`, `rows`.
    public var metric: String
    /// The feature the value is about (drift per feature); nil for whole-window metrics.
    public var feature: String?
    public var windowStart: Date
    public var windowEnd: Date
    public var value: Double

    public init(modelName: String, version: Int, metric: String, feature: String? = nil, windowStart: Date, windowEnd: Date, value: Double) {
        self.modelName = modelName
        self.version = version
        self.metric = metric
        self.feature = feature
        self.windowStart = windowStart
        self.windowEnd = windowEnd
        self.value = value
    }

    /// The most points one call may record (a window of a wide model is a few hundred).
    public static let maxBatch = 10_000

    /// Checks a metric name: 1–64 characters of `a-z`, `0-9`, `_` and `.`, starting with a letter.
    public static func validateMetric(_ metric: String, field: String = "metric") throws {
        let scalars = Array(metric.unicodeScalars)
        guard let first = scalars.first, ("a"..."z").contains(first), scalars.count <= 64,
              scalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "." }) else {
            throw DomainError.invalidField(field, "'\(metric.prefix(64))' is not a metric name: 1-64 characters of a-z, 0-9, '_' and '.', starting with a letter")
        }
    }

    /// Checks a feature name: 1–256 characters, no control characters.
    public static func validateFeature(_ feature: String, field: String = "feature") throws {
        guard !feature.isEmpty, feature.utf8.count <= 256, !feature.containsControlCharacter else {
            throw DomainError.invalidField(field, "feature names are 1-256 bytes without control characters")
        }
    }

    /// Validates a batch; every problem is reported at once, with the index of the point.
    public static func validate(_ points: [MetricPoint]) throws {
        var validator = Validator()
        validator.check(points.count <= maxBatch, "points", "at most \(maxBatch) points per call")
        for (index, point) in points.prefix(maxBatch).enumerated() where validator.errors.count < 20 {
            let field = "points[\(index)]"
            validator.capture { try Names.modelName(point.modelName, field: field + ".model") }
            validator.check(point.version >= 1, field + ".version", "must be a positive version number")
            validator.capture { try validateMetric(point.metric, field: field + ".metric") }
            if let feature = point.feature { validator.capture { try validateFeature(feature, field: field + ".feature") } }
            validator.check(point.windowEnd > point.windowStart, field + ".window_end", "must be after window_start")
            validator.check(point.value.isFinite, field + ".value", "must be a finite number")
        }
        try validator.finish()
    }
}

/// A metric (and feature) that has points for a model version, with how many and over which span.
public struct MetricSeriesInfo: Sendable, Equatable {
    public var metric: String
    public var feature: String?
    public var points: Int
    public var firstWindowStart: Date
    public var lastWindowEnd: Date

    public init(metric: String, feature: String?, points: Int, firstWindowStart: Date, lastWindowEnd: Date) {
        self.metric = metric
        self.feature = feature
        self.points = points
        self.firstWindowStart = firstWindowStart
        self.lastWindowEnd = lastWindowEnd
    }
}
