import Foundation

/// An identity asserted by a trusted single sign-on issuer (an OIDC ID or access token whose
/// signature, issuer, audience and validity times were already verified by the door).
public struct ExternalIdentity: Sendable, Equatable {
    /// The issuer (`iss`) that vouched for it.
    public var issuer: String
    /// The issuer's stable identifier of the person (`sub`).
    public var subject: String
    /// The Steward account name (from the configured username claim).
    public var username: String
    /// Team names (from the groups claim).
    public var teams: Set<String>
    /// Global roles (from the roles claim; unknown role names are ignored).
    public var roles: Set<Role>

    public init(issuer: String, subject: String, username: String, teams: Set<String>, roles: Set<Role>) {
        self.issuer = issuer
        self.subject = subject
        self.username = username
        self.teams = teams
        self.roles = roles
    }
}

extension Registry {
    /// The principal for a verified single sign-on identity. The account is created on first sign-in
    /// (just-in-time provisioning) and its roles follow the issuer's claims on every sign-in, so the
    /// identity provider stays the source of truth; a disabled account stays locked out.
    public func authenticate(external identity: ExternalIdentity) async throws -> Principal {
        guard (try? Account.validateName(identity.username)) != nil else { throw Self.unauthenticated }
        let now = clock()
        // The usual case (a known account whose roles did not change) is a read: only a first
        // sign-in or a change of roles takes the write transaction.
        let known = try await store.read { try await $0.account(named: identity.username) }
        let account: Account
        if let known, known.roles == identity.roles {
            account = known
        } else {
            account = try await syncExternalAccount(identity, at: now)
        }
        guard !account.disabled else { throw Self.unauthenticated }
        // Teams come from the token (the directory owns group membership), plus any local memberships.
        let local = try await store.read { try await $0.teamNames(accountID: account.id) }
        return account.principal(teams: identity.teams.union(local), authenticatedBy: "oidc:\(identity.issuer)", scopes: nil)
    }

    /// Creates the account of a first sign-in, or brings its roles in line with the claims.
    private func syncExternalAccount(_ identity: ExternalIdentity, at now: Date) async throws -> Account {
        try await store.write { tx in
            if var existing = try await tx.account(named: identity.username) {
                if existing.roles != identity.roles {
                    let before = existing.auditSummary
                    existing.roles = identity.roles
                    try await tx.updateAccount(existing)
                    try await tx.auditChange("account.sync_roles", AuditTarget("account", id: existing.name), from: before, to: existing.auditSummary,
                                             by: existing.principal(teams: identity.teams, authenticatedBy: "oidc:\(identity.issuer)", scopes: nil), at: now)
                }
                return existing
            }
            let created = Account(id: Self.newID(), name: identity.username, kind: .user, roles: identity.roles,
                                  createdAt: now, createdBy: "oidc:\(identity.issuer)")
            if try await tx.insertAccount(created) {
                try await tx.audit("account.provision", AuditTarget("account", id: created.name), after: created.auditSummary,
                                   by: created.principal(teams: identity.teams, authenticatedBy: "oidc:\(identity.issuer)", scopes: nil), at: now)
            }
            return try await tx.account(named: identity.username) ?? created
        }
    }
}
