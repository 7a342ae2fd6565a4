import Foundation

/// A model's retention policy. Versions outside the newest `keepLast` (when set) and older than
/// `maxAgeDays` (when set) are retired, unless a protection applies (see `RetentionPlanner`).
public struct RetentionPolicy: Sendable, Equatable {
    /// Always keep the newest N live versions.
    public var keepLast: Int?
    /// Retire unaliased versions created more than this many days ago.
    public var maxAgeDays: Int?
    /// A version resolved by a consumer within this many days is kept.
    public var consumerWindowDays: Int
    public var updatedAt: Date
    public var updatedBy: String

    public static let defaultConsumerWindowDays = 30

    public init(keepLast: Int? = nil, maxAgeDays: Int? = nil, consumerWindowDays: Int = RetentionPolicy.defaultConsumerWindowDays,
                updatedAt: Date, updatedBy: String) {
        self.keepLast = keepLast
        self.maxAgeDays = maxAgeDays
        self.consumerWindowDays = consumerWindowDays
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }

    /// Bad values are refused before anything is stored.
    static func validate(keepLast: Int?, maxAgeDays: Int?, consumerWindowDays: Int) throws {
        var validator = Validator()
        if let keepLast { validator.check((0...1_000_000).contains(keepLast), "keep_last", "must be between 0 and 1000000") }
        if let maxAgeDays { validator.check((0...36_500).contains(maxAgeDays), "max_age_days", "must be between 0 and 36500") }
        validator.check((0...3650).contains(consumerWindowDays), "consumer_window_days", "must be between 0 and 3650")
        validator.check(keepLast != nil || maxAgeDays != nil, "keep_last", "set keep_last, max_age_days or both")
        try validator.finish()
    }

    public var auditSummary: JSONValue {
        var fields: [String: JSONValue] = ["consumer_window_days": .number(Double(consumerWindowDays))]
        fields["keep_last"] = keepLast.map { .number(Double($0)) } ?? .null
        fields["max_age_days"] = maxAgeDays.map { .number(Double($0)) } ?? .null
        return .object(fields)
    }
}

/// What retention knows about one live version when it decides.
public struct RetentionFacts: Sendable, Equatable {
    public var versionID: String
    public var number: Int
    public var status: VersionStatus
    public var createdAt: Date
    public var aliases: [String]
    public var lifecycle: VersionLifecycleState
    /// The last time a consumer resolved it, if ever.
    public var lastConsumedAt: Date?

    public init(versionID: String, number: Int, status: VersionStatus, createdAt: Date, aliases: [String],
                lifecycle: VersionLifecycleState, lastConsumedAt: Date?) {
        self.versionID = versionID
        self.number = number
        self.status = status
        self.createdAt = createdAt
        self.aliases = aliases
        self.lifecycle = lifecycle
        self.lastConsumedAt = lastConsumedAt
    }
}

/// One version's fate in a retention run, and why.
public struct RetentionDecision: Sendable, Equatable {
    public enum Action: String, Sendable, Equatable { case retire, keep }
    public var model: String
    public var version: Int
    public var action: Action
    /// Every reason that applies (a kept version lists each protection and rule that keeps it).
    public var reasons: [String]

    public init(model: String, version: Int, action: Action, reasons: [String]) {
        self.model = model
        self.version = version
        self.action = action
        self.reasons = reasons
    }
}
