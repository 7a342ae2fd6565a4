import Foundation
import StewardCore

/// `Account` in openapi.yaml (never the password hash).
struct AccountBody: Encodable {
    var name: String
    var kind: String
    var roles: [String]
    var tier: String
    var disabled: Bool
    var hasPassword: Bool
    var teams: [String]?
    var createdAt: String
    var createdBy: String
    enum CodingKeys: String, CodingKey {
        case name, kind, roles, tier, disabled, teams
        case hasPassword = "has_password", createdAt = "created_at", createdBy = "created_by"
    }

    init(_ account: Account, teams: [String]? = nil) {
        name = account.name
        kind = account.kind.rawValue
        roles = account.roles.map(\.rawValue).sorted()
        tier = account.tier.rawValue
        disabled = account.disabled
        hasPassword = account.passwordHash != nil
        self.teams = teams
        createdAt = Timestamp.format(account.createdAt)
        createdBy = account.createdBy
    }
}

/// `AccountCreate` in openapi.yaml.
struct AccountCreateBody: Decodable {
    var name: String
    var kind: Principal.Kind?
    var roles: [Role]?
    var tier: PriorityTier?
    var password: String?
}

/// `AccountUpdate` in openapi.yaml.
struct AccountUpdateBody: Decodable {
    var roles: [Role]?
    var tier: PriorityTier?
    var disabled: Bool?
    var password: String?
}

/// `Team` in openapi.yaml.
struct TeamBody: Encodable {
    var name: String
    var description: String
    var members: [String]
    var createdAt: String
    enum CodingKeys: String, CodingKey { case name, description, members, createdAt = "created_at" }

    init(_ team: Team) {
        name = team.name
        description = team.description
        members = team.members
        createdAt = Timestamp.format(team.createdAt)
    }
}

/// `TeamCreate` in openapi.yaml.
struct TeamCreateBody: Decodable {
    var name: String
    var description: String?
}

/// `Token` in openapi.yaml; `secret` only in the response that creates it.
struct TokenBody: Encodable {
    var record: TokenRecord
    var account: String?
    var secret: String?

    enum CodingKeys: String, CodingKey {
        case id, name, scopes, account, secret
        case createdAt = "created_at", createdBy = "created_by", expiresAt = "expires_at", revokedAt = "revoked_at",
             lastUsedAt = "last_used_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(record.id, forKey: .id)
        try container.encode(record.name, forKey: .name)
        try container.encode(record.scopes.map(\.rawValue).sorted(), forKey: .scopes)
        try container.encodeIfPresent(account, forKey: .account)
        try container.encodeIfPresent(secret, forKey: .secret)
        try container.encode(Timestamp.format(record.createdAt), forKey: .createdAt)
        try container.encode(record.createdBy, forKey: .createdBy)
        try container.encode(record.expiresAt.map(Timestamp.format), forKey: .expiresAt)
        try container.encode(record.revokedAt.map(Timestamp.format), forKey: .revokedAt)
        try container.encode(record.lastUsedAt.map(Timestamp.format), forKey: .lastUsedAt)
    }
}

/// `TokenCreate` in openapi.yaml.
struct TokenCreateBody: Decodable {
    var name: String
    var scopes: [TokenScope]?
    var expiresAt: String?
    var account: String?
    enum CodingKeys: String, CodingKey { case name, scopes, account, expiresAt = "expires_at" }
}

/// `Grant` in openapi.yaml.
struct GrantBody: Encodable {
    var subject: String
    var permission: String

    init(_ grant: ModelGrant) {
        subject = switch grant.subject {
        case .account(_, let name): "account:\(name)"
        case .team(_, let name): "team:\(name)"
        }
        permission = grant.permission.rawValue
    }
}

/// `GrantSet` in openapi.yaml.
struct GrantSetBody: Decodable {
    var permission: Permission
}
