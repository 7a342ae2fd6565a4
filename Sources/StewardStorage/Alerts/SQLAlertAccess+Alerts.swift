import Foundation
import SQLKit
import StewardCore

extension SQLAlertAccess {
    static let alertColumns = """
        a.id, a.rule_id, a.rule_name, a.model_id, m.name AS model_name, a.version, a.feature, a.metric, a.condition, a.threshold,
        a.reference, a.severity, a.state, a.opened_at, a.closed_at, a.opening_windows, a.closing_windows, a.acknowledged_by,
        a.acknowledged_at, a.triggered
        """

    func latestAlert(ruleID: String, version: Int, feature: String?) async throws -> Alert? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.alertColumns) FROM alerts a JOIN models m ON m.id = a.model_id
            WHERE a.rule_id = \(bind: ruleID) AND a.version = \(bind: Int64(version)) AND a.feature = \(bind: Self.stored(feature))
            ORDER BY a.last_window_start DESC, a.opened_at DESC LIMIT 1
            """).first().map(Self.decodeAlert)
    }

    func alert(id: String) async throws -> Alert? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.alertColumns) FROM alerts a JOIN models m ON m.id = a.model_id WHERE a.id = \(bind: id)
            """).first().map(Self.decodeAlert)
    }

    func alerts(_ query: AlertQuery) async throws -> [Alert] {
        var sql: SQLQueryString = "SELECT \(unsafeRaw: Self.alertColumns) FROM alerts a JOIN models m ON m.id = a.model_id WHERE 1 = 1"
        if let modelID = query.modelID { sql += " AND a.model_id = \(bind: modelID)" }
        if let state = query.state { sql += " AND a.state = \(bind: state.rawValue)" }
        if let visibility = query.visibility { sql += " AND " + SQLRegistryAccess.visibleModels(visibility) }
        if let after = query.after {
            sql += " AND (a.opened_at < \(bind: after.createdAt) OR (a.opened_at = \(bind: after.createdAt) AND a.id < \(bind: after.id)))"
        }
        sql += " ORDER BY a.opened_at DESC, a.id DESC LIMIT \(literal: query.limit)"
        return try await db.raw(sql).all().map(Self.decodeAlert)
    }

    func insertAlert(_ alert: Alert) async throws {
        try await db.raw("""
            INSERT INTO alerts (id, rule_id, rule_name, model_id, version, feature, metric, condition, threshold, reference, severity, state,
                opened_at, closed_at, opening_windows, closing_windows, last_window_start, acknowledged_by, acknowledged_at, triggered)
            VALUES (\(bind: alert.id), \(bind: alert.ruleID), \(bind: alert.ruleName), \(bind: alert.modelID), \(bind: Int64(alert.version)),
                    \(bind: Self.stored(alert.feature)), \(bind: alert.metric), \(bind: alert.condition.rawValue), \(bind: alert.threshold),
                    \(bind: alert.reference), \(bind: alert.severity.rawValue), \(bind: alert.state.rawValue), \(bind: alert.openedAt.millis),
                    \(bind: alert.closedAt?.millis), \(bind: Self.windowsText(alert.openingWindows)), \(bind: Self.windowsText(alert.closingWindows)),
                    \(bind: Self.lastWindowStart(alert)), \(bind: alert.acknowledgedBy), \(bind: alert.acknowledgedAt?.millis),
                    \(bind: Int64(alert.triggered ? 1 : 0)))
            """).run()
    }

    func updateAlert(_ alert: Alert) async throws {
        try await db.raw("""
            UPDATE alerts SET state = \(bind: alert.state.rawValue), closed_at = \(bind: alert.closedAt?.millis),
                closing_windows = \(bind: Self.windowsText(alert.closingWindows)), last_window_start = \(bind: Self.lastWindowStart(alert)),
                acknowledged_by = \(bind: alert.acknowledgedBy), acknowledged_at = \(bind: alert.acknowledgedAt?.millis)
            WHERE id = \(bind: alert.id)
            """).run()
    }

    func enqueueRetrainingTrigger(alertID: String, trigger: RetrainingTrigger, event: DomainEvent, at date: Date) async throws {
        try await db.raw("""
            INSERT INTO retraining_deliveries (id, alert_id, url, secret, event_id, event_type, model, payload, event_created_at, state,
                attempts, next_attempt_at, created_at)
            VALUES (\(bind: WebhookDelivery.id(eventID: event.id, subscriptionID: "retraining:" + alertID)), \(bind: alertID), \(bind: trigger.url),
                    \(bind: trigger.secret), \(bind: event.id), \(bind: event.type), \(bind: event.model), \(bind: event.payload.jsonText),
                    \(bind: event.createdAt.millis), 'pending', 0, \(bind: date.millis), \(bind: date.millis))
            """).run()
    }

    /// The newest window an alert's evidence covers: the series' latest alert is the one with the newest.
    static func lastWindowStart(_ alert: Alert) -> Int64 {
        (alert.closingWindows + alert.openingWindows).map(\.start.millis).max() ?? alert.openedAt.millis
    }

    static func windowsText(_ windows: [AlertWindow]) -> String {
        JSONValue.array(windows.map { .array([.number(Double($0.start.millis)), .number(Double($0.end.millis)), .number($0.value)]) }).jsonText
    }

    static func windows(_ text: String) -> [AlertWindow] {
        guard case .array(let items)? = JSONValue(jsonText: text) else { return [] }
        return items.compactMap { item in
            guard case .array(let parts) = item, parts.count == 3, case .number(let start) = parts[0], case .number(let end) = parts[1],
                  case .number(let value) = parts[2] else { return nil }
            return AlertWindow(start: Timestamp.date(milliseconds: Int64(start)), end: Timestamp.date(milliseconds: Int64(end)), value: value)
        }
    }

    static func decodeAlert(_ row: any SQLRow) throws -> Alert {
        Alert(id: try row.string("id"), ruleID: try row.string("rule_id"), ruleName: try row.string("rule_name"), modelID: try row.string("model_id"),
              modelName: try row.string("model_name"), version: try row.int("version"), feature: feature(try row.string("feature")),
              metric: try row.string("metric"), condition: AlertCondition(rawValue: try row.string("condition")) ?? .above,
              threshold: try row.decode(column: "threshold", as: Double?.self), reference: try row.decode(column: "reference", as: Double?.self),
              severity: AlertSeverity(rawValue: try row.string("severity")) ?? .warning, state: Alert.State(rawValue: try row.string("state")) ?? .closed,
              openedAt: try row.date("opened_at"), closedAt: try row.optionalDate("closed_at"), openingWindows: windows(try row.string("opening_windows")),
              closingWindows: windows(try row.string("closing_windows")), acknowledgedBy: try row.optionalString("acknowledged_by"),
              acknowledgedAt: try row.optionalDate("acknowledged_at"), triggered: try row.int64("triggered") != 0)
    }
}
