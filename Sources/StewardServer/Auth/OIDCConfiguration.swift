/// Single sign-on settings: which issuer's tokens to trust and how to read their claims.
public struct OIDCConfiguration: Sendable, Equatable {
    /// Expected `iss`.
    public var issuer: String
    /// Expected `aud` (one of the token's audiences).
    public var audience: String
    /// Where the issuer's public keys are: a JWKS file path, or an `https://` (or loopback `http://`) URL.
    public var jwks: String
    /// Claim holding the Steward account name (falls back to `sub` when absent).
    public var usernameClaim: String = "preferred_username"
    /// Claim holding a list of team names.
    public var groupsClaim: String = "groups"
    /// Claim holding a list of Steward role names.
    public var rolesClaim: String = "roles"
    /// Clock skew tolerated on `exp` and `nbf`, in seconds.
    public var leewaySeconds: Double = 60
    /// Browser sign-in through the issuer (authorization code flow with PKCE); nil: bearer JWTs only.
    public var browser: OIDCBrowserSignIn?

    public init(issuer: String, audience: String, jwks: String) {
        self.issuer = issuer
        self.audience = audience
        self.jwks = jwks
    }
}

/// How the web UI signs people in through the identity provider (OpenID Connect authorization code
/// flow with PKCE). The client secret is never logged: `description` leaves it out.
public struct OIDCBrowserSignIn: Sendable, Equatable, CustomStringConvertible {
    /// Where the browser is sent to sign in.
    public var authorizationEndpoint: String
    /// Where the server redeems the code for an ID token.
    public var tokenEndpoint: String
    /// Steward's client id at the identity provider; the ID token's audience.
    public var clientID: String
    /// The client secret of a confidential client (sent with HTTP Basic); nil for a public client.
    public var clientSecret: String?
    /// The callback registered with the identity provider; nil derives it from the request's host.
    public var redirectURL: String?
    /// Scopes asked for (space-separated; must include `openid`).
    public var scope: String = "openid profile"

    public init(authorizationEndpoint: String, tokenEndpoint: String, clientID: String, clientSecret: String? = nil,
                redirectURL: String? = nil) {
        self.authorizationEndpoint = authorizationEndpoint
        self.tokenEndpoint = tokenEndpoint
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURL = redirectURL
    }

    public var description: String {
        "OIDCBrowserSignIn(authorization: \(authorizationEndpoint), token: \(tokenEndpoint), client: \(clientID), "
            + "secret: \(clientSecret == nil ? "none" : "set"), redirect: \(redirectURL ?? "from request"), scope: \(scope))"
    }
}
