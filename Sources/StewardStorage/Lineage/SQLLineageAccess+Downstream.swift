import Foundation
import SQLKit
import StewardCore

extension SQLLineageAccess {
    /// The runs that read the dataset version, ordered by the database (no sort in Swift).
    func downstreamRuns(of datasetVersion: DatasetVersion) async throws -> [LineageRun] {
        // A run reads a dataset version at most once (primary key run_id, dataset_version_id).
        var runs = try await db.raw("""
            SELECT \(unsafeRaw: Self.runColumns)
            FROM run_dataset_versions rdv JOIN runs r ON r.id = rdv.run_id \(unsafeRaw: Self.codeVersionJoin)
            WHERE rdv.dataset_version_id = \(bind: datasetVersion.id)
            ORDER BY r.start_time, r.id
            """).all().map(decodeRun)
        // The database's collation may order text differently from Steward's (code point) order.
        Self.sortIfNeeded(&runs) { ($0.startTime, $0.id) < ($1.startTime, $1.id) }
        return runs
    }

    /// Two set-based queries, both driven by the dataset version's index entries: the visible
    /// versions its runs produced (with their aliases), then the consumers of those that have any.
    /// The database orders the versions, so rows are read once, in order, into the answer: at 10,000
    /// versions the earlier dictionary-and-sort assembly cost as much as the SQL.
    func downstreamVersions(of datasetVersion: DatasetVersion, visibility: VisibilityScope) async throws -> [DownstreamVersion] {
        // A version of a model the caller may not read joins no model row: it stays hidden. The
        // version id orders rows of one version together whatever the database's collation.
        let rows = try await db.raw("""
            SELECT v.id AS version_id, m.name AS model_name, v.number, v.status AS version_status, vt.run_id, a.name AS alias_name,
                   CASE WHEN EXISTS (SELECT 1 FROM version_consumption c WHERE c.version_id = v.id) THEN 1 ELSE 0 END AS consumed
            FROM run_dataset_versions rdv JOIN version_tracking vt ON vt.run_id = rdv.run_id
            JOIN versions v ON v.id = vt.version_id AND v.deleted_at IS NULL
            JOIN models m ON m.id = v.model_id AND
            """ + " " + SQLRegistryAccess.visibleModels(visibility) + """
             LEFT JOIN aliases a ON a.model_id = m.id AND a.version = v.number
            WHERE rdv.dataset_version_id = \(bind: datasetVersion.id)
            ORDER BY m.name, v.number, v.id, a.name
            """).all()
        var versions: [DownstreamVersion] = []
        versions.reserveCapacity(rows.count)
        var consumed: [String] = []
        for row in rows {
            let versionID = try row.string("version_id")
            if versions.last?.versionID != versionID {
                versions.append(DownstreamVersion(versionID: versionID, model: try row.string("model_name"), number: try row.int("number"),
                                                  status: try row.string("version_status"), runID: try row.string("run_id")))
                if try row.int("consumed") != 0 { consumed.append(versionID) }
            }
            if let alias = try row.optionalString("alias_name") {
                versions[versions.count - 1].aliases.append(alias)
                if versions[versions.count - 1].aliases.count > 1 { versions[versions.count - 1].aliases.sort() }
            }
        }
        Self.sortIfNeeded(&versions) { $0.model != $1.model ? $0.model < $1.model : $0.number < $1.number }
        if !consumed.isEmpty {
            let consumers = try await consumers(of: consumed)
            for index in versions.indices {
                if let uses = consumers[versions[index].versionID] { versions[index].consumers = uses }
            }
        }
        return versions
    }

    /// Sorts only when the rows are not already in order: one linear check in the common case.
    static func sortIfNeeded<T>(_ items: inout [T], by less: (T, T) -> Bool) {
        var index = 1
        while index < items.count, !less(items[index], items[index - 1]) { index += 1 }
        if index < items.count { items.sort(by: less) }
    }

    /// Consumers of these versions with their summed daily counts, by (name, id), in batches small
    /// enough for any database's limit on bound parameters.
    private func consumers(of versionIDs: [String]) async throws -> [String: [ConsumerUse]] {
        var consumers: [String: [ConsumerUse]] = [:]
        for start in stride(from: 0, to: versionIDs.count, by: 500) {
            let batch = versionIDs[start..<min(start + 500, versionIDs.count)]
            for row in try await db.raw("""
                SELECT c.version_id, c.consumer_id, acc.name AS consumer_name, CAST(SUM(c.count) AS BIGINT) AS total,
                       MAX(c.last_seen) AS last_seen
                FROM version_consumption c LEFT JOIN accounts acc ON acc.id = c.consumer_id
                WHERE c.version_id IN (\(binds: Array(batch)))
                GROUP BY c.version_id, c.consumer_id, acc.name
                """).all() {
                let id = try row.string("consumer_id")
                consumers[try row.string("version_id"), default: []].append(
                    ConsumerUse(consumerID: id, consumerName: try row.optionalString("consumer_name") ?? id, count: try row.int64("total"),
                                lastSeen: try row.date("last_seen")))
            }
        }
        return consumers.mapValues { $0.sorted { ($0.consumerName, $0.consumerID) < ($1.consumerName, $1.consumerID) } }
    }
}
