import Foundation
import SQLKit
import StewardCore

extension SQLRegistryAccess {
    func aliases(modelID: String) async throws -> [Alias] {
        try await db.raw("""
            SELECT a.model_id, m.name AS model_name, a.name, a.version, a.updated_at, a.updated_by
            FROM aliases a JOIN models m ON m.id = a.model_id WHERE a.model_id = \(bind: modelID) ORDER BY a.name
            """).all().map(decodeAlias)
    }

    func alias(modelID: String, name: String) async throws -> Alias? {
        try await db.raw("""
            SELECT a.model_id, m.name AS model_name, a.name, a.version, a.updated_at, a.updated_by
            FROM aliases a JOIN models m ON m.id = a.model_id WHERE a.model_id = \(bind: modelID) AND a.name = \(bind: name)
            """).all().first.map(decodeAlias)
    }

    func aliasHistory(modelID: String, alias: String, limit: Int) async throws -> [AliasEvent] {
        try await db.raw("""
            SELECT model_id, alias, action, from_version, to_version, at, actor, promotion_id FROM alias_events
            WHERE model_id = \(bind: modelID) AND alias = \(bind: alias) ORDER BY seq DESC LIMIT \(literal: limit)
            """).all().map { row in
                AliasEvent(modelID: try row.string("model_id"), alias: try row.string("alias"),
                           action: AliasEvent.Action(rawValue: try row.string("action")) ?? .set,
                           fromVersion: try row.optionalInt64("from_version").map(Int.init),
                           toVersion: try row.optionalInt64("to_version").map(Int.init),
                           at: try row.date("at"), by: try row.string("actor"))
                    .withPromotion(try row.optionalString("promotion_id"))
            }
    }

    func setAlias(_ alias: Alias) async throws {
        try await db.raw("""
            INSERT INTO aliases (model_id, name, version, updated_at, updated_by)
            VALUES (\(bind: alias.modelID), \(bind: alias.name), \(bind: Int64(alias.version)), \(bind: alias.updatedAt.millis),
                    \(bind: alias.updatedBy))
            ON CONFLICT (model_id, name) DO UPDATE SET version = excluded.version, updated_at = excluded.updated_at,
                updated_by = excluded.updated_by
            """).run()
    }

    func deleteAlias(modelID: String, name: String) async throws {
        try await db.raw("DELETE FROM aliases WHERE model_id = \(bind: modelID) AND name = \(bind: name)").run()
    }

    func appendAliasEvent(_ event: AliasEvent) async throws {
        try await db.raw("""
            INSERT INTO alias_events (model_id, alias, action, from_version, to_version, at, actor, promotion_id)
            VALUES (\(bind: event.modelID), \(bind: event.alias), \(bind: event.action.rawValue),
                    \(bind: event.fromVersion.map(Int64.init)), \(bind: event.toVersion.map(Int64.init)),
                    \(bind: event.at.millis), \(bind: event.by), \(bind: event.promotionID))
            """).run()
    }

    private func decodeAlias(_ row: any SQLRow) throws -> Alias {
        Alias(modelID: try row.string("model_id"), modelName: try row.string("model_name"), name: try row.string("name"),
              version: try row.int("version"), updatedAt: try row.date("updated_at"), updatedBy: try row.string("updated_by"))
    }
}

extension AliasEvent {
    /// The event with the promotion that made it (issue 6).
    func withPromotion(_ id: String?) -> AliasEvent {
        var event = self
        event.promotionID = id
        return event
    }
}
