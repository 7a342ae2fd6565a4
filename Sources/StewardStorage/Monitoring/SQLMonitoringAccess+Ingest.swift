import Foundation
import SQLKit
import StewardCore

extension SQLMonitoringAccess {
    func insertPredictions(versionID: String, _ rows: [StoredPrediction], at: Date) async throws -> [String] {
        var inserted: [String] = []
        inserted.reserveCapacity(rows.count)
        for start in stride(from: 0, to: rows.count, by: Self.chunk) {
            let tuples = rows[start..<min(start + Self.chunk, rows.count)].map { row -> SQLQueryString in
                "(\(bind: versionID), \(bind: row.rowID), \(bind: row.windowStart), \(bind: row.prediction), \(bind: row.probabilities))"
            }
            // Ids logged before are skipped, not failed: the caller turns them into duplicate rejections.
            let query: SQLQueryString = "INSERT INTO monitor_predictions (version_id, row_id, window_start, prediction, probabilities) VALUES "
                + tuples.joined(separator: ", ") + " ON CONFLICT (version_id, row_id) DO NOTHING RETURNING row_id"
            for row in try await db.raw(query).all() { inserted.append(try row.string("row_id")) }
        }
        return inserted
    }

    func insertPartials(versionID: String, _ partials: [WindowPartial], at: Date) async throws {
        for partial in partials {
            try await db.raw("""
                INSERT INTO monitor_partials (version_id, window_start, window_seconds, row_count, profile, created_at)
                VALUES (\(bind: versionID), \(bind: partial.windowStart), \(bind: Int64(partial.windowSeconds)), \(bind: Int64(partial.rows)),
                        \(bind: Self.text(partial.profile)), \(bind: at.millis))
                """).run()
        }
    }

    func insertRejections(versionID: String, _ rejections: [RowRejection], at: Date) async throws {
        for start in stride(from: 0, to: rejections.count, by: Self.chunk) {
            let tuples = rejections[start..<min(start + Self.chunk, rejections.count)].map { row -> SQLQueryString in
                """
                (\(bind: versionID), \(bind: row.rowID), \(bind: row.windowStart), \(bind: row.reason.rawValue), \(bind: row.detail), \
                \(bind: String(row.raw.prefix(65_536))), \(bind: at.millis))
                """
            }
            try await db.raw("INSERT INTO monitor_rejected (version_id, row_id, window_start, reason, detail, raw, received_at) VALUES "
                             + tuples.joined(separator: ", ")).run()
        }
    }

    func countWindows(versionID: String, windowSeconds: Int, rows: [Int64: Int], rejected: [Int64: Int], at: Date) async throws {
        // Sorted, so concurrent batches on PostgreSQL lock window rows in one order (no deadlock).
        for window in Set(rows.keys).union(rejected.keys).sorted() {
            try await db.raw("""
                INSERT INTO monitor_windows (version_id, window_start, window_seconds, row_count, rejected_count, changed_at)
                VALUES (\(bind: versionID), \(bind: window), \(bind: Int64(windowSeconds)), \(bind: Int64(rows[window] ?? 0)),
                        \(bind: Int64(rejected[window] ?? 0)), \(bind: at.millis))
                ON CONFLICT (version_id, window_start) DO UPDATE SET row_count = monitor_windows.row_count + excluded.row_count,
                    rejected_count = monitor_windows.rejected_count + excluded.rejected_count, changed_at = excluded.changed_at
                """).run()
        }
    }

    func putPendingLabels(versionID: String, _ labels: [LabelRecord], at: Date) async throws {
        for start in stride(from: 0, to: labels.count, by: Self.chunk) {
            let tuples = labels[start..<min(start + Self.chunk, labels.count)].map { label -> SQLQueryString in
                "(\(bind: versionID), \(bind: label.rowID), \(bind: label.label), \(bind: at.millis))"
            }
            try await db.raw("INSERT INTO monitor_pending_labels (version_id, row_id, label, received_at) VALUES " + tuples.joined(separator: ", ")
                             + " ON CONFLICT (version_id, row_id) DO UPDATE SET label = excluded.label, received_at = excluded.received_at").run()
        }
    }

    func joinPendingLabels(versionID: String, at: Date) async throws -> Int {
        // Nearly every ingest batch finds nothing pending: one index probe, no join.
        guard try await db.raw("SELECT 1 AS one FROM monitor_pending_labels WHERE version_id = \(bind: versionID) LIMIT 1").first() != nil else { return 0 }
        var windows: [Int64: Int] = [:]
        for row in try await db.raw("""
            UPDATE monitor_predictions SET labelled_at = \(bind: at.millis),
                label = (SELECT p.label FROM monitor_pending_labels p
                         WHERE p.version_id = monitor_predictions.version_id AND p.row_id = monitor_predictions.row_id)
            WHERE version_id = \(bind: versionID)
              AND row_id IN (SELECT row_id FROM monitor_pending_labels WHERE version_id = \(bind: versionID))
            RETURNING window_start
            """).all() {
            windows[try row.int64("window_start"), default: 0] += 1
        }
        guard !windows.isEmpty else { return 0 }
        try await db.raw("""
            DELETE FROM monitor_pending_labels WHERE version_id = \(bind: versionID)
              AND EXISTS (SELECT 1 FROM monitor_predictions r
                          WHERE r.version_id = monitor_pending_labels.version_id AND r.row_id = monitor_pending_labels.row_id)
            """).run()
        try await db.raw("""
            UPDATE monitor_windows SET changed_at = \(bind: at.millis)
            WHERE version_id = \(bind: versionID) AND window_start IN (\(binds: windows.keys.sorted()))
            """).run()
        return windows.values.reduce(0, +)
    }
}
