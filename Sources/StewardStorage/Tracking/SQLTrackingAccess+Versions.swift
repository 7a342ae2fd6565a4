import SQLKit
import StewardCore

extension SQLTrackingAccess {
    func versionTracking(versionIDs: [String]) async throws -> [String: VersionTracking] {
        guard !versionIDs.isEmpty else { return [:] }
        var result: [String: VersionTracking] = [:]
        for row in try await db.raw("""
            SELECT version_id, stage, run_id, run_link, artifact_uri, logged_model_id FROM version_tracking
            WHERE version_id IN (\(binds: versionIDs))
            """).all() {
            let id = try row.string("version_id")
            result[id] = VersionTracking(versionID: id, stage: VersionStage(rawValue: try row.string("stage")) ?? .none,
                                         runID: try row.optionalString("run_id"), runLink: try row.optionalString("run_link"),
                                         artifactURI: try row.optionalString("artifact_uri"),
                                         loggedModelID: try row.optionalString("logged_model_id"))
        }
        return result
    }

    func versionStages(modelID: String) async throws -> [(number: Int, versionID: String, stage: VersionStage)] {
        try await db.raw("""
            SELECT v.id, v.number, t.stage FROM versions v LEFT JOIN version_tracking t ON t.version_id = v.id
            WHERE v.model_id = \(bind: modelID) AND v.deleted_at IS NULL ORDER BY v.number
            """).all().map { row in
            (try row.int("number"), try row.string("id"), try row.optionalString("stage").flatMap(VersionStage.init(rawValue:)) ?? .none)
        }
    }

    func latestVersionsByStage(modelIDs: [String]) async throws -> [(version: ModelVersion, tracking: VersionTracking?)] {
        guard !modelIDs.isEmpty else { return [] }
        // Rank each model's live versions per stage (no tracking row is stage None), keep the newest.
        let rows = try await db.raw("""
            WITH ranked AS (
                SELECT v.id AS ranked_id, ROW_NUMBER() OVER (
                    PARTITION BY v.model_id, COALESCE(t.stage, 'None') ORDER BY v.number DESC) AS pos
                FROM versions v LEFT JOIN version_tracking t ON t.version_id = v.id
                WHERE v.model_id IN (\(binds: modelIDs)) AND v.deleted_at IS NULL)
            SELECT \(unsafeRaw: SQLRegistryAccess.versionColumns), \(unsafeRaw: SQLRegistryAccess.joinedTrackingColumns),
                \(unsafeRaw: SQLRegistryAccess.taintFlag(runColumn: "t.run_id")) AS tainted
            FROM ranked r JOIN versions v ON v.id = r.ranked_id JOIN models m ON m.id = v.model_id
            LEFT JOIN version_tracking t ON t.version_id = v.id
            WHERE r.pos = 1
            """).all()
        var tracking: [String: VersionTracking] = [:]
        var versions: [ModelVersion] = []
        var tainted: [String] = []
        for row in rows {
            let version = try registry.decodeVersion(row)
            versions.append(version)
            if try row.int("tainted") != 0 { tainted.append(version.id) }
            tracking[version.id] = try SQLRegistryAccess.decodeJoinedTracking(row, versionID: version.id)
        }
        // The flags themselves only for the versions the query found tainted (usually none): the
        // taint query binds every id, a statement per page otherwise.
        let taints = try await registry.versionTaints(versionIDs: tainted)
        return versions.map { version in
            var version = version
            version.taints = taints[version.id] ?? []
            return (version, tracking[version.id])
        }
    }

    func setVersionTracking(_ tracking: VersionTracking) async throws {
        try await db.raw("""
            INSERT INTO version_tracking (version_id, stage, run_id, run_link, artifact_uri, logged_model_id)
            VALUES (\(bind: tracking.versionID), \(bind: tracking.stage.rawValue), \(bind: tracking.runID), \(bind: tracking.runLink),
                    \(bind: tracking.artifactURI), \(bind: tracking.loggedModelID))
            ON CONFLICT (version_id) DO UPDATE SET stage = excluded.stage, run_id = excluded.run_id, run_link = excluded.run_link,
                artifact_uri = excluded.artifact_uri, logged_model_id = excluded.logged_model_id
            """).run()
    }
}

extension SQLTrackingAccess {
    func versions(_ query: ListQuery, runCondition: TrackingTerm?) async throws -> Page<ModelVersion> {
        let registry = self.registry
        var sql: SQLQueryString = """
            SELECT \(unsafeRaw: SQLRegistryAccess.versionColumns) FROM versions v JOIN models m ON m.id = v.model_id
            WHERE v.deleted_at IS NULL
            """
        if let filter = query.filter { sql += " AND (" + FilterSQL(entity: .versions).compile(filter) + ")" }
        if let visibility = query.visibility { sql += " AND " + SQLRegistryAccess.visibleModels(visibility) }
        if let runCondition {
            sql += " AND v.id IN (SELECT version_id FROM version_tracking WHERE run_id IS NOT NULL AND "
                + FilterSQL.predicate("run_id", runCondition.op, runCondition.value) + ")"
        }
        let page = try await registry.fetchPage(sql, query: query, entity: .versions, idColumn: "v.id") { row in
            let version = try registry.decodeVersion(row)
            return (version, version.id, try SQLRegistryAccess.keyValues(query.order, version: version))
        }
        return Page(items: try await registry.withDetails(page.items), nextPageToken: page.nextPageToken)
    }
}
