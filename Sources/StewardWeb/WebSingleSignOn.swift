import Foundation
import Hummingbird
import StewardCore

/// Browser single sign-on (OpenID Connect authorization code flow with PKCE), as the UI needs it:
/// where to send the browser, and how the server turns the code the identity provider sends back
/// into a principal. The UI owns the browser side (state, nonce, PKCE, cookies, pages); the server
/// owns the token endpoint and the ID token's verification (`redeem`), so the token rules live once.
public struct WebSingleSignOn<Context: RequestContext>: Sendable {
    /// Exchanges the code at the token endpoint, verifies the ID token (signature, issuer, audience =
    /// client id, expiry, `nonce`) and returns the principal of its account (provisioned as for a
    /// bearer JWT), with the request's origin set. Throws `SingleSignOnFailure` (shown to the user)
    /// or an `unauthenticated` `DomainError`.
    public typealias Redeem = @Sendable (_ grant: Grant, _ request: Request, _ context: Context) async throws -> Principal

    /// The identity provider's authorization endpoint.
    public var authorizationEndpoint: String
    public var clientID: String
    /// Space-separated scopes; `openid` is always among them.
    public var scope: String
    /// The callback URL registered with the identity provider; nil derives it from the request's
    /// `Host` (`https` when cookies are `Secure`, else `http`) + `/ui/sso/callback`.
    public var redirectURL: String?
    public var redeem: Redeem

    public init(authorizationEndpoint: String, clientID: String, scope: String = "openid profile", redirectURL: String? = nil,
                redeem: @escaping Redeem) {
        self.authorizationEndpoint = authorizationEndpoint
        self.clientID = clientID
        self.scope = scope
        self.redirectURL = redirectURL
        self.redeem = redeem
    }

    /// What the callback hands to `redeem`.
    public struct Grant: Sendable {
        /// The authorization code from the callback.
        public var code: String
        /// The PKCE code verifier whose S256 challenge went to the authorization endpoint.
        public var codeVerifier: String
        /// The nonce the ID token must carry.
        public var nonce: String
        /// The `redirect_uri` sent to the authorization endpoint (the token endpoint wants it again).
        public var redirectURI: String
    }
}

/// A single sign-on attempt failed for a reason the user may read (the identity provider refused
/// the code, could not be reached, or its token did not verify). Never carries a secret.
public struct SingleSignOnFailure: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}
