import ArgumentParser
import StewardServer

/// Single sign-on options of `steward serve`. SSO is on when an issuer is given; the audience and
/// the key set are then required.
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

    /// The SSO configuration, or nil when no issuer is configured.
    func configuration(environment: [String: String]) throws -> OIDCConfiguration? {
        guard let issuer = oidcIssuer ?? environment["STEWARD_OIDC_ISSUER"], !issuer.isEmpty else { return nil }
        guard let audience = oidcAudience ?? environment["STEWARD_OIDC_AUDIENCE"], !audience.isEmpty else {
            throw ValidationError("--oidc-audience (STEWARD_OIDC_AUDIENCE) is required with --oidc-issuer.")
        }
        guard let jwks = oidcJwks ?? environment["STEWARD_OIDC_JWKS"], !jwks.isEmpty else {
            throw ValidationError("--oidc-jwks (STEWARD_OIDC_JWKS) is required with --oidc-issuer.")
        }
        if jwks.hasPrefix("http://"), !(jwks.hasPrefix("http://127.") || jwks.hasPrefix("http://localhost") || jwks.hasPrefix("http://[::1]")) {
            throw ValidationError("--oidc-jwks must use https:// (plain http only on loopback).")
        }
        var configuration = OIDCConfiguration(issuer: issuer, audience: audience, jwks: jwks)
        if let claim = oidcUsernameClaim ?? environment["STEWARD_OIDC_USERNAME_CLAIM"] { configuration.usernameClaim = claim }
        if let claim = oidcGroupsClaim ?? environment["STEWARD_OIDC_GROUPS_CLAIM"] { configuration.groupsClaim = claim }
        if let claim = oidcRolesClaim ?? environment["STEWARD_OIDC_ROLES_CLAIM"] { configuration.rolesClaim = claim }
        return configuration
    }
}
