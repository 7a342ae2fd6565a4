import Foundation
import SQLKit
import StewardCore

extension SQLRegistryAccess {
    static let versionColumns = """
        v.id, v.model_id, m.name AS model_name, v.number, v.status, v.description, v.tags, v.params, v.metrics,
        v.input_schema, v.output_schema, v.source, v.manifest_digest, v.created_by, v.created_at, v.updated_at,
        v.sealed_at, v.revision
        """

    func version(modelID: String, number: Int) async throws -> ModelVersion? {
        let rows = try await db.raw("""
            SELECT \(unsafeRaw: Self.versionColumns) FROM versions v JOIN models m ON m.id = v.model_id
            WHERE v.model_id = \(bind: modelID) AND v.number = \(bind: Int64(number)) AND v.deleted_at IS NULL
            """).all()
        return try await withDetails(rows.map(decodeVersion)).first
    }

    /// One statement: the version, its lifecycle row and tracking facts (left joins) and whether any
    /// dataset upstream of it is flagged; the flags themselves are read only for a tainted version.
    func servingVersion(modelID: String, number: Int) async throws -> (version: ModelVersion, tracking: VersionTracking?)? {
        let rows = try await db.raw("""
            SELECT \(unsafeRaw: Self.versionColumns), \(unsafeRaw: Self.joinedLifecycleColumns), \(unsafeRaw: Self.joinedTrackingColumns),
                \(unsafeRaw: Self.taintFlag(runColumn: "t.run_id")) AS tainted
            FROM versions v JOIN models m ON m.id = v.model_id LEFT JOIN version_lifecycle l ON l.version_id = v.id
            LEFT JOIN version_tracking t ON t.version_id = v.id
            WHERE v.model_id = \(bind: modelID) AND v.number = \(bind: Int64(number)) AND v.deleted_at IS NULL
            """).all()
        guard let row = rows.first else { return nil }
        var version = try decodeVersion(row)
        if try !row.decodeNil(column: "version_id") { version.lifecycleState = try Self.decodeLifecycle(row) }
        if try row.int("tainted") != 0 { version.taints = try await versionTaints(versionIDs: [version.id])[version.id] ?? [] }
        return (version, try Self.decodeJoinedTracking(row, versionID: version.id))
    }

    /// The `version_tracking t` columns of a join, prefixed `t_` (stage None when the row is absent).
    static let joinedTrackingColumns = """
        t.version_id AS t_version_id, t.stage AS t_stage, t.run_id AS t_run_id, t.run_link AS t_run_link,
        t.artifact_uri AS t_artifact_uri, t.logged_model_id AS t_logged_model_id
        """

    /// The tracking facts read through `joinedTrackingColumns`; nil for a version without any.
    static func decodeJoinedTracking(_ row: any SQLRow, versionID: String) throws -> VersionTracking? {
        guard try !row.decodeNil(column: "t_version_id") else { return nil }
        return VersionTracking(versionID: versionID, stage: VersionStage(rawValue: try row.string("t_stage")) ?? .none,
                               runID: try row.optionalString("t_run_id"), runLink: try row.optionalString("t_run_link"),
                               artifactURI: try row.optionalString("t_artifact_uri"),
                               loggedModelID: try row.optionalString("t_logged_model_id"))
    }

    func versions(modelID: String?, _ query: ListQuery) async throws -> Page<ModelVersion> {
        var sql: SQLQueryString = """
            SELECT \(unsafeRaw: Self.versionColumns) FROM versions v JOIN models m ON m.id = v.model_id
            WHERE v.deleted_at IS NULL
            """
        if let modelID { sql += " AND v.model_id = \(bind: modelID)" }
        if let visibility = query.visibility { sql += " AND " + Self.visibleModels(visibility) }
        if let filter = query.filter { sql += " AND (" + FilterSQL(entity: .versions).compile(filter) + ")" }
        let page = try await fetchPage(sql, query: query, entity: .versions, idColumn: "v.id") { row in
            let version = try decodeVersion(row)
            return (version, version.id, try Self.keyValues(query.order, version: version))
        }
        return Page(items: try await withDetails(page.items), nextPageToken: page.nextPageToken)
    }

    func liveVersionCount(modelID: String) async throws -> Int {
        let rows = try await db.raw("""
            SELECT COUNT(*) AS n FROM versions WHERE model_id = \(bind: modelID) AND deleted_at IS NULL
            """).all()
        return try rows.first?.int("n") ?? 0
    }

    func insertVersion(_ version: ModelVersion) async throws {
        try await db.raw("""
            INSERT INTO versions (id, model_id, number, status, description, tags, params, metrics, input_schema,
                                  output_schema, source, manifest_digest, created_by, created_at, updated_at,
                                  sealed_at, deleted_at, revision)
            VALUES (\(bind: version.id), \(bind: version.modelID), \(bind: Int64(version.number)),
                    \(bind: version.status.rawValue), \(bind: version.description), \(bind: jsonText(version.tags)),
                    \(bind: jsonText(version.params)), \(bind: jsonText(version.metrics)),
                    \(bind: version.inputSchema?.jsonText), \(bind: version.outputSchema?.jsonText), \(bind: version.source),
                    \(bind: version.manifestDigest), \(bind: version.createdBy), \(bind: version.createdAt.millis),
                    \(bind: version.updatedAt.millis), \(bind: version.sealedAt?.millis), NULL, \(bind: Int64(version.revision)))
            """).run()
        try await replaceKeyValues(table: "version_tags", owner: "version_id", id: version.id, version.tags)
        try await replaceKeyValues(table: "version_params", owner: "version_id", id: version.id, version.params)
        try await replaceKeyValues(table: "version_metrics", owner: "version_id", id: version.id, version.metrics)
    }

    func updateVersion(_ version: ModelVersion) async throws {
        let old = try await db.raw("SELECT tags, params, metrics FROM versions WHERE id = \(bind: version.id)").all().first
        try await db.raw("""
            UPDATE versions SET status = \(bind: version.status.rawValue), description = \(bind: version.description),
                tags = \(bind: jsonText(version.tags)), params = \(bind: jsonText(version.params)),
                metrics = \(bind: jsonText(version.metrics)), input_schema = \(bind: version.inputSchema?.jsonText),
                output_schema = \(bind: version.outputSchema?.jsonText), source = \(bind: version.source),
                manifest_digest = \(bind: version.manifestDigest), updated_at = \(bind: version.updatedAt.millis),
                sealed_at = \(bind: version.sealedAt?.millis), revision = \(bind: Int64(version.revision))
            WHERE id = \(bind: version.id)
            """).run()
        // The searchable side tables are rewritten only when their content changed (file uploads
        // bump the revision on every request and must stay cheap).
        if try old?.json("tags", as: [String: String].self) != version.tags {
            try await replaceKeyValues(table: "version_tags", owner: "version_id", id: version.id, version.tags)
        }
        if try old?.json("params", as: [String: String].self) != version.params {
            try await replaceKeyValues(table: "version_params", owner: "version_id", id: version.id, version.params)
        }
        if try old?.json("metrics", as: [String: Double].self) != version.metrics {
            try await replaceKeyValues(table: "version_metrics", owner: "version_id", id: version.id, version.metrics)
        }
        if version.status != .pending { try await syncCatalogLifecycle(modelID: version.modelID) } // issue 8: catalog lifecycle
    }

    func markVersionDeleted(id: String, at date: Date) async throws {
        try await db.raw("UPDATE versions SET deleted_at = \(bind: date.millis) WHERE id = \(bind: id)").run()
        try await syncCatalogLifecycle(versionID: id) // issue 8: catalog lifecycle
    }

    func putFile(versionID: String, _ file: FileEntry, at date: Date) async throws -> Bool {
        let existing = try await db.raw("""
            SELECT 1 AS found FROM version_files WHERE version_id = \(bind: versionID) AND path = \(bind: file.path)
            """).all()
        if existing.isEmpty {
            try await db.raw("""
                INSERT INTO version_files (version_id, path, sha256, size, updated_at)
                VALUES (\(bind: versionID), \(bind: file.path), \(bind: file.sha256), \(bind: file.size), \(bind: date.millis))
                """).run()
            return false
        }
        try await db.raw("""
            UPDATE version_files SET sha256 = \(bind: file.sha256), size = \(bind: file.size), updated_at = \(bind: date.millis)
            WHERE version_id = \(bind: versionID) AND path = \(bind: file.path)
            """).run()
        return true
    }

    func deleteFile(versionID: String, path: String) async throws -> Bool {
        let rows = try await db.raw("""
            DELETE FROM version_files WHERE version_id = \(bind: versionID) AND path = \(bind: path) RETURNING path
            """).all()
        return !rows.isEmpty
    }

    func decodeVersion(_ row: any SQLRow) throws -> ModelVersion {
        ModelVersion(id: try row.string("id"), modelID: try row.string("model_id"), modelName: try row.string("model_name"),
                     number: try row.int("number"), status: VersionStatus(rawValue: try row.string("status")) ?? .failed,
                     description: try row.string("description"), tags: try row.json("tags", as: [String: String].self),
                     params: try row.json("params", as: [String: String].self),
                     metrics: try row.json("metrics", as: [String: Double].self),
                     inputSchema: try row.optionalJSON("input_schema"), outputSchema: try row.optionalJSON("output_schema"),
                     source: try row.optionalString("source"), manifestDigest: try row.optionalString("manifest_digest"),
                     createdBy: try row.string("created_by"), createdAt: try row.date("created_at"),
                     updatedAt: try row.date("updated_at"), sealedAt: try row.optionalDate("sealed_at"),
                     revision: try row.int("revision"))
    }

    /// What `withDetails` adds to versions besides their taints (which every answer shows).
    struct VersionDetails: OptionSet {
        let rawValue: Int
        static let files = VersionDetails(rawValue: 1)
        static let aliases = VersionDetails(rawValue: 2)
        static let lifecycle = VersionDetails(rawValue: 4)
        static let all: VersionDetails = [.files, .aliases, .lifecycle]
    }

    /// Loads taints and the chosen `details` (files, alias names, lifecycle states) for a batch of
    /// versions, one query each.
    func withDetails(_ versions: [ModelVersion], _ details: VersionDetails = .all) async throws -> [ModelVersion] {
        guard !versions.isEmpty else { return versions }
        let ids = versions.map(\.id)
        let fileRows = details.contains(.files) ? try await db.raw("""
            SELECT version_id, path, sha256, size FROM version_files WHERE version_id IN (\(binds: ids)) ORDER BY path
            """).all() : []
        var files: [String: [FileEntry]] = [:]
        for row in fileRows {
            files[try row.string("version_id"), default: []].append(
                FileEntry(path: try row.string("path"), sha256: try row.string("sha256"), size: try row.int64("size")))
        }
        let modelIDs = Array(Set(versions.map(\.modelID)))
        let aliasRows = details.contains(.aliases) ? try await db.raw("""
            SELECT model_id, name, version FROM aliases WHERE model_id IN (\(binds: modelIDs)) ORDER BY name
            """).all() : []
        var aliases: [String: [String]] = [:]
        for row in aliasRows {
            aliases["\(try row.string("model_id"))#\(try row.int("version"))", default: []].append(try row.string("name"))
        }
        let taints = try await versionTaints(versionIDs: ids) // issue 5: computed from lineage at read time
        let lifecycles = details.contains(.lifecycle) ? try await versionLifecycles(versionIDs: ids) : [:] // issue 6: deprecation, hold, retirement
        return versions.map { version in
            var version = version
            // Byte order, the manifest's canonical order (SQL collations may differ between databases).
            version.files = (files[version.id] ?? []).sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
            version.aliases = aliases["\(version.modelID)#\(version.number)"] ?? []
            version.taints = taints[version.id] ?? []
            version.lifecycleState = lifecycles[version.id] ?? VersionLifecycleState()
            return version
        }
    }
}
