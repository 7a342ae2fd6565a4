import Foundation
import SQLKit
import StewardCore

/// Keeps the catalog's derived data in step with the registry, inside the transaction of the change:
/// the storage methods that change a model, a version or a version's lifecycle call these, so every
/// door (native API, MLflow, jobs) updates the search index and facets atomically with its change.
extension SQLRegistryAccess {
    /// Rewrites the model's search document and its derived columns (effective license, card completeness).
    func syncCatalogDocument(modelID: String) async throws {
        guard let row = try await db.raw("""
            SELECT name, description, owner, task, framework, tags, card, provider, source_license, license, card_completeness
            FROM models WHERE id = \(bind: modelID)
            """).all().first else { return }
        let card = ModelCard(try row.optionalJSON("card") ?? .object([:]))
        let tags = try row.json("tags", as: [String: String].self)
        let keywords = ([try row.optionalString("task"), try row.optionalString("framework"), try row.optionalString("owner"),
                         try row.optionalString("provider")].compactMap { $0 }
                        + tags.keys.sorted().flatMap { [$0, tags[$0]!] }).joined(separator: " ")
        let license = try row.optionalString("source_license") ?? card.text("license").map { String($0.prefix(256)) }
        let completeness = card.completeness
        if try row.optionalString("license") != license || (try row.decode(column: "card_completeness", as: Double.self)) != completeness {
            try await db.raw("""
                UPDATE models SET license = \(bind: license), card_completeness = \(bind: completeness) WHERE id = \(bind: modelID)
                """).run()
        }
        try await db.raw("DELETE FROM catalog_documents WHERE model_id = \(bind: modelID)").run()
        try await db.raw("""
            INSERT INTO catalog_documents (model_id, name, keywords, description, card)
            VALUES (\(bind: modelID), \(bind: try row.string("name")), \(bind: keywords), \(bind: try row.string("description")),
                    \(bind: card.searchText))
            """).run()
    }

    /// Recomputes the model's `CatalogLifecycle` from its live, ready versions.
    func syncCatalogLifecycle(modelID: String) async throws {
        let rows = try await db.raw("""
            SELECT m.lifecycle, COUNT(v.id) AS ready,
                   SUM(CASE WHEN l.retired_at IS NULL AND l.deprecated_at IS NOT NULL THEN 1 ELSE 0 END) AS deprecated,
                   SUM(CASE WHEN l.retired_at IS NOT NULL THEN 1 ELSE 0 END) AS retired
            FROM models m LEFT JOIN versions v ON v.model_id = m.id AND v.deleted_at IS NULL AND v.status = 'ready'
            LEFT JOIN version_lifecycle l ON l.version_id = v.id
            WHERE m.id = \(bind: modelID) GROUP BY m.lifecycle
            """).all()
        guard let row = rows.first else { return }
        let derived = CatalogLifecycle.derive(ready: try row.int("ready"), deprecated: Int(try row.optionalInt64("deprecated") ?? 0),
                                              retired: Int(try row.optionalInt64("retired") ?? 0))
        if try row.string("lifecycle") != derived.rawValue {
            try await db.raw("UPDATE models SET lifecycle = \(bind: derived.rawValue) WHERE id = \(bind: modelID)").run()
        }
    }

    /// `syncCatalogLifecycle` for the model of a version.
    func syncCatalogLifecycle(versionID: String) async throws {
        if let row = try await db.raw("SELECT model_id FROM versions WHERE id = \(bind: versionID)").all().first {
            try await syncCatalogLifecycle(modelID: try row.string("model_id"))
        }
    }
}
