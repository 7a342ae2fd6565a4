import Foundation
import SQLKit
import StewardCore

extension SQLRegistryAccess {
    func idempotencyRecord(principalID: String, key: String) async throws -> IdempotencyRecord? {
        guard let row = try await db.raw("""
            SELECT principal_id, key, scope, fingerprint, resource_id, created_at FROM idempotency_keys
            WHERE principal_id = \(bind: principalID) AND key = \(bind: key)
            """).all().first else { return nil }
        return IdempotencyRecord(principalID: try row.string("principal_id"), key: try row.string("key"),
                                 scope: try row.string("scope"), fingerprint: try row.string("fingerprint"),
                                 resourceID: try row.string("resource_id"), createdAt: try row.date("created_at"))
    }

    func insertIdempotencyRecord(_ record: IdempotencyRecord) async throws {
        do {
            try await db.raw("""
                INSERT INTO idempotency_keys (principal_id, key, scope, fingerprint, resource_id, created_at)
                VALUES (\(bind: record.principalID), \(bind: record.key), \(bind: record.scope), \(bind: record.fingerprint),
                        \(bind: record.resourceID), \(bind: record.createdAt.millis))
                """).run()
        } catch where isUniqueViolation(error) {
            // A concurrent request with the same key committed first; this transaction rolls back, so
            // nothing is created twice, and a retry replays the first result.
            throw DomainError(.conflict, code: "idempotency_key_in_use",
                              "Another request with Idempotency-Key '\(record.key)' was processed concurrently; retry to get its result.")
        }
    }

    func model(id: String) async throws -> RegisteredModel? {
        try await db.raw(modelSelect + " WHERE m.id = \(bind: id)").all().first.map(decodeModelWithAliases)
    }

    func version(id: String) async throws -> ModelVersion? {
        let rows = try await db.raw("""
            SELECT \(unsafeRaw: Self.versionColumns) FROM versions v JOIN models m ON m.id = v.model_id
            WHERE v.id = \(bind: id) AND v.deleted_at IS NULL
            """).all()
        return try await withDetails(rows.map(decodeVersion)).first
    }
}
