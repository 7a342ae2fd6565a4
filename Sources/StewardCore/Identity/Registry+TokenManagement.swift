import Foundation

extension Registry {
    /// Longest lifetime a token may be given.
    public static let maxTokenLifetime: TimeInterval = 366 * 86_400

    /// Issues a token for the caller's own account, or (administrators) for another account. The
    /// secret is returned once and stored only as a hash. A token never carries more scopes than
    /// its creator's credential.
    public func createToken(name: String, scopes: Set<TokenScope>, expiresAt: Date?, account accountName: String? = nil,
                            by principal: Principal) async throws -> (TokenRecord, secret: String) {
        let forOther = accountName != nil && accountName != principal.name
        if forOther { try AccessPolicy.authorize(principal, .manageIdentity) }
        var validator = Validator()
        validator.check(!name.isEmpty && name.count <= 100 && !name.containsControlCharacter, "name", "must be 1–100 characters")
        validator.check(!scopes.isEmpty, "scopes", "must name at least one of read, write, admin")
        if let callerScopes = principal.scopes {
            let widest: Set<TokenScope> = callerScopes.contains(.admin) ? [.read, .write, .admin]
                : callerScopes.contains(.write) ? [.read, .write] : [.read]
            validator.check(scopes.isSubset(of: widest), "scopes", "cannot exceed the scopes of the credential that creates the token")
        }
        let now = clock()
        if let expiresAt {
            validator.check(expiresAt > now, "expires_at", "must be in the future")
            validator.check(expiresAt.timeIntervalSince(now) <= Self.maxTokenLifetime, "expires_at", "must be within 366 days")
        }
        try validator.finish()
        let secret = AccessToken.generate()
        return try await store.write { tx in
            let account = try await Self.requireAccount(tx, accountName ?? principal.name)
            let record = TokenRecord(id: Self.newID(), hash: AccessToken.hash(secret), accountID: account.id, name: name,
                                     scopes: scopes, createdAt: now, createdBy: principal.name, expiresAt: expiresAt)
            _ = try await tx.insertToken(record)
            try await tx.audit("token.create", AuditTarget("token", id: record.id),
                               after: ["account": .string(account.name), "name": .string(name), "scopes": .array(scopes.map(\.rawValue).sorted().map(JSONValue.string)),
                                       "expires_at": expiresAt.map { .string(Timestamp.format($0)) } ?? .null], by: principal, at: now)
            return (record, secret)
        }
    }

    /// Lists tokens (never their secrets): the caller's own, or (administrators) everyone's.
    public func tokens(all: Bool, by principal: Principal) async throws -> [TokenRecord] {
        if all { try AccessPolicy.authorize(principal, .manageIdentity) }
        return try await store.read { try await $0.tokens(accountID: all ? nil : principal.id) }
    }

    /// Revokes a token: the caller's own, or any (administrators). Takes effect on the next request
    /// on every replica, since every request looks the token up.
    public func revokeToken(id: String, by principal: Principal) async throws {
        let now = clock()
        try await store.write { tx in
            guard let record = try await tx.token(id: id) else {
                throw DomainError(.notFound, code: "token_not_found", "There is no token '\(id)'.")
            }
            if record.accountID != principal.id {
                do { try AccessPolicy.authorize(principal, .manageIdentity) } catch {
                    throw DomainError(.notFound, code: "token_not_found", "There is no token '\(id)'.")
                }
            }
            if record.revokedAt == nil {
                try await tx.revokeToken(id: id, at: now)
                try await tx.audit("token.revoke", AuditTarget("token", id: id), after: ["revoked_at": .string(Timestamp.format(now))], by: principal, at: now)
            }
        }
    }
}
