import Foundation

/// What a use case tells the audit trail about a change it is making, inside the change's own
/// transaction. The store seals it into an `AuditEntry` (index, hashes, signature).
public struct AuditRecord: Sendable, Equatable {
    /// Dotted verb, for example `model.create`, `alias.move`, `run.log_batch`.
    public var action: String
    public var target: AuditTarget
    /// The state before the change (only what the change touched); `nil` for creations.
    public var before: JSONValue?
    /// The state after the change; `nil` for deletions.
    public var after: JSONValue?
    /// Who did it, how they authenticated and where the request came from.
    public var actor: Principal
    public var at: Date

    public init(_ action: String, target: AuditTarget, before: JSONValue? = nil, after: JSONValue? = nil,
                by actor: Principal, at: Date) {
        self.action = action
        self.target = target
        self.before = before
        self.after = after
        self.actor = actor
        self.at = at
    }
}

/// What an audit entry is about. `model`, `version` and `dataset` are kept for filtering whatever the
/// target's own type (a file upload is about a model version, a token about an account).
public struct AuditTarget: Sendable, Equatable {
    /// `model`, `version`, `file`, `alias`, `grant`, `account`, `team`, `token`, `experiment`, `run`,
    /// `logged_model`, `artifact`, `dataset`, `dataset_version`, …
    public var type: String
    /// The target's identifier or name, as users know it (`churn/3`, `prod`, a run id).
    public var id: String
    public var model: String?
    public var version: Int?
    public var dataset: String?

    public init(_ type: String, id: String, model: String? = nil, version: Int? = nil, dataset: String? = nil) {
        self.type = type
        self.id = id
        self.model = model
        self.version = version
        self.dataset = dataset
    }

    public static func model(_ name: String) -> AuditTarget { AuditTarget("model", id: name, model: name) }
    public static func version(_ model: String, _ number: Int) -> AuditTarget {
        AuditTarget("version", id: "\(model)/\(number)", model: model, version: number)
    }
}

/// Where a request came from; set by the doors on the principal so every audit entry carries it.
public struct RequestOrigin: Sendable, Equatable {
    public var requestID: String
    public var clientAddress: String?
    public var userAgent: String?
    /// `api`, `mlflow`, `web`, `cli`, `job`.
    public var door: String

    public init(requestID: String, clientAddress: String?, userAgent: String?, door: String) {
        self.requestID = requestID
        self.clientAddress = clientAddress
        self.userAgent = userAgent
        self.door = door
    }
}
