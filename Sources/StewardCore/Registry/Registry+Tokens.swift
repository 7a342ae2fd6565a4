import Foundation

extension Registry {
    /// The principal behind a bearer token, or `unauthenticated`. Unknown, revoked and expired tokens
    /// and disabled accounts all get the same answer, so the response reveals nothing about which it was.
    public func authenticate(token: String) async throws -> Principal {
        guard token.count <= 512, !token.isEmpty else { throw Self.unauthenticated }
        let hash = AccessToken.hash(token)
        let now = clock()
        let found = try await store.tokenHolder(hash: hash)
        guard let (record, account, teams) = found, record.isUsable(at: now), !account.disabled else { throw Self.unauthenticated }
        // Last use is recorded at most once a minute per token, so reads do not turn into writes.
        if (record.lastUsedAt.map { now.timeIntervalSince($0) > 60 } ?? true) {
            try? await store.write { try await $0.touchToken(id: record.id, at: now) }
        }
        return account.principal(teams: teams, authenticatedBy: "token:\(record.id)", scopes: record.scopes)
    }

    /// The principal behind a user name and password (HTTP Basic). A password that is a Steward
    /// token authenticates as that token (the MLflow client sends tokens this way), whatever the name.
    public func authenticate(username: String, password: String) async throws -> Principal {
        if password.hasPrefix(AccessToken.prefix) { return try await authenticate(token: password) }
        guard username.count <= 64, password.count <= 1024 else { throw Self.unauthenticated }
        let found: (Account, Set<String>)? = try await store.read { tx in
            guard let account = try await tx.account(named: username) else { return nil }
            return (account, try await tx.teamNames(accountID: account.id))
        }
        guard let (account, teams) = found, !account.disabled, let hash = account.passwordHash,
              PasswordHasher.verify(password, against: hash) else {
            throw Self.unauthenticated
        }
        return account.principal(teams: teams, authenticatedBy: "password", scopes: nil)
    }

    static let unauthenticated = DomainError(.unauthenticated, code: "unauthenticated", "Valid credentials are required.")

    /// Creates the bootstrap administrator account and its token on a fresh installation. Returns
    /// the secret when this call created it (to show once), nil when it already existed (possibly
    /// created by another replica at the same moment).
    public func bootstrapAdminToken() async throws -> String? {
        let secret = AccessToken.generate()
        let now = clock()
        let account = Account(id: "admin", name: "admin", kind: .user, roles: [.admin], createdAt: now, createdBy: "bootstrap")
        let record = TokenRecord(id: "bootstrap-admin", hash: AccessToken.hash(secret), accountID: account.id,
                                 name: "bootstrap admin token", scopes: [.admin, .write, .read], createdAt: now,
                                 createdBy: "bootstrap")
        return try await store.write { tx in
            let createdAccount = try await tx.insertAccount(account)
            let createdToken = try await tx.insertToken(record)
            if createdAccount || createdToken {
                try await tx.audit("account.bootstrap", AuditTarget("account", id: account.name),
                                   after: ["account_created": .bool(createdAccount), "token_id": .string(record.id), "roles": ["admin"]],
                                   by: .system(job: "bootstrap"), at: now)
            }
            return createdToken ? secret : nil
        }
    }
}
