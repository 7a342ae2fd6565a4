import Foundation
import Hummingbird
import NIOCore
import StewardCore

/// The audit trail API: read-only for everyone (auditors and administrators may read it; no route
/// changes or deletes entries).
struct AuditRoutes: Sendable {
    let registry: Registry
    let publicKey: AuditPublicKey

    func register(on api: RouterGroup<StewardRequestContext>) {
        api.get("audit/entries") { request, context in
            let principal = try context.requirePrincipal()
            var query = try request.auditQuery()
            query.limit = try request.queryInt("max_results") ?? 100
            if let token = request.queryValue("page_token") {
                guard let after = Int64(token), after >= 0 else { throw DomainError.invalidField("page_token", "is not a token this server issued") }
                query.afterIndex = after
            }
            let entries = try await registry.auditEntries(query, by: principal)
            let next = entries.count == query.limit ? entries.last.map { String($0.index) } : nil
            return try JSONResponse.make(AuditEntriesBody(entries: try entries.map(AuditEntryBody.init), nextPageToken: next))
        }
        api.get("audit/entries/:index") { _, context in
            let principal = try context.requirePrincipal()
            let index = try context.parameters.require("index", as: Int64.self)
            var query = AuditQuery(afterIndex: index - 1, limit: 1)
            query.afterIndex = index - 1
            guard let entry = try await registry.auditEntries(query, by: principal).first, entry.index == index else {
                throw DomainError(.notFound, code: "audit_entry_not_found", "There is no audit entry \(index).")
            }
            return try JSONResponse.make(try AuditEntryBody(entry))
        }
        api.get("audit/checkpoint") { request, context in
            let checkpoint = try await registry.auditCheckpoint(treeSize: try request.queryInt64("tree_size"), by: try context.requirePrincipal())
            return try JSONResponse.make(CheckpointBody(checkpoint, publicKey: publicKey))
        }
        api.get("audit/public-key") { _, context in
            _ = try context.requirePrincipal()
            return try JSONResponse.make(["public_key": publicKey.base64, "key_id": publicKey.keyID, "algorithm": "Ed25519"])
        }
        api.get("audit/proofs/inclusion") { request, context in
            try AccessPolicy.authorize(try context.requirePrincipal(), .readAudit) // before parameter checks: no hints to outsiders
            guard let index = try request.queryInt64("index") else { throw DomainError.invalidField("index", "is required") }
            let proof = try await registry.auditInclusionProof(index: index, treeSize: try request.queryInt64("tree_size"),
                                                               by: try context.requirePrincipal())
            return try JSONResponse.make(InclusionProofBody(proof, publicKey: publicKey))
        }
        api.get("audit/proofs/consistency") { request, context in
            try AccessPolicy.authorize(try context.requirePrincipal(), .readAudit)
            guard let first = try request.queryInt64("first") else { throw DomainError.invalidField("first", "is required") }
            let proof = try await registry.auditConsistencyProof(first: first, second: try request.queryInt64("second"),
                                                                 by: try context.requirePrincipal())
            return try JSONResponse.make(ConsistencyProofBody(proof, publicKey: publicKey))
        }
        api.get("audit/export") { request, context in
            try await AuditExportStream(registry: registry, publicKey: publicKey)
                .response(request, principal: try context.requirePrincipal())
        }
    }
}

extension Request {
    /// The trail filters shared by listing and export.
    func auditQuery() throws -> AuditQuery {
        var query = AuditQuery()
        query.from = try queryDate("from")
        query.to = try queryDate("to")
        query.actor = queryValue("actor")
        query.action = queryValue("action")
        query.model = queryValue("model")
        query.version = try queryInt("version")
        query.dataset = queryValue("dataset")
        return query
    }

    func queryDate(_ name: String) throws -> Date? {
        guard let raw = queryValue(name) else { return nil }
        guard let date = Timestamp.parse(raw) else { throw DomainError.invalidField(name, "must be an RFC 3339 timestamp") }
        return date
    }

    func queryInt64(_ name: String) throws -> Int64? {
        guard let raw = queryValue(name) else { return nil }
        guard let value = Int64(raw) else { throw DomainError.invalidField(name, "must be an integer") }
        return value
    }
}
