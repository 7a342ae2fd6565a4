import Foundation

/// A principal Steward knows by name: a person (`user`), an automation (`service`) or an
/// application that uses models (`consumer`).
public struct Account: Sendable, Equatable {
    public var id: String
    /// Unique login name.
    public var name: String
    public var kind: Principal.Kind
    public var roles: Set<Role>
    public var tier: PriorityTier
    /// Encoded password hash (`PasswordHasher`); nil when the account cannot sign in with a password.
    public var passwordHash: String?
    /// A disabled account cannot authenticate, whatever its tokens.
    public var disabled: Bool
    public var createdAt: Date
    public var createdBy: String

    public init(id: String, name: String, kind: Principal.Kind, roles: Set<Role>, tier: PriorityTier = .normal,
                passwordHash: String? = nil, disabled: Bool = false, createdAt: Date, createdBy: String) {
        self.id = id
        self.name = name
        self.kind = kind
        self.roles = roles
        self.tier = tier
        self.passwordHash = passwordHash
        self.disabled = disabled
        self.createdAt = createdAt
        self.createdBy = createdBy
    }

    /// The principal of a request made by this account.
    public func principal(teams: Set<String>, authenticatedBy: String, scopes: Set<TokenScope>?) -> Principal {
        Principal(id: id, name: name, kind: kind, roles: roles, authenticatedBy: authenticatedBy, tier: tier,
                  teams: teams, scopes: scopes)
    }

    /// Account and team names: 1–64 of letters, digits, `.`, `_`, `-`, `@`, starting with a letter or digit.
    @discardableResult
    public static func validateName(_ name: String, field: String = "name") throws -> String {
        let scalars = Array(name.unicodeScalars)
        let allowed: (Unicode.Scalar) -> Bool = {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "._-@".unicodeScalars.contains($0)
        }
        guard (1...64).contains(scalars.count), scalars.allSatisfy(allowed), let first = scalars.first,
              !"._-@".unicodeScalars.contains(first) else {
            throw DomainError.invalidField(field, "must be 1–64 letters, digits, '.', '_', '-' or '@', starting with a letter or digit")
        }
        return name
    }
}

/// A named group of accounts; teams own models and receive grants.
public struct Team: Sendable, Equatable {
    public var id: String
    public var name: String
    public var description: String
    /// Member account names, sorted.
    public var members: [String]
    public var createdAt: Date

    public init(id: String, name: String, description: String = "", members: [String] = [], createdAt: Date) {
        self.id = id
        self.name = name
        self.description = description
        self.members = members
        self.createdAt = createdAt
    }
}
