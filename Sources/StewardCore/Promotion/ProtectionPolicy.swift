import Foundation

/// The rules a protected alias (for example `production`) is moved under: who must approve, how
/// many of them, what must hold of the version, and how long an approval stays good.
public struct ProtectionPolicy: Sendable, Equatable, Codable {
    /// Approvals needed from distinct eligible principals (0: gates only, the request completes
    /// as soon as it is made).
    public var requiredApprovals: Int
    /// Global roles whose holders may approve or reject.
    public var approverRoles: Set<Role>
    /// Teams (by name) whose members may approve or reject.
    public var approverTeams: [String]
    /// Whether the requester's own approval counts. Never, unless the policy says so.
    public var allowSelfApproval: Bool
    /// Seconds an approval stays valid; an older one no longer counts.
    public var approvalValiditySeconds: Int
    public var gates: PromotionGates

    /// One week: long enough for a review cycle, short enough that a forgotten approval lapses.
    public static let defaultValiditySeconds = 7 * 24 * 3600

    public init(requiredApprovals: Int = 1, approverRoles: Set<Role> = [.approver], approverTeams: [String] = [],
                allowSelfApproval: Bool = false, approvalValiditySeconds: Int = Self.defaultValiditySeconds,
                gates: PromotionGates = PromotionGates()) {
        self.requiredApprovals = requiredApprovals
        self.approverRoles = approverRoles
        self.approverTeams = approverTeams
        self.allowSelfApproval = allowSelfApproval
        self.approvalValiditySeconds = approvalValiditySeconds
        self.gates = gates
    }

    enum CodingKeys: String, CodingKey {
        case requiredApprovals = "required_approvals", approverRoles = "approver_roles", approverTeams = "approver_teams"
        case allowSelfApproval = "allow_self_approval", approvalValiditySeconds = "approval_validity_seconds", gates
    }

    /// Encodes roles and teams sorted, so the stored text and audit summaries are stable.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(requiredApprovals, forKey: .requiredApprovals)
        try container.encode(approverRoles.map(\.rawValue).sorted(), forKey: .approverRoles)
        try container.encode(approverTeams.sorted(), forKey: .approverTeams)
        try container.encode(allowSelfApproval, forKey: .allowSelfApproval)
        try container.encode(approvalValiditySeconds, forKey: .approvalValiditySeconds)
        try container.encode(gates, forKey: .gates)
    }

    /// Checks bounds and names; every problem is reported at once (400 `validation_failed`).
    public func validate() throws {
        var errors: [FieldError] = []
        if !(0...50).contains(requiredApprovals) { errors.append(FieldError(field: "required_approvals", message: "must be between 0 and 50")) }
        if requiredApprovals > 0 && approverRoles.isEmpty && approverTeams.isEmpty {
            errors.append(FieldError(field: "approver_roles", message: "name at least one approver role or team"))
        }
        for team in approverTeams where team.isEmpty || team.count > 128 {
            errors.append(FieldError(field: "approver_teams", message: "team names are 1 to 128 characters"))
        }
        if approverTeams.count > 50 { errors.append(FieldError(field: "approver_teams", message: "at most 50 teams")) }
        if !(1...(366 * 24 * 3600)).contains(approvalValiditySeconds) {
            errors.append(FieldError(field: "approval_validity_seconds", message: "must be between 1 second and 366 days"))
        }
        errors += gates.problems()
        if !errors.isEmpty { throw DomainError.validation(errors) }
    }

    /// True when `principal` may review requests under this policy (by role or team).
    public func isEligible(_ principal: Principal) -> Bool {
        !principal.roles.isDisjoint(with: approverRoles) || !principal.teams.isDisjoint(with: approverTeams)
    }

    /// The policy as JSON (for storage, audit entries and events).
    public var json: JSONValue {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(self)).flatMap { JSONValue(jsonText: String(decoding: $0, as: UTF8.self)) } ?? .null
    }

    /// Reads a policy stored as JSON text.
    public init(jsonText: String) throws {
        self = try JSONDecoder().decode(ProtectionPolicy.self, from: Data(jsonText.utf8))
    }
}

/// The active protection of one alias, with its policy version (bumped on every change).
public struct AliasProtection: Sendable, Equatable {
    public var modelID: String
    public var modelName: String
    public var alias: String
    public var policy: ProtectionPolicy
    /// 1 for the first policy, +1 on every change (and across removal and re-protection).
    public var version: Int
    public var updatedAt: Date
    public var updatedBy: String

    public init(modelID: String, modelName: String, alias: String, policy: ProtectionPolicy, version: Int,
                updatedAt: Date, updatedBy: String) {
        self.modelID = modelID
        self.modelName = modelName
        self.alias = alias
        self.policy = policy
        self.version = version
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }

    /// Strong entity tag for `If-Match` on policy updates.
    public var etag: String { "\"p\(version)\"" }

    public var auditSummary: JSONValue {
        ["policy_version": .number(Double(version)), "policy": policy.json]
    }
}
