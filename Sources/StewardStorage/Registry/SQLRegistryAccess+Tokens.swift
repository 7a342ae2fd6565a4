import Foundation
import SQLKit
import StewardCore

extension SQLRegistryAccess {
    func token(hash: String) async throws -> TokenRecord? {
        guard let row = try await db.raw("""
            SELECT id, hash, principal_id, principal_name, principal_kind, roles, created_at, expires_at, revoked_at
            FROM tokens WHERE hash = \(bind: hash)
            """).all().first else { return nil }
        let id = try row.string("id")
        let roles = Set(try row.string("roles").split(separator: ",").compactMap { Role(rawValue: String($0)) })
        let principal = Principal(id: try row.string("principal_id"), name: try row.string("principal_name"),
                                  kind: Principal.Kind(rawValue: try row.string("principal_kind")) ?? .user,
                                  roles: roles, authenticatedBy: "token:\(id)")
        return TokenRecord(id: id, hash: try row.string("hash"), principal: principal, createdAt: try row.date("created_at"),
                           expiresAt: try row.optionalDate("expires_at"), revokedAt: try row.optionalDate("revoked_at"))
    }

    func insertToken(_ token: TokenRecord) async throws -> Bool {
        let rows = try await db.raw("""
            INSERT INTO tokens (id, hash, principal_id, principal_name, principal_kind, roles, created_at, expires_at)
            VALUES (\(bind: token.id), \(bind: token.hash), \(bind: token.principal.id), \(bind: token.principal.name),
                    \(bind: token.principal.kind.rawValue), \(bind: token.principal.roles.map(\.rawValue).sorted().joined(separator: ",")),
                    \(bind: token.createdAt.millis), \(bind: token.expiresAt?.millis))
            ON CONFLICT (id) DO NOTHING RETURNING id
            """).all()
        return !rows.isEmpty
    }
}
