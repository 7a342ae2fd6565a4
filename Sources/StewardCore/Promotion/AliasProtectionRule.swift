import Foundation

/// The rule that a protected alias only moves by completing a promotion request. Every path that
/// changes an alias (native PUT/DELETE, MLflow alias calls, deleting a version with its aliases)
/// asks it inside its own transaction.
public enum AliasProtectionRule {
    /// Throws 409 `alias_protected` when `alias` is protected, naming the endpoint to use instead.
    public static func refuseDirectChange(_ reader: any RegistryReader, model: RegisteredModel, alias: String,
                                          verb: String = "moving") async throws {
        guard let protection = try await reader.aliasProtection(modelID: model.id, alias: alias) else { return }
        throw DomainError(.conflict, code: "alias_protected",
                          "Alias '\(alias)' of '\(model.name)' is protected (policy v\(protection.version), \(protection.policy.requiredApprovals) approval(s)): \(verb) it needs a promotion request. Create one with POST /api/v1/models/\(model.name)/promotions {\"alias\": \"\(alias)\", \"version\": N} (steward promotions request), then have it approved.")
    }

    /// Throws `alias_protected` when any of `aliases` is protected.
    static func refuseDirectChange(_ reader: any RegistryReader, model: RegisteredModel, aliases: [String], verb: String) async throws {
        for alias in aliases.sorted() { try await refuseDirectChange(reader, model: model, alias: alias, verb: verb) }
    }
}

extension AccessPolicy {
    /// Authorizes reviewing (approving or rejecting) a promotion request: the principal must see
    /// the model, hold a write-capable credential, be eligible under the policy (by role or team),
    /// and not be the requester unless the policy allows self-approval.
    public static func authorizeReview(_ principal: Principal, on model: RegisteredModel, grants: [ModelGrant],
                                       policy: ProtectionPolicy, requestedByID: String) throws {
        try authorize(principal, .readModel, on: model, grants: grants)
        guard scopeAllows(principal, .writeVersion) else {
            throw DomainError(.forbidden, code: "forbidden", "A read-only credential cannot review promotion requests.")
        }
        if principal.id == requestedByID && !policy.allowSelfApproval {
            throw DomainError(.forbidden, code: "self_approval_forbidden",
                              "You requested this promotion; the policy does not let a requester review their own request.")
        }
        guard policy.isEligible(principal) else {
            let roles = policy.approverRoles.map(\.rawValue).sorted().joined(separator: ", ")
            let teams = policy.approverTeams.sorted().joined(separator: ", ")
            throw DomainError(.forbidden, code: "not_an_approver",
                              "Only holders of the role(s) [\(roles)] or members of the team(s) [\(teams)] may review promotions to this alias.")
        }
    }

    /// Authorizes cancelling a request: its requester, or anyone who maintains the model.
    public static func authorizeCancel(_ principal: Principal, on model: RegisteredModel, grants: [ModelGrant],
                                       requestedByID: String) throws {
        if principal.id == requestedByID {
            try authorize(principal, .readModel, on: model, grants: grants)
            guard scopeAllows(principal, .writeVersion) else { throw forbidden(.writeVersion) }
        } else {
            try authorize(principal, .moveAlias, on: model, grants: grants)
        }
    }
}
