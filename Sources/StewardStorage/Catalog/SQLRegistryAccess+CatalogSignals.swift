import Foundation
import SQLKit
import StewardCore

/// Quality signals of a page of catalog entries, a few set-based queries over the page's models:
/// the signals' version (the `production` alias's target, else the newest ready version), its
/// metrics and upstream datasets, open alerts, consumers and the newest version change.
extension SQLRegistryAccess {
    func withQualitySignals(_ page: [(id: String, entry: CatalogEntry)]) async throws -> [CatalogEntry] {
        guard !page.isEmpty else { return [] }
        let ids = page.map(\.id)
        var latest: [String: (number: Int, changed: Date?)] = [:]
        for row in try await db.raw("""
            SELECT model_id, MAX(CASE WHEN status = 'ready' THEN number END) AS latest, MAX(updated_at) AS changed
            FROM versions WHERE model_id IN (\(binds: ids)) AND deleted_at IS NULL GROUP BY model_id
            """).all() {
            latest[try row.string("model_id")] = (Int(try row.optionalInt64("latest") ?? 0), try row.optionalDate("changed"))
        }
        var production: [String: Int] = [:]
        for row in try await db.raw("SELECT model_id, version FROM aliases WHERE name = 'production' AND model_id IN (\(binds: ids))").all() {
            production[try row.string("model_id")] = try row.int("version")
        }
        // The version each entry's signals describe.
        var chosen: [String: Int] = [:]
        for id in ids { if let number = production[id] ?? latest[id].flatMap({ $0.number > 0 ? $0.number : nil }) { chosen[id] = number } }
        var versionIDs: [String: String] = [:] // version id → model id
        if !chosen.isEmpty {
            var condition: SQLQueryString = "("
            for (index, (model, number)) in chosen.enumerated() {
                condition += (index == 0 ? "" : " OR ") + "(model_id = \(bind: model) AND number = \(bind: Int64(number)))"
            }
            for row in try await db.raw("SELECT id, model_id FROM versions WHERE " + condition + ") AND deleted_at IS NULL").all() {
                versionIDs[try row.string("id")] = try row.string("model_id")
            }
        }
        var metrics: [String: [String: Double]] = [:]
        var origins: [String: Set<String>] = [:]
        if !versionIDs.isEmpty {
            let vids = Array(versionIDs.keys)
            for row in try await db.raw("SELECT version_id, key, value FROM version_metrics WHERE version_id IN (\(binds: vids))").all() {
                metrics[versionIDs[try row.string("version_id")]!, default: [:]][try row.string("key")] = try row.decode(column: "value", as: Double.self)
            }
            for row in try await db.raw("""
                SELECT DISTINCT vt.version_id, ds.name FROM version_tracking vt
                JOIN run_dataset_versions r ON r.run_id = vt.run_id JOIN dataset_versions dv ON dv.id = r.dataset_version_id
                JOIN registered_datasets ds ON ds.id = dv.dataset_id WHERE vt.version_id IN (\(binds: vids))
                """).all() {
                origins[versionIDs[try row.string("version_id")]!, default: []].insert(try row.string("name"))
            }
        }
        var alerts: [String: Int] = [:]
        for row in try await db.raw("""
            SELECT model_id, COUNT(*) AS n FROM alerts WHERE state = 'open' AND model_id IN (\(binds: ids)) GROUP BY model_id
            """).all() {
            alerts[try row.string("model_id")] = try row.int("n")
        }
        var consumers: [String: Int] = [:]
        for row in try await db.raw("""
            SELECT v.model_id, COUNT(DISTINCT c.consumer_id) AS n FROM version_consumption c JOIN versions v ON v.id = c.version_id
            WHERE v.model_id IN (\(binds: ids)) GROUP BY v.model_id
            """).all() {
            consumers[try row.string("model_id")] = try row.int("n")
        }
        return page.map { id, entry in
            var entry = entry
            entry.quality.version = chosen[id]
            entry.quality.metrics = metrics[id] ?? [:]
            entry.quality.openAlerts = alerts[id] ?? 0
            entry.quality.dataOrigin = (origins[id] ?? []).sorted()
            entry.quality.consumers = consumers[id] ?? 0
            if let changed = latest[id]?.changed, changed > entry.quality.lastChange { entry.quality.lastChange = changed }
            return entry
        }
    }
}
