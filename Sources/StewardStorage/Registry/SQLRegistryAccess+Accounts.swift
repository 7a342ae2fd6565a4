import Foundation
import SQLKit
import StewardCore

extension SQLRegistryAccess {
    static let accountColumns = "id, name, kind, roles, tier, password_hash, disabled, created_at, created_by"

    func account(named name: String) async throws -> Account? {
        try await db.raw("SELECT \(unsafeRaw: Self.accountColumns) FROM accounts WHERE name = \(bind: name)").all().first.map(decodeAccount)
    }

    func account(id: String) async throws -> Account? {
        try await db.raw("SELECT \(unsafeRaw: Self.accountColumns) FROM accounts WHERE id = \(bind: id)").all().first.map(decodeAccount)
    }

    func accounts() async throws -> [Account] {
        try await db.raw("SELECT \(unsafeRaw: Self.accountColumns) FROM accounts ORDER BY name").all().map(decodeAccount)
    }

    func insertAccount(_ account: Account) async throws -> Bool {
        let rows = try await db.raw("""
            INSERT INTO accounts (id, name, kind, roles, tier, password_hash, disabled, created_at, created_by)
            VALUES (\(bind: account.id), \(bind: account.name), \(bind: account.kind.rawValue),
                    \(bind: account.roles.map(\.rawValue).sorted().joined(separator: ",")), \(bind: account.tier.rawValue),
                    \(bind: account.passwordHash), \(bind: Int64(account.disabled ? 1 : 0)), \(bind: account.createdAt.millis),
                    \(bind: account.createdBy))
            ON CONFLICT DO NOTHING RETURNING id
            """).all()
        if rows.isEmpty { journal?.retract("accounts") } // a conflict: nothing changed
        return !rows.isEmpty
    }

    func updateAccount(_ account: Account) async throws {
        try await db.raw("""
            UPDATE accounts SET roles = \(bind: account.roles.map(\.rawValue).sorted().joined(separator: ",")),
                tier = \(bind: account.tier.rawValue), password_hash = \(bind: account.passwordHash),
                disabled = \(bind: Int64(account.disabled ? 1 : 0))
            WHERE id = \(bind: account.id)
            """).run()
    }

    private func decodeAccount(_ row: any SQLRow) throws -> Account {
        Account(id: try row.string("id"), name: try row.string("name"),
                kind: Principal.Kind(rawValue: try row.string("kind")) ?? .user,
                roles: Set(try row.string("roles").split(separator: ",").compactMap { Role(rawValue: String($0)) }),
                tier: PriorityTier(rawValue: try row.string("tier")) ?? .normal,
                passwordHash: try row.optionalString("password_hash"), disabled: try row.int("disabled") != 0,
                createdAt: try row.date("created_at"), createdBy: try row.string("created_by"))
    }
}
