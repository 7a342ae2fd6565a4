import Foundation

/// A request as shown to callers: with the alias's current policy and which approvals count now
/// (for a closed request: at the time it closed).
public struct PromotionDetail: Sendable, Equatable {
    public var request: PromotionRequest
    /// The alias's current protection; nil once it was removed.
    public var protection: AliasProtection?
    public var tally: ApprovalTally
}

extension Registry {
    /// One request; 404 `promotion_not_found` when it does not exist or its model is not visible.
    public func promotion(id: String, by principal: Principal) async throws -> PromotionDetail {
        let now = clock()
        return try await store.read { tx in
            guard let request = try await tx.promotionRequest(id: id), let model = try await tx.model(id: request.modelID),
                  AccessPolicy.permission(of: principal, on: model, grants: try await tx.grants(modelID: model.id)) != nil else {
                throw DomainError.promotionNotFound(id)
            }
            let protection = try await tx.aliasProtection(modelID: model.id, alias: request.alias)
            return PromotionDetail(request: request, protection: protection, tally: ApprovalTally(request, protection: protection, now: request.closedAt ?? now))
        }
    }

    /// Requests newest first, of one model (`modelName`) or of every model the principal may read,
    /// optionally of one alias and in one state. Keyset-paged.
    public func promotions(modelName: String?, alias: String? = nil, state: PromotionState? = nil, maxResults: Int? = nil,
                           pageToken: String? = nil, by principal: Principal) async throws -> Page<PromotionDetail> {
        if let alias { try Names.aliasName(alias) }
        let limit = maxResults ?? 100
        guard (1...1000).contains(limit) else { throw DomainError.invalidField("max_results", "must be between 1 and 1000") }
        let cursor = try pageToken.map(PromotionCursor.init(token:))
        let now = clock()
        return try await store.read { tx in
            var query = PromotionQuery(alias: alias, state: state, after: cursor, limit: limit + 1)
            if let modelName {
                query.modelID = try await Self.requireModel(tx, modelName, principal, .readModel).id
            } else {
                query.visibility = VisibilityScope(principal)
            }
            var requests = try await tx.promotionRequests(query)
            var next: String?
            if requests.count > limit {
                requests.removeLast()
                next = requests.last.map { PromotionCursor(createdAt: Timestamp.milliseconds($0.createdAt), id: $0.id).token }
            }
            var protections: [String: AliasProtection?] = [:]
            var details: [PromotionDetail] = []
            for request in requests {
                let key = "\(request.modelID)@\(request.alias)"
                if protections[key] == nil {
                    protections[key] = .some(try await tx.aliasProtection(modelID: request.modelID, alias: request.alias))
                }
                let protection = protections[key] ?? nil
                details.append(PromotionDetail(request: request, protection: protection,
                                               tally: ApprovalTally(request, protection: protection, now: request.closedAt ?? now)))
            }
            return Page(items: details, nextPageToken: next)
        }
    }

    /// The active protections of a model's aliases.
    public func aliasProtections(modelName: String, by principal: Principal) async throws -> [AliasProtection] {
        try await store.read { tx in
            try await tx.aliasProtections(modelID: try await Self.requireModel(tx, modelName, principal, .readModel).id)
        }
    }
}
