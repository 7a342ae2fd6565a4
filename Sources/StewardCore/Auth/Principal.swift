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
    /// Scheduling priority when the server is saturated (consumers may be given `high` or `low`).
    public var tier: PriorityTier
    /// Teams the principal belongs to (ids).
    public var teams: Set<String>
    /// What the presented credential may do, whatever the roles allow (a read-only token of an
    /// admin is read-only). `nil` means unrestricted.
    public var scopes: Set<TokenScope>?
    /// Where the request came from (request id, client address, user agent, door); the doors set
    /// it so every audit entry records it. `nil` for in-process callers such as tests.
    public var origin: RequestOrigin?

    public init(id: String, name: String, kind: Kind, roles: Set<Role>, authenticatedBy: String,
                tier: PriorityTier = .normal, teams: Set<String> = [], scopes: Set<TokenScope>? = nil) {
        self.id = id
        self.name = name
        self.kind = kind
        self.roles = roles
        self.authenticatedBy = authenticatedBy
        self.tier = tier
        self.teams = teams
        self.scopes = scopes
    }

    public var isAdmin: Bool { roles.contains(.admin) }

    /// The server itself, acting for a background job (retention, deliveries, monitoring).
    public static func system(job: String) -> Principal {
        var principal = Principal(id: "system", name: "steward", kind: .service, roles: [.admin], authenticatedBy: "job:\(job)")
        principal.origin = RequestOrigin(requestID: "job-\(job)", clientAddress: nil, userAgent: nil, door: "job")
        return principal
    }
}

/// Global roles.
public enum Role: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    case viewer, contributor, maintainer, approver, auditor, admin
}

/// Priority tiers: under saturation low-priority traffic is refused first.
public enum PriorityTier: String, Sendable, Equatable, Hashable, CaseIterable, Codable, Comparable {
    case low, normal, high

    private var rank: Int {
        switch self {
        case .low: 0
        case .normal: 1
        case .high: 2
        }
    }

    public static func < (lhs: PriorityTier, rhs: PriorityTier) -> Bool { lhs.rank < rhs.rank }
}

/// What a token may be used for.
public enum TokenScope: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
    case read, write, admin
}
