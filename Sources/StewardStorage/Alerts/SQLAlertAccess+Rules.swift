import Foundation
import SQLKit
import StewardCore

extension SQLAlertAccess {
    static let ruleColumns = """
        r.id, r.model_id, m.name AS model_name, r.name, r.metric, r.feature, r.versions, r.condition, r.threshold, r.windows,
        r.clear_windows, r.cool_down_seconds, r.severity, r.enabled, r.trigger_url, r.trigger_secret, r.description, r.created_by,
        r.created_at, r.updated_at
        """

    func alertRules(modelID: String) async throws -> [AlertRule] {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.ruleColumns) FROM alert_rules r JOIN models m ON m.id = r.model_id
            WHERE r.model_id = \(bind: modelID) ORDER BY r.name
            """).all().map(Self.decodeRule)
    }

    func alertRule(modelID: String, name: String) async throws -> AlertRule? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.ruleColumns) FROM alert_rules r JOIN models m ON m.id = r.model_id
            WHERE r.model_id = \(bind: modelID) AND r.name = \(bind: name)
            """).first().map(Self.decodeRule)
    }

    func insertAlertRule(_ rule: AlertRule) async throws {
        try await db.raw("""
            INSERT INTO alert_rules (id, model_id, name, metric, feature, versions, condition, threshold, windows, clear_windows,
                cool_down_seconds, severity, enabled, trigger_url, trigger_secret, description, created_by, created_at, updated_at)
            VALUES (\(bind: rule.id), \(bind: rule.modelID), \(bind: rule.name), \(bind: rule.metric), \(bind: rule.feature),
                    \(bind: rule.versions.text), \(bind: rule.condition.rawValue), \(bind: rule.threshold), \(bind: Int64(rule.windows)),
                    \(bind: Int64(rule.clearWindows)), \(bind: Int64(rule.coolDownSeconds)), \(bind: rule.severity.rawValue),
                    \(bind: Int64(rule.enabled ? 1 : 0)), \(bind: rule.trigger?.url), \(bind: rule.trigger?.secret), \(bind: rule.description),
                    \(bind: rule.createdBy), \(bind: rule.createdAt.millis), \(bind: rule.updatedAt.millis))
            """).run()
    }

    func updateAlertRule(_ rule: AlertRule) async throws {
        try await db.raw("""
            UPDATE alert_rules SET name = \(bind: rule.name), metric = \(bind: rule.metric), feature = \(bind: rule.feature),
                versions = \(bind: rule.versions.text), condition = \(bind: rule.condition.rawValue), threshold = \(bind: rule.threshold),
                windows = \(bind: Int64(rule.windows)), clear_windows = \(bind: Int64(rule.clearWindows)),
                cool_down_seconds = \(bind: Int64(rule.coolDownSeconds)), severity = \(bind: rule.severity.rawValue),
                enabled = \(bind: Int64(rule.enabled ? 1 : 0)), trigger_url = \(bind: rule.trigger?.url), trigger_secret = \(bind: rule.trigger?.secret),
                description = \(bind: rule.description), updated_at = \(bind: rule.updatedAt.millis)
            WHERE id = \(bind: rule.id)
            """).run()
    }

    func deleteAlertRule(id: String) async throws {
        try await db.raw("DELETE FROM alert_rules WHERE id = \(bind: id)").run()
    }

    static func decodeRule(_ row: any SQLRow) throws -> AlertRule {
        let url = try row.optionalString("trigger_url"), secret = try row.optionalString("trigger_secret")
        return AlertRule(
            id: try row.string("id"), modelID: try row.string("model_id"), modelName: try row.string("model_name"), name: try row.string("name"),
            metric: try row.string("metric"), feature: try row.optionalString("feature"),
            versions: (try? VersionSelector(parsing: try row.string("versions"))) ?? .all,
            condition: AlertCondition(rawValue: try row.string("condition")) ?? .above,
            threshold: try row.decode(column: "threshold", as: Double?.self), windows: try row.int("windows"),
            clearWindows: try row.int("clear_windows"), coolDownSeconds: try row.int("cool_down_seconds"),
            severity: AlertSeverity(rawValue: try row.string("severity")) ?? .warning, enabled: try row.int64("enabled") != 0,
            trigger: url.flatMap { url in secret.map { RetrainingTrigger(url: url, secret: $0) } }, description: try row.string("description"),
            createdBy: try row.string("created_by"), createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }
}
