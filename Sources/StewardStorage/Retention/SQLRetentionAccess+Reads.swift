import Foundation
import SQLKit
import StewardCore

extension SQLRetentionAccess {
    func retentionPolicy(modelID: String) async throws -> RetentionPolicy? {
        try await db.raw("""
            SELECT keep_last, max_age_days, consumer_window_days, updated_at, updated_by FROM retention_policies
            WHERE model_id = \(bind: modelID)
            """).first().map { row in
                RetentionPolicy(keepLast: try row.optionalInt64("keep_last").map(Int.init), maxAgeDays: try row.optionalInt64("max_age_days").map(Int.init),
                                consumerWindowDays: try row.int("consumer_window_days"), updatedAt: try row.date("updated_at"),
                                updatedBy: try row.string("updated_by"))
            }
    }

    func modelsWithRetentionPolicy() async throws -> [String] {
        try await db.raw("SELECT model_id FROM retention_policies ORDER BY model_id").all().map { try $0.string("model_id") }
    }

    func retentionFacts(modelID: String) async throws -> [RetentionFacts] {
        let rows = try await db.raw("""
            SELECT id, number, status, created_at FROM versions WHERE model_id = \(bind: modelID) AND deleted_at IS NULL
            """).all()
        var aliases: [Int: [String]] = [:]
        for row in try await db.raw("SELECT name, version FROM aliases WHERE model_id = \(bind: modelID)").all() {
            aliases[try row.int("version"), default: []].append(try row.string("name"))
        }
        var lastSeen: [String: Date] = [:]
        for row in try await db.raw("""
            SELECT c.version_id, MAX(c.last_seen) AS last_seen FROM version_consumption c JOIN versions v ON v.id = c.version_id
            WHERE v.model_id = \(bind: modelID) GROUP BY c.version_id
            """).all() {
            lastSeen[try row.string("version_id")] = try row.date("last_seen")
        }
        let ids = try rows.map { try $0.string("id") }
        let lifecycles = try await registry.versionLifecycles(versionIDs: ids)
        return try rows.map { row in
            let id = try row.string("id"), number = try row.int("number")
            return RetentionFacts(versionID: id, number: number, status: VersionStatus(rawValue: try row.string("status")) ?? .failed,
                                  createdAt: try row.date("created_at"), aliases: aliases[number] ?? [],
                                  lifecycle: lifecycles[id] ?? VersionLifecycleState(), lastConsumedAt: lastSeen[id])
        }
    }

    func consumers(versionID: String) async throws -> [String] {
        try await db.raw("""
            SELECT DISTINCT consumer_id FROM version_consumption WHERE version_id = \(bind: versionID) ORDER BY consumer_id
            """).all().map { try $0.string("consumer_id") }
    }

    func sunsetNoticesDue(now: Date, dueBefore: Date) async throws -> [(versionID: String, model: String, number: Int, deprecation: VersionDeprecation)] {
        try await db.raw("""
            SELECT l.\(unsafeRaw: SQLRegistryAccess.lifecycleColumns.replacingOccurrences(of: ", ", with: ", l.")), m.name AS model_name, v.number
            FROM version_lifecycle l JOIN versions v ON v.id = l.version_id JOIN models m ON m.id = v.model_id
            WHERE l.sunset_at > \(bind: now.millis) AND l.sunset_at <= \(bind: dueBefore.millis) AND l.sunset_notice_at IS NULL
              AND l.retired_at IS NULL AND v.deleted_at IS NULL
            ORDER BY l.sunset_at
            """).all().compactMap { row in
                guard let deprecation = try SQLRegistryAccess.decodeLifecycle(row).deprecation else { return nil }
                return (versionID: try row.string("version_id"), model: try row.string("model_name"), number: try row.int("number"),
                        deprecation: deprecation)
            }
    }

    /// Parts of multipart uploads started since then keep their blobs; older uploads have expired
    /// (`MultipartUpload.lifetime`) and can no longer be completed.
    static func openUploadsSince() -> Int64 {
        Timestamp.milliseconds(Timestamp.now().addingTimeInterval(-MultipartUpload.lifetime))
    }

    func referencedBlobs() async throws -> Set<String> {
        var result = Set<String>()
        // Live versions only: a retired version's rows moved to retired_version_files, a deleted
        // version's bytes may be reclaimed (its number and metadata stay).
        for row in try await db.raw("""
            SELECT DISTINCT f.sha256 FROM version_files f JOIN versions v ON v.id = f.version_id WHERE v.deleted_at IS NULL
            UNION SELECT DISTINCT sha256 FROM artifact_files
            UNION SELECT DISTINCT p.sha256 FROM multipart_upload_parts p JOIN multipart_uploads u ON u.id = p.upload_id
                WHERE u.created_at >= \(bind: Self.openUploadsSince())
            """).all() {
            result.insert(try row.string("sha256"))
        }
        return result
    }

    func referenced(among digests: [String]) async throws -> Set<String> {
        var result = Set<String>()
        for chunk in Self.chunks(digests) {
            let list = Array(chunk)
            for row in try await db.raw("""
                SELECT f.sha256 FROM version_files f JOIN versions v ON v.id = f.version_id
                WHERE v.deleted_at IS NULL AND f.sha256 IN (\(binds: list))
                UNION SELECT sha256 FROM artifact_files WHERE sha256 IN (\(binds: list))
                UNION SELECT p.sha256 FROM multipart_upload_parts p JOIN multipart_uploads u ON u.id = p.upload_id
                    WHERE u.created_at >= \(bind: Self.openUploadsSince()) AND p.sha256 IN (\(binds: list))
                """).all() {
                result.insert(try row.string("sha256"))
            }
        }
        return result
    }

    func garbageCandidateCount() async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM gc_candidates").first()?.int("n") ?? 0
    }
}
