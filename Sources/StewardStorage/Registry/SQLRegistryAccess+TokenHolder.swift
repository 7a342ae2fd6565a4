import Foundation
import SQLKit
import StewardCore

extension SQLRegistryAccess {
    /// A token, its account and the account's team names in one statement: every authenticated
    /// request makes this lookup (no cache, so a revocation is effective on the next request on
    /// every replica), so it is one round trip instead of three.
    func tokenHolder(hash: String) async throws -> (TokenRecord, Account, Set<String>)? {
        let teams: SQLQueryString = dialect == .postgres
            ? "(SELECT string_agg(tm.name, chr(31)) FROM team_members m JOIN teams tm ON tm.id = m.team_id WHERE m.account_id = a.id)"
            : "(SELECT group_concat(tm.name, char(31)) FROM team_members m JOIN teams tm ON tm.id = m.team_id WHERE m.account_id = a.id)"
        let sql: SQLQueryString = """
            SELECT t.id, t.hash, t.account_id, t.name, t.scopes, t.created_at, t.created_by, t.expires_at, t.revoked_at, t.last_used_at,
                a.name AS a_name, a.kind AS a_kind, a.roles AS a_roles, a.tier AS a_tier, a.password_hash AS a_password_hash,
                a.disabled AS a_disabled, a.created_at AS a_created_at, a.created_by AS a_created_by,
            """ + teams + """
             AS team_names FROM tokens t JOIN accounts a ON a.id = t.account_id WHERE t.hash = \(bind: hash)
            """
        guard let row = try await db.raw(sql).first() else { return nil }
        let token = TokenRecord(id: try row.string("id"), hash: try row.string("hash"), accountID: try row.string("account_id"),
                                name: try row.string("name"),
                                scopes: Set(try row.string("scopes").split(separator: ",").compactMap { TokenScope(rawValue: String($0)) }),
                                createdAt: try row.date("created_at"), createdBy: try row.string("created_by"),
                                expiresAt: try row.optionalDate("expires_at"), revokedAt: try row.optionalDate("revoked_at"),
                                lastUsedAt: try row.optionalDate("last_used_at"))
        let account = Account(id: token.accountID, name: try row.string("a_name"),
                              kind: Principal.Kind(rawValue: try row.string("a_kind")) ?? .user,
                              roles: Set(try row.string("a_roles").split(separator: ",").compactMap { Role(rawValue: String($0)) }),
                              tier: PriorityTier(rawValue: try row.string("a_tier")) ?? .normal,
                              passwordHash: try row.optionalString("a_password_hash"), disabled: try row.int("a_disabled") != 0,
                              createdAt: try row.date("a_created_at"), createdBy: try row.string("a_created_by"))
        let names = try row.optionalString("team_names").map { Set($0.split(separator: "\u{1F}").map(String.init)) } ?? []
        return (token, account, names)
    }
}
