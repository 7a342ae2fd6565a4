import Foundation
import SQLKit
import StewardCore

extension SQLRegistryAccess {
    func aliasProtection(modelID: String, alias: String) async throws -> AliasProtection? {
        try await db.raw("""
            SELECT p.model_id, m.name AS model_name, p.alias, p.policy_version, p.policy, p.updated_by, p.updated_at
            FROM alias_protections p JOIN models m ON m.id = p.model_id
            WHERE p.model_id = \(bind: modelID) AND p.alias = \(bind: alias) AND p.active = 1
            """).all().first.map(decodeProtection)
    }

    func aliasProtections(modelID: String) async throws -> [AliasProtection] {
        try await db.raw("""
            SELECT p.model_id, m.name AS model_name, p.alias, p.policy_version, p.policy, p.updated_by, p.updated_at
            FROM alias_protections p JOIN models m ON m.id = p.model_id
            WHERE p.model_id = \(bind: modelID) AND p.active = 1 ORDER BY p.alias
            """).all().map(decodeProtection)
    }

    func lastProtectionVersion(modelID: String, alias: String) async throws -> Int {
        try await db.raw("""
            SELECT policy_version FROM alias_protections WHERE model_id = \(bind: modelID) AND alias = \(bind: alias)
            """).all().first?.int("policy_version") ?? 0
    }

    func putAliasProtection(_ protection: AliasProtection) async throws {
        try await db.raw("""
            INSERT INTO alias_protections (model_id, alias, policy_version, active, policy, updated_by, updated_at)
            VALUES (\(bind: protection.modelID), \(bind: protection.alias), \(bind: Int64(protection.version)), 1,
                    \(bind: jsonText(protection.policy)), \(bind: protection.updatedBy), \(bind: protection.updatedAt.millis))
            ON CONFLICT (model_id, alias) DO UPDATE SET policy_version = excluded.policy_version, active = 1,
                policy = excluded.policy, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """).run()
    }

    func removeAliasProtection(modelID: String, alias: String, at date: Date, by name: String) async throws {
        // The version moves on too: a policy set later starts above every approval ever given.
        try await db.raw("""
            UPDATE alias_protections SET active = 0, policy_version = policy_version + 1, updated_by = \(bind: name),
                updated_at = \(bind: date.millis)
            WHERE model_id = \(bind: modelID) AND alias = \(bind: alias)
            """).run()
    }

    private func decodeProtection(_ row: any SQLRow) throws -> AliasProtection {
        AliasProtection(modelID: try row.string("model_id"), modelName: try row.string("model_name"), alias: try row.string("alias"),
                        policy: try ProtectionPolicy(jsonText: try row.string("policy")), version: try row.int("policy_version"),
                        updatedAt: try row.date("updated_at"), updatedBy: try row.string("updated_by"))
    }

    func versionLineageSummary(versionID: String) async throws -> LineageSummary {
        let rows = try await db.raw("""
            SELECT vt.run_id, d.name AS dataset_name, dv.number
            FROM version_tracking vt
            LEFT JOIN run_dataset_versions rdv ON rdv.run_id = vt.run_id
            LEFT JOIN dataset_versions dv ON dv.id = rdv.dataset_version_id
            LEFT JOIN registered_datasets d ON d.id = dv.dataset_id
            WHERE vt.version_id = \(bind: versionID) ORDER BY d.name, dv.number
            """).all()
        var summary = LineageSummary()
        for row in rows {
            summary.runID = try row.optionalString("run_id")
            if let name = try row.optionalString("dataset_name"), let number = try row.optionalInt64("number") {
                summary.datasets.append(DatasetVersionRef(dataset: name, version: Int(number)))
            }
        }
        return summary
    }
}
