import Foundation
import Hummingbird
import StewardCore

/// Handlers of the identity API: who am I, accounts, teams, tokens and model grants.
struct IdentityRoutes: Sendable {
    let registry: Registry

    func register(on api: RouterGroup<StewardRequestContext>) {
        api.get("whoami") { _, context in
            let principal = try context.requirePrincipal()
            return try JSONResponse.make(WhoAmIBody(name: principal.name, kind: principal.kind.rawValue,
                                                    roles: principal.roles.map(\.rawValue).sorted(), teams: principal.teams.sorted(),
                                                    scopes: principal.scopes?.map(\.rawValue).sorted(),
                                                    authenticatedBy: principal.authenticatedBy))
        }
        api.post("accounts") { request, context in
            let body = try await request.decodeJSON(AccountCreateBody.self, context: context)
            let account = try await registry.createAccount(
                AccountDraft(name: body.name, kind: body.kind ?? .user, roles: Set(body.roles ?? [.viewer]),
                             tier: body.tier ?? .normal, password: body.password), by: try context.requirePrincipal())
            return try JSONResponse.make(AccountBody(account), status: .created)
        }
        api.get("accounts") { _, context in
            let accounts = try await registry.accounts(by: try context.requirePrincipal())
            return try JSONResponse.make(["accounts": accounts.map { AccountBody($0) }])
        }
        api.get("accounts/:account") { _, context in
            let principal = try context.requirePrincipal()
            let account = try await registry.account(named: try context.parameters.decoded("account"), by: principal)
            return try JSONResponse.make(AccountBody(account))
        }
        api.patch("accounts/:account") { request, context in
            let body = try await request.decodeJSON(AccountUpdateBody.self, context: context)
            let account = try await registry.updateAccount(
                named: try context.parameters.decoded("account"),
                AccountPatch(roles: body.roles.map(Set.init), tier: body.tier, disabled: body.disabled, password: body.password),
                by: try context.requirePrincipal())
            return try JSONResponse.make(AccountBody(account))
        }
        registerTeams(on: api)
        registerTokens(on: api)
        registerGrants(on: api)
    }

    private func registerTeams(on api: RouterGroup<StewardRequestContext>) {
        api.post("teams") { request, context in
            let body = try await request.decodeJSON(TeamCreateBody.self, context: context)
            let team = try await registry.createTeam(name: body.name, description: body.description ?? "", by: try context.requirePrincipal())
            return try JSONResponse.make(TeamBody(team), status: .created)
        }
        api.get("teams") { _, context in
            try JSONResponse.make(["teams": try await registry.teams(by: try context.requirePrincipal()).map(TeamBody.init)])
        }
        api.get("teams/:team") { _, context in
            try JSONResponse.make(TeamBody(try await registry.team(named: try context.parameters.decoded("team"), by: try context.requirePrincipal())))
        }
        api.delete("teams/:team") { _, context in
            try await registry.deleteTeam(named: try context.parameters.decoded("team"), by: try context.requirePrincipal())
            return JSONResponse.noContent()
        }
        api.put("teams/:team/members/:account") { _, context in
            let team = try await registry.addMember(team: try context.parameters.decoded("team"),
                                                    account: try context.parameters.decoded("account"), by: try context.requirePrincipal())
            return try JSONResponse.make(TeamBody(team))
        }
        api.delete("teams/:team/members/:account") { _, context in
            let team = try await registry.removeMember(team: try context.parameters.decoded("team"),
                                                       account: try context.parameters.decoded("account"), by: try context.requirePrincipal())
            return try JSONResponse.make(TeamBody(team))
        }
    }

    private func registerTokens(on api: RouterGroup<StewardRequestContext>) {
        api.post("tokens") { request, context in
            let body = try await request.decodeJSON(TokenCreateBody.self, context: context)
            var expiresAt: Date?
            if let text = body.expiresAt {
                guard let date = Timestamp.parse(text) else { throw DomainError.invalidField("expires_at", "must be an RFC 3339 timestamp") }
                expiresAt = date
            }
            let (record, secret) = try await registry.createToken(name: body.name, scopes: Set(body.scopes ?? [.read]),
                                                                  expiresAt: expiresAt, account: body.account,
                                                                  by: try context.requirePrincipal())
            return try JSONResponse.make(TokenBody(record: record, account: body.account, secret: secret), status: .created)
        }
        api.get("tokens") { request, context in
            let principal = try context.requirePrincipal()
            let all = try request.queryBool("all")
            let tokens = try await registry.tokens(all: all, by: principal)
            // Listing everyone's tokens is for administrators, who may also list accounts.
            let names = all ? Dictionary(uniqueKeysWithValues: try await registry.accounts(by: principal).map { ($0.id, $0.name) })
                            : [principal.id: principal.name]
            return try JSONResponse.make(["tokens": tokens.map { TokenBody(record: $0, account: names[$0.accountID]) }])
        }
        api.delete("tokens/:id") { _, context in
            try await registry.revokeToken(id: try context.parameters.decoded("id"), by: try context.requirePrincipal())
            return JSONResponse.noContent()
        }
    }

    private func registerGrants(on api: RouterGroup<StewardRequestContext>) {
        api.get("models/:name/grants") { _, context in
            let grants = try await registry.grants(modelName: try context.parameters.decoded("name"), by: try context.requirePrincipal())
            return try JSONResponse.make(["grants": grants.map(GrantBody.init)])
        }
        api.put("models/:name/grants/:subject") { request, context in
            let body = try await request.decodeJSON(GrantSetBody.self, context: context)
            let grant = try await registry.grant(modelName: try context.parameters.decoded("name"),
                                                 subject: try context.parameters.decoded("subject"), permission: body.permission,
                                                 by: try context.requirePrincipal())
            return try JSONResponse.make(GrantBody(grant))
        }
        api.delete("models/:name/grants/:subject") { _, context in
            try await registry.revokeGrant(modelName: try context.parameters.decoded("name"),
                                           subject: try context.parameters.decoded("subject"), by: try context.requirePrincipal())
            return JSONResponse.noContent()
        }
    }
}

/// `WhoAmI` in openapi.yaml.
struct WhoAmIBody: Encodable {
    var name: String
    var kind: String
    var roles: [String]
    var teams: [String]
    var scopes: [String]?
    var authenticatedBy: String
    enum CodingKeys: String, CodingKey { case name, kind, roles, teams, scopes, authenticatedBy = "authenticated_by" }
}
