import Foundation
import SQLKit
import StewardCore

extension SQLRegistryAccess {
    static let promotionColumns = """
        r.id, r.model_id, m.name AS model_name, r.alias, r.version, r.version_id, r.manifest_digest, r.policy_version,
        r.from_version, r.rollback, r.state, r.requested_by, r.requested_by_id, r.comment, r.evidence, r.created_at,
        r.updated_at, r.closed_at, r.closed_by, r.closing_comment
        """

    func promotionRequest(id: String) async throws -> PromotionRequest? {
        try await withReviews(try await db.raw("""
            SELECT \(unsafeRaw: Self.promotionColumns) FROM promotion_requests r JOIN models m ON m.id = r.model_id
            WHERE r.id = \(bind: id)
            """).all().map(decodePromotion)).first
    }

    func lockPromotionRequest(id: String) async throws -> PromotionRequest? {
        // SQLite has one writer already; PostgreSQL needs the row lock (see the protocol).
        let lock: SQLQueryString = dialect == .postgres ? " FOR UPDATE OF r" : ""
        return try await withReviews(try await db.raw("""
            SELECT \(unsafeRaw: Self.promotionColumns) FROM promotion_requests r JOIN models m ON m.id = r.model_id
            WHERE r.id = \(bind: id)
            """ + lock).all().map(decodePromotion)).first
    }

    func promotionRequests(_ query: PromotionQuery) async throws -> [PromotionRequest] {
        var sql: SQLQueryString = """
            SELECT \(unsafeRaw: Self.promotionColumns) FROM promotion_requests r JOIN models m ON m.id = r.model_id WHERE 1 = 1
            """
        if let modelID = query.modelID { sql += " AND r.model_id = \(bind: modelID)" }
        if let alias = query.alias { sql += " AND r.alias = \(bind: alias)" }
        if let state = query.state { sql += " AND r.state = \(bind: state.rawValue)" }
        if let visibility = query.visibility { sql += " AND " + Self.visibleModels(visibility) }
        if let after = query.after {
            sql += " AND (r.created_at < \(bind: after.createdAt) OR (r.created_at = \(bind: after.createdAt) AND r.id < \(bind: after.id)))"
        }
        sql += " ORDER BY r.created_at DESC, r.id DESC LIMIT \(literal: query.limit)"
        return try await withReviews(try await db.raw(sql).all().map(decodePromotion))
    }

    func insertPromotionRequest(_ request: PromotionRequest) async throws {
        try await db.raw("""
            INSERT INTO promotion_requests (id, model_id, alias, version, version_id, manifest_digest, policy_version, from_version,
                rollback, state, requested_by, requested_by_id, comment, evidence, created_at, updated_at, closed_at, closed_by,
                closing_comment)
            VALUES (\(bind: request.id), \(bind: request.modelID), \(bind: request.alias), \(bind: Int64(request.version)),
                    \(bind: request.versionID), \(bind: request.manifestDigest), \(bind: Int64(request.policyVersion)),
                    \(bind: request.fromVersion.map(Int64.init)), \(bind: Int64(request.rollback ? 1 : 0)), \(bind: request.state.rawValue),
                    \(bind: request.requestedBy), \(bind: request.requestedByID), \(bind: request.comment),
                    \(bind: request.evidence.jsonText), \(bind: request.createdAt.millis), \(bind: request.updatedAt.millis),
                    \(bind: request.closedAt?.millis), \(bind: request.closedBy), \(bind: request.closingComment))
            """).run()
    }

    func updatePromotionRequest(_ request: PromotionRequest) async throws {
        try await db.raw("""
            UPDATE promotion_requests SET state = \(bind: request.state.rawValue), from_version = \(bind: request.fromVersion.map(Int64.init)),
                rollback = \(bind: Int64(request.rollback ? 1 : 0)), updated_at = \(bind: request.updatedAt.millis),
                closed_at = \(bind: request.closedAt?.millis), closed_by = \(bind: request.closedBy),
                closing_comment = \(bind: request.closingComment)
            WHERE id = \(bind: request.id)
            """).run()
    }

    func insertPromotionReview(requestID: String, _ review: PromotionReview) async throws {
        try await db.raw("""
            INSERT INTO promotion_reviews (request_id, principal_id, principal_name, decision, comment, policy_version, at)
            VALUES (\(bind: requestID), \(bind: review.principalID), \(bind: review.principalName), \(bind: review.decision.rawValue),
                    \(bind: review.comment), \(bind: Int64(review.policyVersion)), \(bind: review.at.millis))
            """).run()
    }

    private func decodePromotion(_ row: any SQLRow) throws -> PromotionRequest {
        PromotionRequest(
            id: try row.string("id"), modelID: try row.string("model_id"), modelName: try row.string("model_name"),
            alias: try row.string("alias"), version: try row.int("version"), versionID: try row.string("version_id"),
            manifestDigest: try row.string("manifest_digest"), policyVersion: try row.int("policy_version"),
            fromVersion: try row.optionalInt64("from_version").map(Int.init), rollback: try row.int64("rollback") != 0,
            state: PromotionState(rawValue: try row.string("state")) ?? .cancelled, requestedBy: try row.string("requested_by"),
            requestedByID: try row.string("requested_by_id"), comment: try row.string("comment"),
            evidence: try row.optionalJSON("evidence") ?? .null, createdAt: try row.date("created_at"),
            updatedAt: try row.date("updated_at"), closedAt: try row.optionalDate("closed_at"), closedBy: try row.optionalString("closed_by"),
            closingComment: try row.optionalString("closing_comment"))
    }

    /// Loads the reviews of a batch of requests with one query.
    private func withReviews(_ requests: [PromotionRequest]) async throws -> [PromotionRequest] {
        guard !requests.isEmpty else { return requests }
        var reviews: [String: [PromotionReview]] = [:]
        for row in try await db.raw("""
            SELECT request_id, principal_id, principal_name, decision, comment, policy_version, at FROM promotion_reviews
            WHERE request_id IN (\(binds: requests.map(\.id))) ORDER BY seq
            """).all() {
            reviews[try row.string("request_id"), default: []].append(PromotionReview(
                principalID: try row.string("principal_id"), principalName: try row.string("principal_name"),
                decision: PromotionReview.Decision(rawValue: try row.string("decision")) ?? .reject, comment: try row.string("comment"),
                policyVersion: try row.int("policy_version"), at: try row.date("at")))
        }
        return requests.map { request in
            var request = request
            request.reviews = reviews[request.id] ?? []
            return request
        }
    }
}
