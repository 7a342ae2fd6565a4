import Foundation
import SQLKit
import StewardCore

extension SQLLineageAccess {
    func recordConsumption(versionID: String, consumerID: String, day: String, at time: Date) async throws {
        try await db.raw("""
            INSERT INTO version_consumption (version_id, consumer_id, day, count, last_seen)
            VALUES (\(bind: versionID), \(bind: consumerID), \(bind: day), 1, \(bind: time.millis))
            ON CONFLICT (version_id, consumer_id, day)
            DO UPDATE SET count = version_consumption.count + 1, last_seen = excluded.last_seen
            """).run()
    }

    func outboxEvents(afterSequence sequence: Int64, limit: Int) async throws -> [(sequence: Int64, event: DomainEvent)] {
        try await db.raw("""
            SELECT seq, id, created_at, type, model, payload FROM outbox_events WHERE seq > \(bind: sequence)
            ORDER BY seq LIMIT \(literal: limit)
            """).all().map { row in
                (sequence: try row.int64("seq"),
                 event: DomainEvent(id: try row.string("id"), type: try row.string("type"), model: try row.optionalString("model"),
                                    payload: try row.optionalJSON("payload") ?? .null, createdAt: try row.date("created_at")))
            }
    }
}

extension SQLRegistryAccess {
    func appendEvent(_ event: DomainEvent) async throws {
        try await db.raw("""
            INSERT INTO outbox_events (id, created_at, type, model, payload)
            VALUES (\(bind: event.id), \(bind: event.createdAt.millis), \(bind: event.type), \(bind: event.model),
                    \(bind: event.payload.jsonText))
            """).run()
    }

    /// `1` when a dataset version read by the run in `runColumn` is flagged, else `0`: the same
    /// path as `versionTaints`, as a column, so a read learns in its own statement whether the
    /// flags need reading at all (they rarely do).
    static func taintFlag(runColumn: String) -> String {
        """
        CASE WHEN EXISTS (SELECT 1 FROM run_dataset_versions rdv
            JOIN dataset_taints dt ON dt.dataset_version_id = rdv.dataset_version_id
            WHERE rdv.run_id = \(runColumn)) THEN 1 ELSE 0 END
        """
    }

    /// The flags upstream of each version (version → run → dataset version → flag), in one query.
    func versionTaints(versionIDs: [String]) async throws -> [String: [VersionTaint]] {
        guard !versionIDs.isEmpty else { return [:] }
        var result: [String: [VersionTaint]] = [:]
        for row in try await db.raw("""
            SELECT vt.version_id, d.name AS dataset_name, dv.number, t.reason AS taint_reason, t.comment AS taint_comment,
                   t.flagged_by AS taint_by, t.flagged_at AS taint_at
            FROM version_tracking vt JOIN run_dataset_versions rdv ON rdv.run_id = vt.run_id
            JOIN dataset_taints t ON t.dataset_version_id = rdv.dataset_version_id
            JOIN dataset_versions dv ON dv.id = t.dataset_version_id JOIN registered_datasets d ON d.id = dv.dataset_id
            WHERE vt.version_id IN (\(binds: versionIDs)) ORDER BY d.name, dv.number
            """).all() {
            guard let taint = try SQLLineageAccess.decodeTaint(row) else { continue }
            result[try row.string("version_id"), default: []].append(
                VersionTaint(dataset: DatasetVersionRef(dataset: try row.string("dataset_name"), version: try row.int("number")), taint: taint))
        }
        return result
    }
}
