import Foundation
import Hummingbird
import StewardCore

/// Administration: users, teams, templates (`WebRoutes+Templates`) and tokens, through the identity use cases (which refuse
/// non-administrators exactly as the API does; a user may still manage their own tokens).
extension WebRoutes {
    func registerAdmin(on ui: RouterGroup<Context>) {
        ui.get("admin") { _, _ in WebResponse.redirect("/ui/admin/users") }
        page(ui, "admin/users") { request, _, user in
            try await usersPage(user, notice: request.uri.queryParameters.get("done"))
        }
        action(ui, "admin/users") { _, _, user, form in
            guard let name = form["name"] else { throw DomainError.invalidField("name", "is required") }
            let roles = Set(form.all("role").compactMap(Role.init(rawValue:)))
            let kind = form["kind"].flatMap(Principal.Kind.init(rawValue:)) ?? .user
            let account = try await registry.createAccount(AccountDraft(name: name, kind: kind, roles: roles.isEmpty ? [.viewer] : roles,
                                                                        password: form.fields["password"]?.last.flatMap { $0.isEmpty ? nil : $0 }),
                                                           by: user.principal)
            return WebResponse.redirect("/ui/admin/users?" + URLText.query([("done", "Created account \(account.name).")]))
        }
        page(ui, "admin/teams") { request, _, user in
            let teams = try await registry.teams(by: user.principal)
            let view = TeamsView(rows: teams.map {
                TeamsView.Row(name: $0.name, description: $0.description, members: $0.members.joined(separator: ", "),
                              action: "/ui/admin/teams/\(URLText.segment($0.name))/members")
            })
            return try render(Layout(title: "Teams", user: user, section: .admin, notice: request.uri.queryParameters.get("done")), view, "teams")
        }
        action(ui, "admin/teams") { _, _, user, form in
            guard let name = form["name"] else { throw DomainError.invalidField("name", "is required") }
            let team = try await registry.createTeam(name: name, description: form["description"] ?? "", by: user.principal)
            return WebResponse.redirect("/ui/admin/teams?" + URLText.query([("done", "Created team \(team.name).")]))
        }
        action(ui, "admin/teams/:team/members") { _, context, user, form in
            guard let account = form["account"] else { throw DomainError.invalidField("account", "is required") }
            let team = try await registry.addMember(team: try Self.pathValue(context, "team"), account: account, by: user.principal)
            return WebResponse.redirect("/ui/admin/teams?" + URLText.query([("done", "Added \(account) to \(team.name).")]))
        }
        registerTemplates(on: ui)
        page(ui, "admin/tokens") { request, _, user in
            try await tokensPage(user, secret: nil, notice: request.uri.queryParameters.get("done"))
        }
        action(ui, "admin/tokens") { _, _, user, form in
            let scopes = Set(form.all("scope").compactMap(TokenScope.init(rawValue:)))
            let days = form["days"].flatMap(Int.init) ?? 30
            guard (1...366).contains(days) else { throw DomainError.invalidField("days", "must be between 1 and 366") }
            let (_, secret) = try await registry.createToken(name: form["name"] ?? "", scopes: scopes,
                                                              expiresAt: Date().addingTimeInterval(Double(days) * 86_400), by: user.principal)
            return try await tokensPage(user, secret: secret, notice: "Token created. Copy it now: it is not shown again.")
        }
        action(ui, "admin/tokens/:id/revoke") { _, context, user, _ in
            try await registry.revokeToken(id: try Self.pathValue(context, "id"), by: user.principal)
            return WebResponse.redirect("/ui/admin/tokens?" + URLText.query([("done", "Token revoked.")]))
        }
    }

    func usersPage(_ user: WebUser, notice: String?) async throws -> Response {
        let accounts = try await registry.accounts(by: user.principal)
        let view = UsersView(
            rows: accounts.map {
                UsersView.Row(name: $0.name, kind: $0.kind.rawValue, roles: $0.roles.map(\.rawValue).sorted().joined(separator: ", "),
                              disabled: $0.disabled, created: Format.time($0.createdAt))
            },
            roles: Role.allCases.map { Choice(value: $0.rawValue, label: $0.rawValue, selected: $0 == .viewer) },
            kinds: [Principal.Kind.user, .service, .consumer].map { Choice(value: $0.rawValue, label: $0.rawValue, selected: $0 == .user) })
        return try render(Layout(title: "Users", user: user, section: .admin, notice: notice), view, "users")
    }

    func tokensPage(_ user: WebUser, secret: String?, notice: String?) async throws -> Response {
        let tokens = try await registry.tokens(all: user.isAdmin, by: user.principal)
        let now = Date()
        let view = TokensView(rows: tokens.sorted { $0.createdAt > $1.createdAt }.map { TokensView.Row($0, now: now) }, all: user.isAdmin,
                              newSecret: secret,
                              scopes: TokenScope.allCases.map { Choice(value: $0.rawValue, label: $0.rawValue, selected: $0 == .read) })
        return try render(Layout(title: "Tokens", user: user, section: .admin, notice: notice), view, "tokens",
                          status: secret == nil ? .ok : .created)
    }
}
