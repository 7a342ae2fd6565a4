import Foundation
import SQLKit
import StewardCore

extension SQLMonitoringAccess {
    func partials(versionID: String, from: Int64, to: Int64) async throws -> [WindowPartial] {
        try await db.raw("""
            SELECT window_start, window_seconds, row_count, profile FROM monitor_partials
            WHERE version_id = \(bind: versionID) AND window_start >= \(bind: from) AND window_start < \(bind: to)
            ORDER BY window_start, seq
            """).all().map { row in
            WindowPartial(windowStart: try row.int64("window_start"), windowSeconds: try row.int("window_seconds"),
                          rows: try row.int("row_count"), profile: Self.bytes(try row.string("profile")))
        }
    }

    func windows(versionID: String, from: Int64, to: Int64, limit: Int) async throws -> [WindowSummary] {
        var windows = try await db.raw("""
            SELECT window_start, window_seconds, row_count, changed_at FROM monitor_windows
            WHERE version_id = \(bind: versionID) AND window_start >= \(bind: from) AND window_start < \(bind: to)
            ORDER BY window_start LIMIT \(literal: limit)
            """).all().map { row in
            WindowSummary(windowStart: try row.int64("window_start"), windowSeconds: try row.int("window_seconds"),
                          rows: try row.int("row_count"), changedAt: try row.date("changed_at"))
        }
        guard let last = windows.last?.windowStart else { return [] }
        var position: [Int64: Int] = [:]
        for (index, window) in windows.enumerated() { position[window.windowStart] = index }
        for row in try await db.raw("""
            SELECT window_start, reason, COUNT(*) AS n FROM monitor_rejected
            WHERE version_id = \(bind: versionID) AND window_start >= \(bind: from) AND window_start <= \(bind: last)
            GROUP BY window_start, reason
            """).all() {
            if let index = position[try row.int64("window_start")] { windows[index].rejected[try row.string("reason")] = try row.int("n") }
        }
        for row in try await db.raw("""
            SELECT window_start, COUNT(*) AS n FROM monitor_predictions
            WHERE version_id = \(bind: versionID) AND label IS NOT NULL AND window_start >= \(bind: from) AND window_start <= \(bind: last)
            GROUP BY window_start
            """).all() {
            if let index = position[try row.int64("window_start")] { windows[index].labelled = try row.int("n") }
        }
        return windows
    }

    func rejectedRows(versionID: String, reason: String?, afterSequence: Int64, limit: Int) async throws -> [RejectedRow] {
        let filter: SQLQueryString = reason.map { "AND reason = \(bind: $0)" } ?? ""
        return try await db.raw("""
            SELECT seq, row_id, reason, detail, raw, window_start, received_at FROM monitor_rejected
            WHERE version_id = \(bind: versionID) AND seq > \(bind: afterSequence) \(filter)
            ORDER BY seq LIMIT \(literal: limit)
            """).all().map { row in
            RejectedRow(sequence: try row.int64("seq"), rowID: try row.optionalString("row_id"), reason: try row.string("reason"),
                        detail: try row.string("detail"), raw: try row.string("raw"), windowStart: try row.int64("window_start"),
                        receivedAt: try row.date("received_at"))
        }
    }

    func labelledPredictions(versionID: String, from: Int64, to: Int64) async throws -> [LabelledPrediction] {
        try await db.raw("""
            SELECT window_start, prediction, probabilities, label FROM monitor_predictions
            WHERE version_id = \(bind: versionID) AND label IS NOT NULL AND window_start >= \(bind: from) AND window_start < \(bind: to)
            """).all().map { row in
            LabelledPrediction(windowStart: try row.int64("window_start"), prediction: try row.string("prediction"), probabilities: try row.optionalString("probabilities"),
                               label: try row.string("label"))
        }
    }

    func changedWindows(since: Date, limit: Int) async throws -> [ChangedWindow] {
        try await db.raw("""
            SELECT w.version_id, m.name, v.number, w.window_start, w.window_seconds, w.changed_at
            FROM monitor_windows w JOIN versions v ON v.id = w.version_id JOIN models m ON m.id = v.model_id
            WHERE w.changed_at > \(bind: since.millis) AND v.deleted_at IS NULL
            ORDER BY w.changed_at, w.version_id, w.window_start LIMIT \(literal: limit)
            """).all().map { row in
            ChangedWindow(versionID: try row.string("version_id"), modelName: try row.string("name"), version: try row.int("number"),
                          windowStart: try row.int64("window_start"), windowSeconds: try row.int("window_seconds"),
                          changedAt: try row.date("changed_at"))
        }
    }
}
