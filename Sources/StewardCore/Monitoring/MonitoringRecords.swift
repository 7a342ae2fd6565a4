import Foundation

/// A partial profile of one window: the sketches of the rows of one batch (or a compaction of
/// several), encoded by the `WindowProfiler`. A window's profile is the merge of its partials.
public struct WindowPartial: Sendable, Equatable {
    public var windowStart: Int64
    public var windowSeconds: Int
    public var rows: Int
    public var profile: [UInt8]

    public init(windowStart: Int64, windowSeconds: Int, rows: Int, profile: [UInt8]) {
        self.windowStart = windowStart
        self.windowSeconds = windowSeconds
        self.rows = rows
        self.profile = profile
    }
}

/// The slim record kept per accepted row, for label joins and quality: never the features.
public struct StoredPrediction: Sendable, Equatable {
    public var rowID: String
    public var windowStart: Int64
    /// Canonical text of the prediction (`FeatureValue.text`).
    public var prediction: String
    /// `{"class": p, …}` as JSON text, when logged.
    public var probabilities: String?

    public init(rowID: String, windowStart: Int64, prediction: String, probabilities: String?) {
        self.rowID = rowID
        self.windowStart = windowStart
        self.prediction = prediction
        self.probabilities = probabilities
    }
}

/// A prediction joined with its label.
public struct LabelledPrediction: Sendable, Equatable {
    public var windowStart: Int64
    public var prediction: String
    public var probabilities: String?
    public var label: String

    public init(windowStart: Int64, prediction: String, probabilities: String?, label: String) {
        self.windowStart = windowStart
        self.prediction = prediction
        self.probabilities = probabilities
        self.label = label
    }
}

/// A ground-truth label for a logged row.
public struct LabelRecord: Sendable, Equatable {
    public var rowID: String
    /// Canonical text of the label.
    public var label: String

    public init(rowID: String, label: String) {
        self.rowID = rowID
        self.label = label
    }
}

/// What one window holds, as listed.
public struct WindowSummary: Sendable, Equatable {
    public var windowStart: Int64
    public var windowSeconds: Int
    public var rows: Int
    public var rejected: [String: Int]
    public var labelled: Int
    public var changedAt: Date

    public init(windowStart: Int64, windowSeconds: Int, rows: Int, rejected: [String: Int] = [:], labelled: Int = 0, changedAt: Date) {
        self.windowStart = windowStart
        self.windowSeconds = windowSeconds
        self.rows = rows
        self.rejected = rejected
        self.labelled = labelled
        self.changedAt = changedAt
    }

    public var rejectedTotal: Int { rejected.values.reduce(0, +) }
}

/// A rejected row as stored.
public struct RejectedRow: Sendable, Equatable {
    public var sequence: Int64
    public var rowID: String?
    public var reason: String
    public var detail: String
    public var raw: String
    public var windowStart: Int64
    public var receivedAt: Date

    public init(sequence: Int64, rowID: String?, reason: String, detail: String, raw: String, windowStart: Int64, receivedAt: Date) {
        self.sequence = sequence
        self.rowID = rowID
        self.reason = reason
        self.detail = detail
        self.raw = raw
        self.windowStart = windowStart
        self.receivedAt = receivedAt
    }
}

/// A version's monitor settings as stored.
public struct MonitorRecord: Sendable, Equatable {
    public var versionID: String
    public var settings: MonitorSettings
    public var updatedAt: Date
    public var updatedBy: String

    public init(versionID: String, settings: MonitorSettings, updatedAt: Date, updatedBy: String) {
        self.versionID = versionID
        self.settings = settings
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}

/// A version's reference profile: where it came from and the encoded profile.
public struct ReferenceRecord: Sendable, Equatable {
    public var versionID: String
    /// `{"dataset": name, "version": n, "digest": …}` or `{"from": …, "to": …}`.
    public var source: JSONValue
    public var datasetVersionID: String?
    public var rows: Int
    public var profile: [UInt8]
    public var createdAt: Date
    public var createdBy: String

    public init(versionID: String, source: JSONValue, datasetVersionID: String?, rows: Int, profile: [UInt8], createdAt: Date, createdBy: String) {
        self.versionID = versionID
        self.source = source
        self.datasetVersionID = datasetVersionID
        self.rows = rows
        self.profile = profile
        self.createdAt = createdAt
        self.createdBy = createdBy
    }
}

/// A window whose data changed, for the evaluator.
public struct ChangedWindow: Sendable, Equatable {
    public var versionID: String
    public var modelName: String
    public var version: Int
    public var windowStart: Int64
    public var windowSeconds: Int
    public var changedAt: Date

    public init(versionID: String, modelName: String, version: Int, windowStart: Int64, windowSeconds: Int, changedAt: Date) {
        self.versionID = versionID
        self.modelName = modelName
        self.version = version
        self.windowStart = windowStart
        self.windowSeconds = windowSeconds
        self.changedAt = changedAt
    }
}
