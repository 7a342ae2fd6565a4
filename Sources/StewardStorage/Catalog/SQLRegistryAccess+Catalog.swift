import Foundation
import SQLKit
import StewardCore

/// Catalog facts of models, templates and version cards.
extension SQLRegistryAccess {
    func catalogInfo(modelID: String) async throws -> ModelCatalogInfo {
        guard let row = try await db.raw("""
            SELECT source_kind, provider, source_url, source_revision, source_license, terms, template FROM models WHERE id = \(bind: modelID)
            """).all().first else { return ModelCatalogInfo() }
        return ModelCatalogInfo(source: try Self.decodeSource(row), template: try row.optionalString("template"))
    }

    static func decodeSource(_ row: any SQLRow) throws -> ModelSource {
        ModelSource(kind: ModelSource.Kind(rawValue: try row.string("source_kind")) ?? .internal, provider: try row.optionalString("provider"),
                    url: try row.optionalString("source_url"), revision: try row.optionalString("source_revision"),
                    license: try row.optionalString("source_license"), terms: try row.optionalString("terms"))
    }

    func setCatalogInfo(modelID: String, _ info: ModelCatalogInfo) async throws {
        let source = info.source
        try await db.raw("""
            UPDATE models SET source_kind = \(bind: source.kind.rawValue), provider = \(bind: source.provider),
                source_url = \(bind: source.url), source_revision = \(bind: source.revision), source_license = \(bind: source.license),
                terms = \(bind: source.terms), template = \(bind: info.template)
            WHERE id = \(bind: modelID)
            """).run()
        try await syncCatalogDocument(modelID: modelID) // the provider is searchable, the license a facet
    }

    func template(named name: String) async throws -> ModelTemplate? {
        try await db.raw("SELECT * FROM model_templates WHERE name = \(bind: name)").all().map(Self.decodeTemplate).first
    }

    func templates() async throws -> [ModelTemplate] {
        try await db.raw("SELECT * FROM model_templates ORDER BY name").all().map(Self.decodeTemplate)
    }

    func templateUseCount(name: String) async throws -> Int {
        try await db.raw("SELECT COUNT(*) AS n FROM models WHERE template = \(bind: name)").all().first?.int("n") ?? 0
    }

    func insertTemplate(_ template: ModelTemplate) async throws {
        try await db.raw("""
            INSERT INTO model_templates (id, name, description, required_card_fields, recommended_card_fields, required_metrics,
                                         params_schema, input_schema, created_by, created_at, updated_at, revision)
            VALUES (\(bind: template.id), \(bind: template.name), \(bind: template.description), \(bind: jsonText(template.requiredCardFields)),
                    \(bind: jsonText(template.recommendedCardFields)), \(bind: jsonText(template.requiredMetrics)),
                    \(bind: template.paramsSchema?.json.jsonText), \(bind: template.inputSchema?.json.jsonText), \(bind: template.createdBy),
                    \(bind: template.createdAt.millis), \(bind: template.updatedAt.millis), \(bind: Int64(template.revision)))
            """).run()
    }

    func deleteTemplate(id: String) async throws {
        try await db.raw("DELETE FROM model_templates WHERE id = \(bind: id)").run()
    }

    static func decodeTemplate(_ row: any SQLRow) throws -> ModelTemplate {
        // Stored schemas were checked when saved; a row that no longer parses is skipped rather than fatal.
        let params = try row.optionalJSON("params_schema").flatMap { try? JSONSchema($0) }
        let input = try row.optionalJSON("input_schema").flatMap { try? JSONSchema($0) }
        return ModelTemplate(id: try row.string("id"), name: try row.string("name"), description: try row.string("description"),
                             requiredCardFields: try row.json("required_card_fields", as: [String].self),
                             recommendedCardFields: try row.json("recommended_card_fields", as: [String].self),
                             requiredMetrics: try row.json("required_metrics", as: [String].self), paramsSchema: params, inputSchema: input,
                             createdBy: try row.string("created_by"), createdAt: try row.date("created_at"),
                             updatedAt: try row.date("updated_at"), revision: try row.int("revision"))
    }

    func versionCard(versionID: String) async throws -> JSONValue? {
        try await db.raw("SELECT card FROM version_cards WHERE version_id = \(bind: versionID)").all().first?.optionalJSON("card")
    }

    func putVersionCard(versionID: String, modelID: String, card: JSONValue, by actor: String, at date: Date) async throws {
        try await db.raw("""
            INSERT INTO version_cards (version_id, model_id, card, updated_by, updated_at)
            VALUES (\(bind: versionID), \(bind: modelID), \(bind: card.jsonText), \(bind: actor), \(bind: date.millis))
            ON CONFLICT (version_id) DO UPDATE SET card = excluded.card, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """).run()
    }
}
