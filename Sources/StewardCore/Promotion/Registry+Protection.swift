import Foundation

extension Registry {
    /// Protects an alias with `policy`, or replaces its policy. Each change bumps the policy
    /// version, which makes approvals given under the old one stale. The alias need not exist yet
    /// (protect `production` before anything is promoted to it). Administrators and maintainers of
    /// the model (owners included) may do this.
    public func protectAlias(modelName: String, alias: String, policy: ProtectionPolicy, ifMatch: String? = nil,
                             by principal: Principal) async throws -> AliasProtection {
        try Names.aliasName(alias)
        try policy.validate()
        let now = clock()
        return try await store.write { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .moveAlias)
            let previous = try await tx.aliasProtection(modelID: model.id, alias: alias)
            if let previous { try Self.checkPrecondition(ifMatch, previous.etag) }
            if previous?.policy == policy { return previous! }
            let teams = Set(try await tx.teams().map(\.name))
            if let unknown = policy.approverTeams.first(where: { !teams.contains($0) }) {
                throw DomainError.invalidField("approver_teams", "no team named '\(unknown.prefix(128))'")
            }
            let version = try await tx.lastProtectionVersion(modelID: model.id, alias: alias) + 1
            let protection = AliasProtection(modelID: model.id, modelName: model.name, alias: alias, policy: policy,
                                             version: version, updatedAt: now, updatedBy: principal.name)
            try await tx.putAliasProtection(protection)
            try await tx.audit(previous == nil ? "alias.protect" : "alias.protection_update", Self.protectionTarget(model, alias),
                               before: previous?.auditSummary, after: protection.auditSummary, by: principal, at: now)
            return protection
        }
    }

    /// The protection of an alias; 404 `alias_not_protected` when it has none.
    public func aliasProtection(modelName: String, alias: String, by principal: Principal) async throws -> AliasProtection {
        try Names.aliasName(alias)
        return try await store.read { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .readModel)
            guard let protection = try await tx.aliasProtection(modelID: model.id, alias: alias) else {
                throw DomainError.aliasNotProtected(model.name, alias)
            }
            return protection
        }
    }

    /// Removes an alias's protection (audited like any change). Open requests for the alias are
    /// cancelled in the same transaction: there is no policy left to approve them under.
    public func unprotectAlias(modelName: String, alias: String, comment: String? = nil, by principal: Principal) async throws {
        try Names.aliasName(alias)
        let now = clock()
        try await store.write { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .moveAlias)
            guard let previous = try await tx.aliasProtection(modelID: model.id, alias: alias) else {
                throw DomainError.aliasNotProtected(model.name, alias)
            }
            try await tx.removeAliasProtection(modelID: model.id, alias: alias, at: now, by: principal.name)
            var cancelled: [JSONValue] = []
            for var request in try await tx.promotionRequests(PromotionQuery(modelID: model.id, alias: alias, state: .open, limit: 10_000)) {
                request.close(.cancelled, by: principal.name, comment: "alias protection removed", at: now)
                try await tx.updatePromotionRequest(request)
                try await tx.appendEvent(PromotionEvidence.event("promotion.cancelled", request, by: principal, at: now))
                cancelled.append(.string(request.id))
            }
            try await tx.audit("alias.unprotect", Self.protectionTarget(model, alias), before: previous.auditSummary,
                               after: ["cancelled_requests": .array(cancelled), "comment": comment.map(JSONValue.string) ?? .null],
                               by: principal, at: now)
        }
    }

    static func protectionTarget(_ model: RegisteredModel, _ alias: String) -> AuditTarget {
        AuditTarget("alias", id: "\(model.name)@\(alias)", model: model.name)
    }
}

extension PromotionRequest {
    /// Moves an open request to a final state.
    mutating func close(_ state: PromotionState, by name: String, comment: String?, at date: Date) {
        self.state = state
        closedAt = date
        closedBy = name
        closingComment = comment
        updatedAt = date
    }
}

extension DomainError {
    static func aliasNotProtected(_ model: String, _ alias: String) -> DomainError {
        DomainError(.notFound, code: "alias_not_protected", "Alias '\(alias)' of '\(model)' is not protected.")
    }

    static func promotionNotFound(_ id: String) -> DomainError {
        DomainError(.notFound, code: "promotion_not_found", "There is no promotion request '\(id.prefix(64))'.")
    }
}
