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

    public init(issuer: String, audience: String, jwks: String) {
        self.issuer = issuer
        self.audience = audience
        self.jwks = jwks
    }
}
