import Foundation

extension Registry {
    /// Records an approval from an eligible principal. When the approvals that count (see
    /// `ApprovalTally`) reach the policy's quorum, the gates are checked again and the alias moves
    /// in this same transaction; if a gate now fails nothing is recorded (409
    /// `promotion_gates_failed`), so the approval can be given again once the cause is fixed.
    public func approvePromotion(id: String, comment: String = "", by principal: Principal) async throws -> PromotionDetail {
        try Self.checkComment(comment)
        let now = clock()
        return try await store.write { tx in
            var (request, model) = try await Self.requireOpenPromotion(tx, id, principal)
            let protection = try await Self.requireProtection(tx, model, request.alias)
            try AccessPolicy.authorizeReview(principal, on: model, grants: try await tx.grants(modelID: model.id),
                                             policy: protection.policy, requestedByID: request.requestedByID)
            let review = PromotionReview(principalID: principal.id, principalName: principal.name, decision: .approve,
                                         comment: comment, policyVersion: protection.version, at: now)
            try await tx.insertPromotionReview(requestID: request.id, review)
            request.reviews.append(review)
            request.updatedAt = now
            let tally = ApprovalTally(request, protection: protection, now: now)
            try await tx.audit("promotion.approve", Self.promotionTarget(request), after: [
                "comment": .string(comment), "policy_version": .number(Double(protection.version)),
                "approvals": .array(tally.counted.map(JSONValue.string)), "required": .number(Double(tally.required)),
            ], by: principal, at: now)
            try await tx.appendEvent(PromotionEvidence.event("promotion.approved", request, by: principal, at: now, extra: [
                "approvals": .number(Double(tally.counted.count)), "required_approvals": .number(Double(tally.required)),
                "completes": .bool(tally.isComplete), "comment": .string(comment),
            ]))
            if tally.isComplete {
                try await Self.completePromotion(tx, &request, model: model, protection: protection, by: principal, at: now)
            } else {
                try await tx.updatePromotionRequest(request)
            }
            return PromotionDetail(request: request, protection: protection, tally: tally)
        }
    }

    /// Records a rejection from an eligible principal; it closes the request. A reason is required.
    public func rejectPromotion(id: String, comment: String, by principal: Principal) async throws -> PromotionDetail {
        try Self.checkComment(comment)
        guard !comment.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw DomainError.invalidField("comment", "say why the promotion is rejected")
        }
        let now = clock()
        return try await store.write { tx in
            var (request, model) = try await Self.requireOpenPromotion(tx, id, principal)
            let protection = try await Self.requireProtection(tx, model, request.alias)
            try AccessPolicy.authorizeReview(principal, on: model, grants: try await tx.grants(modelID: model.id),
                                             policy: protection.policy, requestedByID: request.requestedByID)
            let review = PromotionReview(principalID: principal.id, principalName: principal.name, decision: .reject,
                                         comment: comment, policyVersion: protection.version, at: now)
            try await tx.insertPromotionReview(requestID: request.id, review)
            request.reviews.append(review)
            request.close(.rejected, by: principal.name, comment: comment, at: now)
            try await tx.updatePromotionRequest(request)
            try await tx.audit("promotion.reject", Self.promotionTarget(request), after: [
                "state": .string(request.state.rawValue), "comment": .string(comment), "policy_version": .number(Double(protection.version)),
            ], by: principal, at: now)
            try await tx.appendEvent(PromotionEvidence.event("promotion.rejected", request, by: principal, at: now,
                                                             extra: ["comment": .string(comment)]))
            return PromotionDetail(request: request, protection: protection, tally: ApprovalTally(request, protection: protection, now: now))
        }
    }

    /// Moves the alias for a request whose quorum is reached: the version must still carry the
    /// reviewed manifest digest and pass the current policy's gates.
    static func completePromotion(_ tx: any RegistryWriter, _ request: inout PromotionRequest, model: RegisteredModel,
                                  protection: AliasProtection, by principal: Principal, at now: Date) async throws {
        let target = try await requireVersion(tx, model, request.version)
        guard target.manifestDigest == request.manifestDigest else {
            throw DomainError(.conflict, code: "promotion_version_changed",
                              "Version \(request.version) no longer has the manifest digest the request was made for; make a new request.")
        }
        let lineage = try await tx.versionLineageSummary(versionID: target.id)
        try GateResult.requireAllPassed(protection.policy.gates.evaluate(model: model, version: target, lineage: lineage),
                                        "Promotion \(request.id) cannot complete")
        let previous = try await tx.alias(modelID: model.id, name: request.alias)
        request.fromVersion = previous?.version
        request.rollback = previous.map { request.version < $0.version } ?? false
        request.close(.completed, by: principal.name, comment: nil, at: now)
        _ = try await moveAlias(tx, model: model, alias: request.alias, to: target, by: principal, at: now, promotion: request)
        try await tx.updatePromotionRequest(request)
        try await tx.audit("promotion.complete", promotionTarget(request), after: request.auditSummary, by: principal, at: now)
    }

    static func requireProtection(_ tx: any RegistryReader, _ model: RegisteredModel, _ alias: String) async throws -> AliasProtection {
        guard let protection = try await tx.aliasProtection(modelID: model.id, alias: alias) else {
            throw DomainError.aliasNotProtected(model.name, alias)
        }
        return protection
    }
}
