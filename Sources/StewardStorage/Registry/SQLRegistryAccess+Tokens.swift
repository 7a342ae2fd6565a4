import Foundation
import SQLKit
import StewardCore

extension SQLRegistryAccess {
    static let tokenColumns = "id, hash, account_id, name, scopes, created_at, created_by, expires_at, revoked_at, last_used_at"

    func token(hash: String) async throws -> TokenRecord? {
        try await db.raw("SELECT \(unsafeRaw: Self.tokenColumns) FROM tokens WHERE hash = \(bind: hash)").all().first.map(decodeToken)
    }

    func token(id: String) async throws -> TokenRecord? {
        try await db.raw("SELECT \(unsafeRaw: Self.tokenColumns) FROM tokens WHERE id = \(bind: id)").all().first.map(decodeToken)
    }

    func tokens(accountID: String?) async throws -> [TokenRecord] {
        var sql: SQLQueryString = "SELECT \(unsafeRaw: Self.tokenColumns) FROM tokens"
        if let accountID { sql += " WHERE account_id = \(bind: accountID)" }
        sql += " ORDER BY created_at DESC, id"
        return try await db.raw(sql).all().map(decodeToken)
    }

    func insertToken(_ token: TokenRecord) async throws -> Bool {
        let rows = try await db.raw("""
            INSERT INTO tokens (id, hash, account_id, name, scopes, created_at, created_by, expires_at)
            VALUES (\(bind: token.id), \(bind: token.hash), \(bind: token.accountID), \(bind: token.name),
                    \(bind: token.scopes.map(\.rawValue).sorted().joined(separator: ",")), \(bind: token.createdAt.millis),
                    \(bind: token.createdBy), \(bind: token.expiresAt?.millis))
            ON CONFLICT (id) DO NOTHING RETURNING id
            """).all()
        if rows.isEmpty { journal?.retract("tokens") } // a conflict: nothing changed
        return !rows.isEmpty
    }

    func revokeToken(id: String, at date: Date) async throws {
        try await db.raw("UPDATE tokens SET revoked_at = \(bind: date.millis) WHERE id = \(bind: id) AND revoked_at IS NULL").run()
    }

    func touchToken(id: String, at date: Date) async throws {
        // Last-used bookkeeping is not an audited change (`WriteJournal.isBookkeeping`), but it is
        // journaled so the credential cache sees it.
        try await db.raw("UPDATE tokens SET last_used_at = \(bind: date.millis) WHERE id = \(bind: id)").run()
    }

    private func decodeToken(_ row: any SQLRow) throws -> TokenRecord {
        TokenRecord(id: try row.string("id"), hash: try row.string("hash"), accountID: try row.string("account_id"),
                    name: try row.string("name"),
                    scopes: Set(try row.string("scopes").split(separator: ",").compactMap { TokenScope(rawValue: String($0)) }),
                    createdAt: try row.date("created_at"), createdBy: try row.string("created_by"),
                    expiresAt: try row.optionalDate("expires_at"), revokedAt: try row.optionalDate("revoked_at"),
                    lastUsedAt: try row.optionalDate("last_used_at"))
    }
}
