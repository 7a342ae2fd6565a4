import Foundation
import StewardCore

/// Users: the accounts and the form that creates one.
struct UsersView: Sendable {
    var rows: [Row]
    var roles: [Choice]
    var kinds: [Choice]

    struct Row: Sendable {
        var name: String
        var kind: String
        var roles: String
        var disabled: Bool
        var created: String
    }
}

/// Teams with their members, and the forms that create a team and add a member.
struct TeamsView: Sendable {
    var rows: [Row]

    struct Row: Sendable {
        var name: String
        var description: String
        var members: String
        var action: String
    }
}

/// Tokens (never their secrets, except a new one once), with revoke buttons.
struct TokensView: Sendable {
    var rows: [Row]
    var all: Bool
    /// The secret of a token just created: shown on this response only.
    var newSecret: String?
    var scopes: [Choice]

    struct Row: Sendable {
        var id: String
        var name: String
        var account: String
        var scopes: String
        var created: String
        var expires: String
        var lastUsed: String
        var state: String
        var revocable: Bool
        var revokeAction: String
    }
}

extension TokensView.Row {
    init(_ token: TokenRecord, now: Date) {
        id = token.id
        name = token.name
        account = token.accountID
        scopes = token.scopes.map(\.rawValue).sorted().joined(separator: ", ")
        created = "\(Format.time(token.createdAt)) by \(token.createdBy)"
        expires = token.expiresAt.map { Format.time($0) } ?? "never"
        lastUsed = token.lastUsedAt.map { Format.time($0) } ?? "—"
        state = token.revokedAt != nil ? "revoked" : token.isUsable(at: now) ? "active" : "expired"
        revocable = token.revokedAt == nil
        revokeAction = "/ui/admin/tokens/\(URLText.segment(token.id))/revoke"
    }
}

/// Model templates (required card fields and metrics, schemas) with, for administrators, their edit
/// and delete buttons and the form that creates one.
struct TemplatesView: Sendable {
    var rows: [Row]
    /// The create form (shown to administrators).
    var form: TemplateFormView
    /// Why the last change was refused (shown above the table).
    var error: String?

    struct Row: Sendable {
        var name: String
        var description: String
        var cardFields: String
        var metrics: String
        var schemas: String
        var updated: String
        var editLink: String
        var deleteAction: String
    }
}
