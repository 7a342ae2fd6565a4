/// Access to one model given to an account or a team.
public struct ModelGrant: Sendable, Equatable {
    /// Who receives the grant.
    public enum Subject: Sendable, Equatable, Hashable {
        case account(id: String, name: String)
        case team(id: String, name: String)

        public var id: String {
            switch self {
            case .account(let id, _), .team(let id, _): id
            }
        }
    }

    public var modelID: String
    public var subject: Subject
    public var permission: Permission

    public init(modelID: String, subject: Subject, permission: Permission) {
        self.modelID = modelID
        self.subject = subject
        self.permission = permission
    }
}

/// Levels of access to a model, each including the ones below it.
public enum Permission: String, Sendable, Equatable, Hashable, CaseIterable, Codable, Comparable {
    /// See the model, its versions and aliases, download artifacts.
    case read
    /// Also create versions, upload files, edit metadata.
    case write
    /// Also move aliases, delete versions and the model, manage grants.
    case maintain

    private var rank: Int {
        switch self {
        case .read: 1
        case .write: 2
        case .maintain: 3
        }
    }

    public static func < (lhs: Permission, rhs: Permission) -> Bool { lhs.rank < rhs.rank }
}

/// Who may see a model at all.
public enum Visibility: String, Sendable, Equatable, Codable, CaseIterable {
    /// Every authenticated principal with a role may see it.
    case `internal`
    /// Only administrators, members of the owning team and grantees know it exists.
    case restricted
}
