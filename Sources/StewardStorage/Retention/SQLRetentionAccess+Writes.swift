import Foundation
import SQLKit
import StewardCore

extension SQLRetentionAccess {
    func setDeprecation(versionID: String, _ deprecation: VersionDeprecation?) async throws {
        if let deprecation {
            try await db.raw("""
                INSERT INTO version_lifecycle (version_id, reason, replacement, sunset_at, deprecated_at, deprecated_by, sunset_notice_at)
                VALUES (\(bind: versionID), \(bind: deprecation.reason), \(bind: Int64(deprecation.replacement)), \(bind: deprecation.sunsetAt.millis),
                        \(bind: deprecation.deprecatedAt.millis), \(bind: deprecation.deprecatedBy), NULL)
                ON CONFLICT (version_id) DO UPDATE SET reason = excluded.reason, replacement = excluded.replacement,
                    sunset_at = excluded.sunset_at, deprecated_at = excluded.deprecated_at, deprecated_by = excluded.deprecated_by,
                    sunset_notice_at = NULL
                """).run()
        } else {
            try await db.raw("""
                UPDATE version_lifecycle SET reason = NULL, replacement = NULL, sunset_at = NULL, deprecated_at = NULL,
                    deprecated_by = NULL, sunset_notice_at = NULL WHERE version_id = \(bind: versionID)
                """).run()
        }
        try await registry.syncCatalogLifecycle(versionID: versionID) // issue 8: catalog lifecycle
    }

    func setLegalHold(versionID: String, _ hold: LegalHold?) async throws {
        try await db.raw("""
            INSERT INTO version_lifecycle (version_id, hold_reason, held_by, held_at)
            VALUES (\(bind: versionID), \(bind: hold?.reason), \(bind: hold?.heldBy), \(bind: hold?.heldAt.millis))
            ON CONFLICT (version_id) DO UPDATE SET hold_reason = excluded.hold_reason, held_by = excluded.held_by, held_at = excluded.held_at
            """).run()
    }

    func retire(versionID: String, at date: Date, by actor: String) async throws {
        try await db.raw("""
            INSERT INTO retired_version_files (version_id, path, sha256, size, retired_at)
            SELECT version_id, path, sha256, size, \(bind: date.millis) FROM version_files WHERE version_id = \(bind: versionID)
            """).run()
        try await db.raw("""
            INSERT INTO gc_candidates (sha256, size, marked_at)
            SELECT sha256, MAX(size), \(bind: date.millis) FROM version_files WHERE version_id = \(bind: versionID) GROUP BY sha256
            ON CONFLICT (sha256) DO NOTHING
            """).run()
        try await db.raw("DELETE FROM version_files WHERE version_id = \(bind: versionID)").run()
        try await db.raw("""
            INSERT INTO version_lifecycle (version_id, retired_at, retired_by) VALUES (\(bind: versionID), \(bind: date.millis), \(bind: actor))
            ON CONFLICT (version_id) DO UPDATE SET retired_at = excluded.retired_at, retired_by = excluded.retired_by
            """).run()
        try await registry.syncCatalogLifecycle(versionID: versionID) // issue 8: catalog lifecycle
    }

    func claimSunsetNotice(versionID: String, at date: Date) async throws -> Bool {
        let rows = try await db.raw("""
            UPDATE version_lifecycle SET sunset_notice_at = \(bind: date.millis)
            WHERE version_id = \(bind: versionID) AND sunset_notice_at IS NULL RETURNING version_id
            """).all()
        if rows.isEmpty { journal?.retract("version_lifecycle") } // another run sent it: nothing changed
        return !rows.isEmpty
    }

    func putRetentionPolicy(modelID: String, _ policy: RetentionPolicy) async throws {
        try await db.raw("""
            INSERT INTO retention_policies (model_id, keep_last, max_age_days, consumer_window_days, updated_at, updated_by)
            VALUES (\(bind: modelID), \(bind: policy.keepLast.map(Int64.init)), \(bind: policy.maxAgeDays.map(Int64.init)),
                    \(bind: Int64(policy.consumerWindowDays)), \(bind: policy.updatedAt.millis), \(bind: policy.updatedBy))
            ON CONFLICT (model_id) DO UPDATE SET keep_last = excluded.keep_last, max_age_days = excluded.max_age_days,
                consumer_window_days = excluded.consumer_window_days, updated_at = excluded.updated_at, updated_by = excluded.updated_by
            """).run()
    }

    func deleteRetentionPolicy(modelID: String) async throws -> Bool {
        !(try await db.raw("DELETE FROM retention_policies WHERE model_id = \(bind: modelID) RETURNING model_id").all().isEmpty)
    }

    func markGarbage(_ blobs: [GarbageCandidate]) async throws {
        for chunk in Self.chunks(blobs, of: 300) {
            let tuples = chunk.map { blob -> SQLQueryString in "(\(bind: blob.sha256), \(bind: blob.size), \(bind: blob.markedAt.millis))" }
            try await db.raw("INSERT INTO gc_candidates (sha256, size, marked_at) VALUES " + tuples.joined(separator: ", ")
                + " ON CONFLICT (sha256) DO NOTHING").run()
        }
    }

    func claimGarbage(limit: Int) async throws -> [GarbageCandidate] {
        if dialect == .postgres {
            // New references (uploads, MLflow artifacts) wait until this batch commits, so a blob
            // found unreferenced below stays unreferenced until its file is gone. SQLite's single
            // writer gives the same guarantee.
            try await db.raw("LOCK TABLE version_files, artifact_files IN SHARE MODE").run()
        }
        let lock: SQLQueryString = dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await db.raw("SELECT sha256, size, marked_at FROM gc_candidates ORDER BY sha256 LIMIT \(literal: limit)" + lock)
            .all().map { GarbageCandidate(sha256: try $0.string("sha256"), size: try $0.int64("size"), markedAt: try $0.date("marked_at")) }
    }

    func unmarkGarbage(_ digests: [String]) async throws {
        for chunk in Self.chunks(digests) {
            try await db.raw("DELETE FROM gc_candidates WHERE sha256 IN (\(binds: Array(chunk)))").run()
        }
    }
}
