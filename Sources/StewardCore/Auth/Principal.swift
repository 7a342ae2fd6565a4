/// Who is making a request, as established by authentication.
///
/// Issue 2 only knows the bootstrap administrator; users, teams, service accounts and per-model
/// grants (issue 4) extend `roles` and add grants without changing how doors obtain a principal.
public struct Principal: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable, Codable {
        case user, service, consumer
    }

    /// Stable identifier.
    public var id: String
    /// Display name recorded as `created_by` / `updated_by`.
    public var name: String
    public var kind: Kind
    public var roles: Set<Role>
    /// How the request authenticated (for example `token:<token id>`), for logs and audit.
    public var authenticatedBy: String

    public init(id: String, name: String, kind: Kind, roles: Set<Role>, authenticatedBy: String) {
        self.id = id
        self.name = name
        self.kind = kind
        self.roles = roles
        self.authenticatedBy = authenticatedBy
    }

    public var isAdmin: Bool { roles.contains(.admin) }
}

/// Global roles.
public enum Role: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    case viewer, contributor, maintainer, approver, auditor, admin
}
