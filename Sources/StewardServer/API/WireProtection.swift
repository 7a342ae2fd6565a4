import Foundation
import StewardCore

/// `AliasProtectionSet` in openapi.yaml: the whole policy (absent fields take their defaults).
struct ProtectionSetBody: Decodable {
    var requiredApprovals: Int
    var approverRoles: [String]?
    var approverTeams: [String]?
    var allowSelfApproval: Bool?
    var approvalValiditySeconds: Int?
    var gates: GatesBody?

    enum CodingKeys: String, CodingKey {
        case requiredApprovals = "required_approvals", approverRoles = "approver_roles", approverTeams = "approver_teams"
        case allowSelfApproval = "allow_self_approval", approvalValiditySeconds = "approval_validity_seconds", gates
    }

    struct GatesBody: Decodable {
        var requiredCardFields: [String]?
        var metrics: [String]?
        var requireInputSchema: Bool?
        var requireDatasetLineage: Bool?
        var forbidTainted: Bool?

        enum CodingKeys: String, CodingKey {
            case requiredCardFields = "required_card_fields", metrics, requireInputSchema = "require_input_schema"
            case requireDatasetLineage = "require_dataset_lineage", forbidTainted = "forbid_tainted"
        }
    }

    /// The policy; unknown roles and malformed thresholds are 400s naming the field.
    func policy() throws -> ProtectionPolicy {
        var roles: Set<Role> = []
        for name in approverRoles ?? [] {
            guard let role = Role(rawValue: name) else {
                throw DomainError.invalidField("approver_roles", "'\(name.prefix(64))' is not a role (\(Role.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            roles.insert(role)
        }
        // Without roles or teams, holders of the approver role review.
        if approverRoles == nil && (approverTeams ?? []).isEmpty { roles = [.approver] }
        let thresholds = try (gates?.metrics ?? []).map(MetricThreshold.init(parsing:))
        return ProtectionPolicy(
            requiredApprovals: requiredApprovals, approverRoles: roles, approverTeams: Array(Set(approverTeams ?? [])).sorted(),
            allowSelfApproval: allowSelfApproval ?? false,
            approvalValiditySeconds: approvalValiditySeconds ?? ProtectionPolicy.defaultValiditySeconds,
            gates: PromotionGates(requiredCardFields: gates?.requiredCardFields ?? [], metrics: thresholds,
                                  requireInputSchema: gates?.requireInputSchema ?? false,
                                  requireDatasetLineage: gates?.requireDatasetLineage ?? false,
                                  forbidTainted: gates?.forbidTainted ?? true))
    }
}

/// `AliasProtection` in openapi.yaml.
struct ProtectionBody: Encodable {
    var protection: AliasProtection

    enum CodingKeys: String, CodingKey {
        case model, alias, policy, policyVersion = "policy_version", updatedAt = "updated_at", updatedBy = "updated_by"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(protection.modelName, forKey: .model)
        try container.encode(protection.alias, forKey: .alias)
        try container.encode(protection.version, forKey: .policyVersion)
        try container.encode(protection.policy, forKey: .policy)
        try container.encode(Timestamp.format(protection.updatedAt), forKey: .updatedAt)
        try container.encode(protection.updatedBy, forKey: .updatedBy)
    }
}
