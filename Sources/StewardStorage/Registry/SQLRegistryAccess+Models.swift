import Foundation
import SQLKit
import StewardCore

extension SQLRegistryAccess {
    static let modelColumns = """
        m.id, m.name, m.description, m.owner, m.task, m.framework, m.card, m.tags, m.visibility, m.last_version,
        m.created_by, m.created_at, m.updated_at, m.revision
        """

    /// `SELECT` of a model row with its aliases, read by a correlated subquery in the same statement
    /// (`alias_list`: `name:version` pairs joined by `,`; alias names are letters, digits, `_` and
    /// `-`). Every read of a model goes through it, so no request pays a separate alias query.
    var modelSelect: SQLQueryString {
        let aggregate = db.dialect.name == "sqlite" ? "group_concat" : "string_agg"
        return """
            SELECT \(unsafeRaw: Self.modelColumns), (SELECT \(unsafeRaw: aggregate)(a.name || ':' || a.version, ',')
                FROM aliases a WHERE a.model_id = m.id) AS alias_list
            FROM models m
            """
    }

    /// A row of `modelSelect`.
    func decodeModelWithAliases(_ row: any SQLRow) throws -> RegisteredModel {
        var model = try decodeModel(row)
        model.aliases = try Self.aliasMap(row.optionalString("alias_list"))
        return model
    }

    func model(named name: String) async throws -> RegisteredModel? {
        try await db.raw(modelSelect + " WHERE m.name = \(bind: name)").all().first.map(decodeModelWithAliases)
    }

    func models(_ query: ListQuery) async throws -> Page<RegisteredModel> {
        var sql = modelSelect + " WHERE 1 = 1"
        if let visibility = query.visibility { sql += " AND " + Self.visibleModels(visibility) }
        if let filter = query.filter { sql += " AND (" + FilterSQL(entity: .models).compile(filter) + ")" }
        return try await fetchPage(sql, query: query, entity: .models, idColumn: "m.id") { row in
            let model = try decodeModelWithAliases(row)
            return (model, model.id, try Self.keyValues(query.order, model: model))
        }
    }

    /// Reads `modelSelect`'s `alias_list` column: `name:version` pairs joined by `,`.
    static func aliasMap(_ list: String?) throws -> [String: Int] {
        guard let list, !list.isEmpty else { return [:] }
        var aliases: [String: Int] = [:]
        for pair in list.split(separator: ",") {
            guard let colon = pair.lastIndex(of: ":"), let version = Int(pair[pair.index(after: colon)...]) else {
                throw StoredAliasListError(list: list)
            }
            aliases[String(pair[..<colon])] = version
        }
        return aliases
    }

    /// An alias list the store did not write (alias names cannot hold `,` or `:`).
    struct StoredAliasListError: Error, CustomStringConvertible {
        var list: String
        var description: String { "unreadable alias list \"\(list)\"" }
    }

    func insertModel(_ model: RegisteredModel) async throws {
        if try await self.model(named: model.name) != nil { throw Registry.alreadyExists(model.name) }
        do {
            try await db.raw("""
                INSERT INTO models (id, name, description, owner, task, framework, card, tags, visibility, last_version,
                                    created_by, created_at, updated_at, revision)
                VALUES (\(bind: model.id), \(bind: model.name), \(bind: model.description), \(bind: model.owner),
                        \(bind: model.task), \(bind: model.framework), \(bind: model.card.jsonText), \(bind: jsonText(model.tags)),
                        \(bind: model.visibility.rawValue), \(bind: Int64(model.lastVersionNumber)), \(bind: model.createdBy), \(bind: model.createdAt.millis),
                        \(bind: model.updatedAt.millis), \(bind: Int64(model.revision)))
                """).run()
        } catch where isUniqueViolation(error) {
            throw Registry.alreadyExists(model.name)
        }
        try await replaceKeyValues(table: "model_tags", owner: "model_id", id: model.id, model.tags)
        try await syncCatalogDocument(modelID: model.id) // issue 8: search index in the same transaction
    }

    func updateModel(_ model: RegisteredModel) async throws {
        let old = try await db.raw("SELECT tags FROM models WHERE id = \(bind: model.id)").all().first
        do {
            try await db.raw("""
                UPDATE models SET name = \(bind: model.name), description = \(bind: model.description),
                    owner = \(bind: model.owner), task = \(bind: model.task), framework = \(bind: model.framework),
                    card = \(bind: model.card.jsonText), tags = \(bind: jsonText(model.tags)),
                    visibility = \(bind: model.visibility.rawValue),
                    updated_at = \(bind: model.updatedAt.millis), revision = \(bind: Int64(model.revision))
                WHERE id = \(bind: model.id)
                """).run()
        } catch where isUniqueViolation(error) {
            throw Registry.alreadyExists(model.name)
        }
        if try old?.json("tags", as: [String: String].self) != model.tags {
            try await replaceKeyValues(table: "model_tags", owner: "model_id", id: model.id, model.tags)
        }
        try await syncCatalogDocument(modelID: model.id) // issue 8: search index in the same transaction
    }

    func deleteModel(id: String) async throws {
        // Children go first explicitly rather than relying on cascades, so the statement order is the
        // same on both databases whatever their foreign-key settings.
        let versions: SQLQueryString = "SELECT id FROM versions WHERE model_id = \(bind: id)"
        for table in ["version_tags", "version_params", "version_metrics", "version_files", "version_cards"] {
            try await db.raw("DELETE FROM \(ident: table) WHERE version_id IN (" + versions + ")").run()
        }
        for table in ["alias_events", "aliases", "versions", "model_tags", "model_grants", "catalog_documents"] {
            try await db.raw("DELETE FROM \(ident: table) WHERE model_id = \(bind: id)").run()
        }
        try await db.raw("DELETE FROM models WHERE id = \(bind: id)").run()
    }

    func nextVersionNumber(modelID: String) async throws -> Int {
        let rows = try await db.raw("""
            UPDATE models SET last_version = last_version + 1 WHERE id = \(bind: modelID) RETURNING last_version
            """).all()
        guard let row = rows.first else { throw DomainError(.notFound, code: "model_not_found", "Registered model does not exist.") }
        return try row.int("last_version")
    }

    func decodeModel(_ row: any SQLRow) throws -> RegisteredModel {
        var model = RegisteredModel(id: try row.string("id"), name: try row.string("name"), description: try row.string("description"),
                        tags: try row.json("tags", as: [String: String].self), owner: try row.optionalString("owner"),
                        task: try row.optionalString("task"), framework: try row.optionalString("framework"),
                        card: try row.optionalJSON("card") ?? .object([:]), lastVersionNumber: try row.int("last_version"),
                        createdBy: try row.string("created_by"), createdAt: try row.date("created_at"),
                        updatedAt: try row.date("updated_at"), revision: try row.int("revision"))
        model.visibility = Visibility(rawValue: try row.string("visibility")) ?? .restricted
        return model
    }

    /// The condition "the model `m` is visible in this scope": internal models for principals with a
    /// role, models owned by one of their teams, and models granted to them or their teams.
    static func visibleModels(_ scope: VisibilityScope) -> SQLQueryString {
        if scope.unrestricted { return "1 = 1" }
        var parts: [SQLQueryString] = []
        if scope.seesInternal { parts.append("m.visibility = 'internal'") }
        let teams = Array(scope.teams)
        if !teams.isEmpty { parts.append("m.owner IN (\(binds: teams))") }
        var grants: SQLQueryString = "m.id IN (SELECT g.model_id FROM model_grants g WHERE g.subject_id = \(bind: scope.accountID)"
        if !teams.isEmpty {
            grants += " OR (g.subject_kind = 'team' AND g.subject_name IN (\(binds: teams)))"
        }
        parts.append(grants + ")")
        return "(" + parts.joined(separator: " OR ") + ")"
    }

    /// Fills in each model's alias map with one query.
    /// Rewrites the searchable key/value rows (tags, params, metrics) of one owner.
    func replaceKeyValues<V: Encodable & Sendable>(table: String, owner: String, id: String, _ values: [String: V]) async throws {
        try await db.raw("DELETE FROM \(ident: table) WHERE \(ident: owner) = \(bind: id)").run()
        for (key, value) in values {
            try await db.raw("INSERT INTO \(ident: table) (\(ident: owner), key, value) VALUES (\(bind: id), \(bind: key), \(bind: value))").run()
        }
    }

    /// True for a unique-constraint violation on either database.
    func isUniqueViolation(_ error: any Error) -> Bool {
        let text = String(reflecting: error)
        return text.contains("23505") || text.contains("UNIQUE constraint failed") || text.contains("constraintUniqueFailed")
    }
}
