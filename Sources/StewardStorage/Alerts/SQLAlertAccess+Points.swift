import Foundation
import SQLKit
import StewardCore

extension SQLAlertAccess {
    func upsertMetricPoints(modelID: String, _ points: [MetricPoint], at date: Date) async throws {
        // One row per key (the last wins): PostgreSQL refuses to update a row twice in one statement.
        var byKey: [String: MetricPoint] = [:]
        var order: [String] = []
        for point in points {
            let key = "\(point.version)\u{1}\(point.metric)\u{1}\(point.feature ?? "")\u{1}\(point.windowStart.millis)"
            if byKey.updateValue(point, forKey: key) == nil { order.append(key) }
        }
        let unique = order.map { byKey[$0]! }
        for start in stride(from: 0, to: unique.count, by: 200) {
            let tuples = unique[start..<min(start + 200, unique.count)].map { point -> SQLQueryString in
                "(\(bind: modelID), \(bind: Int64(point.version)), \(bind: point.metric), \(bind: Self.stored(point.feature)), \(bind: point.windowStart.millis), \(bind: point.windowEnd.millis), \(bind: point.value), \(bind: date.millis))"
            }
            try await db.raw("""
                INSERT INTO metric_points (model_id, version, metric, feature, window_start, window_end, value, recorded_at) VALUES
                """ + " " + tuples.joined(separator: ", ") + """
                 ON CONFLICT (model_id, version, metric, feature, window_start)
                DO UPDATE SET window_end = excluded.window_end, value = excluded.value, recorded_at = excluded.recorded_at
                """).run()
        }
    }

    func metricSeries(modelID: String, version: Int, metric: String, feature: String?, from: Date?, to: Date?, limit: Int) async throws -> [MetricPoint] {
        var sql: SQLQueryString = """
            SELECT p.version, p.metric, p.feature, p.window_start, p.window_end, p.value, m.name AS model_name
            FROM metric_points p JOIN models m ON m.id = p.model_id
            WHERE p.model_id = \(bind: modelID) AND p.version = \(bind: Int64(version)) AND p.metric = \(bind: metric)
              AND p.feature = \(bind: Self.stored(feature))
            """
        if let from { sql += " AND p.window_start >= \(bind: from.millis)" }
        if let to { sql += " AND p.window_start < \(bind: to.millis)" }
        sql += " ORDER BY p.window_start LIMIT \(literal: limit)"
        return try await db.raw(sql).all().map(Self.decodePoint)
    }

    func newestWindows(modelID: String, version: Int, metric: String, feature: String?, limit: Int) async throws -> [AlertWindow] {
        try await db.raw("""
            SELECT window_start, window_end, value FROM metric_points
            WHERE model_id = \(bind: modelID) AND version = \(bind: Int64(version)) AND metric = \(bind: metric) AND feature = \(bind: Self.stored(feature))
            ORDER BY window_start DESC LIMIT \(literal: limit)
            """).all().map { row in
                AlertWindow(start: try row.date("window_start"), end: try row.date("window_end"), value: try row.decode(column: "value", as: Double.self))
            }
    }

    func points(modelID: String, version: Int, windowStarts: [Date]) async throws -> [MetricPoint] {
        guard !windowStarts.isEmpty else { return [] }
        return try await db.raw("""
            SELECT p.version, p.metric, p.feature, p.window_start, p.window_end, p.value, m.name AS model_name
            FROM metric_points p JOIN models m ON m.id = p.model_id
            WHERE p.model_id = \(bind: modelID) AND p.version = \(bind: Int64(version)) AND p.window_start IN (\(binds: windowStarts.map(\.millis)))
            ORDER BY p.window_start, p.metric, p.feature
            """).all().map(Self.decodePoint)
    }

    func metricNames(modelID: String, version: Int) async throws -> [MetricSeriesInfo] {
        try await db.raw("""
            SELECT metric, feature, COUNT(*) AS points, MIN(window_start) AS first_start, MAX(window_end) AS last_end FROM metric_points
            WHERE model_id = \(bind: modelID) AND version = \(bind: Int64(version))
            GROUP BY metric, feature ORDER BY metric, feature
            """).all().map { row in
                MetricSeriesInfo(metric: try row.string("metric"), feature: Self.feature(try row.string("feature")), points: try row.int("points"),
                                 firstWindowStart: try row.date("first_start"), lastWindowEnd: try row.date("last_end"))
            }
    }

    static func decodePoint(_ row: any SQLRow) throws -> MetricPoint {
        MetricPoint(modelName: try row.string("model_name"), version: try row.int("version"), metric: try row.string("metric"),
                    feature: feature(try row.string("feature")), windowStart: try row.date("window_start"), windowEnd: try row.date("window_end"),
                    value: try row.decode(column: "value", as: Double.self))
    }
}
