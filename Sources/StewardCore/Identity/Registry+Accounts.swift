import Foundation

/// The fields an administrator supplies to create an account.
public struct AccountDraft: Sendable, Equatable {
    public var name: String
    public var kind: Principal.Kind
    public var roles: Set<Role>
    public var tier: PriorityTier
    public var password: String?

    public init(name: String, kind: Principal.Kind = .user, roles: Set<Role> = [.viewer], tier: PriorityTier = .normal,
                password: String? = nil) {
        self.name = name
        self.kind = kind
        self.roles = roles
        self.tier = tier
        self.password = password
    }
}

/// A partial update of an account; nil leaves a field unchanged.
public struct AccountPatch: Sendable, Equatable {
    public var roles: Set<Role>?
    public var tier: PriorityTier?
    public var disabled: Bool?
    public var password: String?

    public init(roles: Set<Role>? = nil, tier: PriorityTier? = nil, disabled: Bool? = nil, password: String? = nil) {
        self.roles = roles
        self.tier = tier
        self.disabled = disabled
        self.password = password
    }
}

extension Registry {
    /// Creates a user, service account or consumer (administrators only).
    public func createAccount(_ draft: AccountDraft, by principal: Principal) async throws -> Account {
        try AccessPolicy.authorize(principal, .manageIdentity)
        var validator = Validator()
        validator.capture { try Account.validateName(draft.name) }
        if let password = draft.password { validator.capture { try PasswordHasher.validate(password) } }
        try validator.finish()
        let hash = try draft.password.map(PasswordHasher.hash)
        let now = clock()
        let account = Account(id: Self.newID(), name: draft.name, kind: draft.kind, roles: draft.roles, tier: draft.tier,
                              passwordHash: hash, createdAt: now, createdBy: principal.name)
        guard try await store.write({ tx in
            guard try await tx.insertAccount(account) else { return false }
            try await tx.audit("account.create", AuditTarget("account", id: account.name), after: account.auditSummary, by: principal, at: now)
            return true
        }) else {
            throw DomainError(.conflict, code: "account_already_exists", "An account named '\(draft.name)' already exists.")
        }
        return account
    }

    /// Lists accounts (administrators only).
    public func accounts(by principal: Principal) async throws -> [Account] {
        try AccessPolicy.authorize(principal, .manageIdentity)
        return try await store.read { try await $0.accounts() }
    }

    /// Reads one account: administrators any, others only their own.
    public func account(named name: String, by principal: Principal) async throws -> Account {
        if name != principal.name { try AccessPolicy.authorize(principal, .manageIdentity) }
        return try await store.read { try await Self.requireAccount($0, name) }
    }

    /// Changes roles, tier, disabled state or password (administrators; anyone may change their own password).
    public func updateAccount(named name: String, _ patch: AccountPatch, by principal: Principal) async throws -> Account {
        let ownPasswordOnly = name == principal.name && patch.roles == nil && patch.tier == nil && patch.disabled == nil
        if !ownPasswordOnly { try AccessPolicy.authorize(principal, .manageIdentity) }
        if let password = patch.password { try PasswordHasher.validate(password) }
        let hash = try patch.password.map(PasswordHasher.hash)
        return try await store.write { tx in
            var account = try await Self.requireAccount(tx, name)
            let before = account.auditSummary
            if let roles = patch.roles { account.roles = roles }
            if let tier = patch.tier { account.tier = tier }
            if let disabled = patch.disabled {
                if disabled && account.id == "admin" && principal.id == "admin" {
                    throw DomainError(.conflict, code: "cannot_disable_self", "The bootstrap administrator cannot disable itself.")
                }
                account.disabled = disabled
            }
            if let hash { account.passwordHash = hash }
            try await tx.updateAccount(account)
            var after = account.auditSummary
            if hash != nil, case .object(var fields) = after { fields["password_changed"] = true; after = .object(fields) }
            try await tx.auditChange("account.update", AuditTarget("account", id: account.name), from: before, to: after, by: principal, at: clock())
            return account
        }
    }

    static func requireAccount(_ reader: any RegistryReader, _ name: String) async throws -> Account {
        guard let account = try await reader.account(named: name) else {
            throw DomainError(.notFound, code: "account_not_found", "There is no account named '\(name)'.")
        }
        return account
    }
}
