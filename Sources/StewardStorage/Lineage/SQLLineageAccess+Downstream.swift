import Foundation
import SQLKit
import StewardCore

extension SQLLineageAccess {
    /// Two set-based queries. The first walks dataset version → runs → versions → models → aliases
    /// once, by index lookups (left joins, so runs that produced no visible version still show);
    /// the second sums the consumers of those versions. Sorting happens here, not in SQL: the
    /// walk then streams in index order with no temporary B-tree.
    func downstream(of datasetVersion: DatasetVersion, visibility: VisibilityScope) async throws -> DownstreamLineage {
        let rows = try await db.raw("""
            SELECT \(unsafeRaw: Self.runColumns), v.id AS version_id, m.name AS model_name, v.number, v.status AS version_status,
                   a.name AS alias_name
            FROM run_dataset_versions rdv JOIN runs r ON r.id = rdv.run_id \(unsafeRaw: Self.codeVersionJoin)
            LEFT JOIN version_tracking vt ON vt.run_id = rdv.run_id
            LEFT JOIN versions v ON v.id = vt.version_id AND v.deleted_at IS NULL
            LEFT JOIN models m ON m.id = v.model_id AND
            """ + " " + SQLRegistryAccess.visibleModels(visibility) + """
             LEFT JOIN aliases a ON a.model_id = m.id AND a.version = v.number
            WHERE rdv.dataset_version_id = \(bind: datasetVersion.id)
            """).all()
        var runs: [String: LineageRun] = [:]
        var versions: [String: DownstreamVersion] = [:]
        for row in rows {
            let runID = try row.string("id")
            if runs[runID] == nil { runs[runID] = try decodeRun(row) }
            // A version of a model the caller may not read joins no model row: it stays hidden.
            guard let versionID = try row.optionalString("version_id"), let model = try row.optionalString("model_name") else { continue }
            if versions[versionID] == nil {
                versions[versionID] = DownstreamVersion(versionID: versionID, model: model, number: try row.int("number"),
                                                        status: try row.string("version_status"), runID: runID)
            }
            if let alias = try row.optionalString("alias_name") { versions[versionID]?.aliases.append(alias) }
        }
        var consumers: [String: [ConsumerUse]] = [:]
        if !versions.isEmpty {
            for row in try await db.raw("""
                SELECT c.version_id, c.consumer_id, acc.name AS consumer_name, CAST(SUM(c.count) AS BIGINT) AS total,
                       MAX(c.last_seen) AS last_seen
                FROM version_consumption c LEFT JOIN accounts acc ON acc.id = c.consumer_id
                WHERE c.version_id IN (SELECT vt.version_id FROM run_dataset_versions rdv
                                       JOIN version_tracking vt ON vt.run_id = rdv.run_id
                                       WHERE rdv.dataset_version_id = \(bind: datasetVersion.id))
                GROUP BY c.version_id, c.consumer_id, acc.name
                """).all() {
                let id = try row.string("consumer_id")
                consumers[try row.string("version_id"), default: []].append(
                    ConsumerUse(consumerID: id, consumerName: try row.optionalString("consumer_name") ?? id, count: try row.int64("total"),
                                lastSeen: try row.date("last_seen")))
            }
        }
        let ordered = versions.values.map { version -> DownstreamVersion in
            var version = version
            version.aliases.sort()
            version.consumers = (consumers[version.versionID] ?? []).sorted { ($0.consumerName, $0.consumerID) < ($1.consumerName, $1.consumerID) }
            return version
        }.sorted { ($0.model, $0.number) < ($1.model, $1.number) }
        let runList = runs.values.sorted { ($0.startTime, $0.id) < ($1.startTime, $1.id) }
        return DownstreamLineage(datasetVersion: datasetVersion, runs: runList, versions: ordered)
    }
}
