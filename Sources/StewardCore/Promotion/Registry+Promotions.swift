import Foundation

extension Registry {
    /// Asks for a protected alias to point at a version (an older one makes it a rollback). Needs
    /// write permission on the model. The gates are checked now (a failing gate refuses the request,
    /// 409 `promotion_gates_failed`) and their results, the manifest digest, metrics and lineage are
    /// recorded as evidence. With a policy that needs no approvals the alias moves at once.
    public func requestPromotion(modelName: String, alias: String, version number: Int, comment: String = "",
                                 by principal: Principal) async throws -> PromotionDetail {
        try Names.aliasName(alias)
        guard number >= 1 else { throw DomainError.invalidField("version", "must be a positive version number") }
        try Self.checkComment(comment)
        let now = clock()
        return try await store.write { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .writeVersion)
            guard let protection = try await tx.aliasProtection(modelID: model.id, alias: alias) else {
                throw DomainError(.conflict, code: "alias_not_protected",
                                  "Alias '\(alias)' of '\(model.name)' is not protected; set it directly with PUT /api/v1/models/\(model.name)/aliases/\(alias).")
            }
            let target = try await Self.requireVersion(tx, model, number)
            guard target.status == .ready, let digest = target.manifestDigest else {
                throw DomainError(.conflict, code: "version_not_ready",
                                  "Version \(number) of '\(model.name)' is \(target.status.rawValue); only a ready version can be promoted.")
            }
            let current = try await tx.alias(modelID: model.id, name: alias)
            if current?.version == number {
                throw DomainError(.conflict, code: "promotion_target_current", "Alias '\(alias)' already points at version \(number).")
            }
            let open = try await tx.promotionRequests(PromotionQuery(modelID: model.id, alias: alias, state: .open, limit: 1000))
            if let duplicate = open.first(where: { $0.version == number }) {
                throw DomainError(.conflict, code: "promotion_already_open",
                                  "Request \(duplicate.id) to move '\(alias)' to version \(number) is already open.")
            }
            let lineage = try await tx.versionLineageSummary(versionID: target.id)
            let gates = protection.policy.gates.evaluate(model: model, version: target, lineage: lineage)
            try GateResult.requireAllPassed(gates, "Version \(number) of '\(model.name)' cannot be promoted to '\(alias)'")
            var request = PromotionRequest(
                id: Self.newID(), modelID: model.id, modelName: model.name, alias: alias, version: number, versionID: target.id,
                manifestDigest: digest, policyVersion: protection.version, fromVersion: current?.version,
                rollback: current.map { number < $0.version } ?? false, requestedBy: principal.name, requestedByID: principal.id,
                comment: comment, evidence: PromotionEvidence.make(version: target, gates: gates, lineage: lineage, protection: protection,
                                                                   currentVersion: current?.version),
                createdAt: now, updatedAt: now)
            try await tx.insertPromotionRequest(request)
            try await tx.audit("promotion.request", Self.promotionTarget(request), after: request.auditSummary, by: principal, at: now)
            try await tx.appendEvent(PromotionEvidence.event("promotion.requested", request, by: principal, at: now,
                                                             extra: ["required_approvals": .number(Double(protection.policy.requiredApprovals))]))
            if protection.policy.requiredApprovals == 0 {
                try await Self.completePromotion(tx, &request, model: model, protection: protection, by: principal, at: now)
            }
            return PromotionDetail(request: request, protection: protection, tally: ApprovalTally(request, protection: protection, now: now))
        }
    }

    /// Withdraws an open request: its requester, or a maintainer of the model.
    public func cancelPromotion(id: String, comment: String = "", by principal: Principal) async throws -> PromotionDetail {
        try Self.checkComment(comment)
        let now = clock()
        return try await store.write { tx in
            var (request, model) = try await Self.requireOpenPromotion(tx, id, principal)
            try AccessPolicy.authorizeCancel(principal, on: model, grants: try await tx.grants(modelID: model.id),
                                             requestedByID: request.requestedByID)
            let before = request.auditSummary
            request.close(.cancelled, by: principal.name, comment: comment, at: now)
            try await tx.updatePromotionRequest(request)
            try await tx.audit("promotion.cancel", Self.promotionTarget(request), before: before,
                               after: ["state": .string(request.state.rawValue), "comment": .string(comment)], by: principal, at: now)
            try await tx.appendEvent(PromotionEvidence.event("promotion.cancelled", request, by: principal, at: now))
            let protection = try await tx.aliasProtection(modelID: model.id, alias: request.alias)
            return PromotionDetail(request: request, protection: protection, tally: ApprovalTally(request, protection: protection, now: now))
        }
    }

    /// Loads (and locks) a request and its model; a request on a model the principal may not read
    /// is reported as missing, and one that is no longer open as 409 `promotion_closed`.
    static func requireOpenPromotion(_ tx: any RegistryWriter, _ id: String, _ principal: Principal) async throws -> (PromotionRequest, RegisteredModel) {
        guard let request = try await tx.lockPromotionRequest(id: id), let model = try await tx.model(id: request.modelID),
              AccessPolicy.permission(of: principal, on: model, grants: try await tx.grants(modelID: model.id)) != nil else {
            throw DomainError.promotionNotFound(id)
        }
        guard request.state == .open else {
            throw DomainError(.conflict, code: "promotion_closed", "Promotion request \(id) is \(request.state.rawValue); it takes no more changes.")
        }
        return (request, model)
    }

    static func promotionTarget(_ request: PromotionRequest) -> AuditTarget {
        AuditTarget("promotion", id: request.id, model: request.modelName, version: request.version)
    }

    static func checkComment(_ comment: String) throws {
        if comment.count > 10_000 { throw DomainError.invalidField("comment", "must be at most 10000 characters") }
    }
}
