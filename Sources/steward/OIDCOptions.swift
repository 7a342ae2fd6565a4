import ArgumentParser
import StewardServer

/// Single sign-on options of `steward serve`. SSO is on when an issuer is given; the audience and
/// the key set are then required. Browser sign-in (the UI's "Sign in with single sign-on") is on when
/// the authorization and token endpoints and the client id are given too.
struct OIDCOptions: ParsableArguments {
    @Option(help: "Trust JWT bearer tokens from this OIDC issuer, matched against `iss` (STEWARD_OIDC_ISSUER).")
    var oidcIssuer: String?

    @Option(help: "Required `aud` of those tokens (STEWARD_OIDC_AUDIENCE).")
    var oidcAudience: String?

    @Option(help: "The issuer's JWKS: a file path or an https:// URL (STEWARD_OIDC_JWKS).")
    var oidcJwks: String?

    @Option(help: "Claim naming the Steward account (STEWARD_OIDC_USERNAME_CLAIM; default preferred_username, else sub).")
    var oidcUsernameClaim: String?

    @Option(help: "Claim listing team names (STEWARD_OIDC_GROUPS_CLAIM; default groups).")
    var oidcGroupsClaim: String?

    @Option(help: "Claim listing Steward roles (STEWARD_OIDC_ROLES_CLAIM; default roles).")
    var oidcRolesClaim: String?

    @Option(help: "Browser sign-in: the issuer's authorization endpoint (STEWARD_OIDC_AUTHORIZATION_ENDPOINT).")
    var oidcAuthorizationEndpoint: String?

    @Option(help: "Browser sign-in: the issuer's token endpoint (STEWARD_OIDC_TOKEN_ENDPOINT).")
    var oidcTokenEndpoint: String?

    @Option(help: "Browser sign-in: Steward's client id at the issuer, the ID token's audience (STEWARD_OIDC_CLIENT_ID).")
    var oidcClientId: String?

    @Option(help: "Browser sign-in: the client secret of a confidential client; prefer the environment (STEWARD_OIDC_CLIENT_SECRET). Never logged.")
    var oidcClientSecret: String?

    @Option(help: "Browser sign-in: the callback URL registered at the issuer, ending in /ui/sso/callback (STEWARD_OIDC_REDIRECT_URL; default: built from the request's host).")
    var oidcRedirectUrl: String?

    @Option(help: "Browser sign-in: scopes to ask for (STEWARD_OIDC_SCOPES; default \"openid profile\"; add groups if your issuer needs it for the groups claim).")
    var oidcScopes: String?

    /// The SSO configuration, or nil when no issuer is configured.
    func configuration(environment: [String: String]) throws -> OIDCConfiguration? {
        guard let issuer = oidcIssuer ?? environment["STEWARD_OIDC_ISSUER"], !issuer.isEmpty else { return nil }
        guard let audience = oidcAudience ?? environment["STEWARD_OIDC_AUDIENCE"], !audience.isEmpty else {
            throw ValidationError("--oidc-audience (STEWARD_OIDC_AUDIENCE) is required with --oidc-issuer.")
        }
        guard let jwks = oidcJwks ?? environment["STEWARD_OIDC_JWKS"], !jwks.isEmpty else {
            throw ValidationError("--oidc-jwks (STEWARD_OIDC_JWKS) is required with --oidc-issuer.")
        }
        if jwks.hasPrefix("http://"), !Self.isLoopback(jwks) {
            throw ValidationError("--oidc-jwks must use https:// (plain http only on loopback).")
        }
        var configuration = OIDCConfiguration(issuer: issuer, audience: audience, jwks: jwks)
        if let claim = oidcUsernameClaim ?? environment["STEWARD_OIDC_USERNAME_CLAIM"] { configuration.usernameClaim = claim }
        if let claim = oidcGroupsClaim ?? environment["STEWARD_OIDC_GROUPS_CLAIM"] { configuration.groupsClaim = claim }
        if let claim = oidcRolesClaim ?? environment["STEWARD_OIDC_ROLES_CLAIM"] { configuration.rolesClaim = claim }
        configuration.browser = try browserSignIn(environment: environment)
        return configuration
    }

    /// Browser sign-in settings: on when any of its endpoints or the client id is given, and then
    /// all three are required.
    func browserSignIn(environment: [String: String]) throws -> OIDCBrowserSignIn? {
        func value(_ flag: String?, _ variable: String) -> String? {
            (flag ?? environment[variable]).flatMap { $0.isEmpty ? nil : $0 }
        }
        let authorization = value(oidcAuthorizationEndpoint, "STEWARD_OIDC_AUTHORIZATION_ENDPOINT")
        let token = value(oidcTokenEndpoint, "STEWARD_OIDC_TOKEN_ENDPOINT")
        let client = value(oidcClientId, "STEWARD_OIDC_CLIENT_ID")
        guard authorization != nil || token != nil || client != nil else { return nil }
        guard let authorization, let token, let client else {
            throw ValidationError("Browser sign-in needs --oidc-authorization-endpoint, --oidc-token-endpoint and --oidc-client-id together.")
        }
        for (flag, url) in [("--oidc-authorization-endpoint", authorization), ("--oidc-token-endpoint", token)] {
            guard url.hasPrefix("https://") || (url.hasPrefix("http://") && Self.isLoopback(url)) else {
                throw ValidationError("\(flag) must be an https:// URL (plain http only on loopback).")
            }
        }
        var settings = OIDCBrowserSignIn(authorizationEndpoint: authorization, tokenEndpoint: token, clientID: client,
                                         clientSecret: value(oidcClientSecret, "STEWARD_OIDC_CLIENT_SECRET"),
                                         redirectURL: value(oidcRedirectUrl, "STEWARD_OIDC_REDIRECT_URL"))
        if let redirect = settings.redirectURL {
            guard redirect.hasPrefix("https://") || redirect.hasPrefix("http://"), redirect.hasSuffix("/ui/sso/callback") else {
                throw ValidationError("--oidc-redirect-url must be this server's http(s) URL ending in /ui/sso/callback.")
            }
        }
        if let scopes = value(oidcScopes, "STEWARD_OIDC_SCOPES") {
            let list = scopes.split(separator: " ").map(String.init)
            guard list.contains("openid") else { throw ValidationError("--oidc-scopes must include openid.") }
            settings.scope = list.joined(separator: " ")
        }
        return settings
    }

    static func isLoopback(_ url: String) -> Bool {
        url.hasPrefix("http://127.") || url.hasPrefix("http://localhost") || url.hasPrefix("http://[::1]")
    }
}
