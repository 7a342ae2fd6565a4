import Foundation

/// Where a promotion request is in its life. Only `open` requests take reviews.
public enum PromotionState: String, Sendable, Equatable, CaseIterable, Codable {
    case open, completed, rejected, cancelled
}

/// A request to point a protected alias at a version, with the evidence it was made on and the
/// reviews it collected. It is bound to the version's manifest digest: the alias moves only to
/// exactly the bytes that were reviewed.
public struct PromotionRequest: Sendable, Equatable {
    public var id: String
    public var modelID: String
    /// The model's current name (joined in when read).
    public var modelName: String
    public var alias: String
    public var version: Int
    public var versionID: String
    public var manifestDigest: String
    /// The policy version in force when the request was made.
    public var policyVersion: Int
    /// The version the alias pointed at when the request was made (or completed), if any.
    public var fromVersion: Int?
    /// True when the target is older than the version the alias points at.
    public var rollback: Bool
    public var state: PromotionState
    public var requestedBy: String
    public var requestedByID: String
    public var comment: String
    /// Gate results, metrics, manifest digest and lineage summary at request time.
    public var evidence: JSONValue
    public var createdAt: Date
    public var updatedAt: Date
    public var closedAt: Date?
    public var closedBy: String?
    public var closingComment: String?
    /// Oldest first (filled by readers).
    public var reviews: [PromotionReview]

    public init(id: String, modelID: String, modelName: String, alias: String, version: Int, versionID: String,
                manifestDigest: String, policyVersion: Int, fromVersion: Int?, rollback: Bool, state: PromotionState = .open,
                requestedBy: String, requestedByID: String, comment: String, evidence: JSONValue, createdAt: Date,
                updatedAt: Date, closedAt: Date? = nil, closedBy: String? = nil, closingComment: String? = nil,
                reviews: [PromotionReview] = []) {
        self.id = id
        self.modelID = modelID
        self.modelName = modelName
        self.alias = alias
        self.version = version
        self.versionID = versionID
        self.manifestDigest = manifestDigest
        self.policyVersion = policyVersion
        self.fromVersion = fromVersion
        self.rollback = rollback
        self.state = state
        self.requestedBy = requestedBy
        self.requestedByID = requestedByID
        self.comment = comment
        self.evidence = evidence
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.closedAt = closedAt
        self.closedBy = closedBy
        self.closingComment = closingComment
        self.reviews = reviews
    }

    public var auditSummary: JSONValue {
        ["id": .string(id), "alias": .string(alias), "version": .number(Double(version)), "state": .string(state.rawValue),
         "manifest_digest": .string(manifestDigest), "policy_version": .number(Double(policyVersion)),
         "from_version": fromVersion.map { .number(Double($0)) } ?? .null, "rollback": .bool(rollback)]
    }
}

/// One approval or rejection, with the policy version it was given under.
public struct PromotionReview: Sendable, Equatable {
    public enum Decision: String, Sendable, Equatable, Codable {
        case approve, reject
    }

    public var principalID: String
    public var principalName: String
    public var decision: Decision
    public var comment: String
    public var policyVersion: Int
    public var at: Date

    public init(principalID: String, principalName: String, decision: Decision, comment: String, policyVersion: Int, at: Date) {
        self.principalID = principalID
        self.principalName = principalName
        self.decision = decision
        self.comment = comment
        self.policyVersion = policyVersion
        self.at = at
    }
}
