import Crypto
import Foundation

/// One browser's single sign-on attempt, kept between `/ui/sso/start` and `/ui/sso/callback` in a
/// short-lived HttpOnly cookie: the `state` the callback must echo, the `nonce` the ID token must
/// carry, the PKCE code verifier and where to go afterwards. All three secrets are fresh random
/// values that only this browser holds (the cookie is HttpOnly and scoped to `/ui/sso`), so no
/// server-side storage is needed and any replica can finish the attempt.
///
/// The cookie is `SameSite=Lax`, not `Strict`: the identity provider sends the browser back with a
/// cross-site top-level GET, on which a Strict cookie would be withheld.
struct SingleSignOnAttempt: Sendable, Equatable {
    static let cookieName = "steward_sso"
    /// Seconds a browser has to come back from the identity provider.
    static let lifetime = 600

    var state: String
    var nonce: String
    var codeVerifier: String
    var next: String

    /// A fresh attempt (32 random bytes each: a 43-character PKCE verifier, as RFC 7636 asks).
    static func start(next: String) -> SingleSignOnAttempt {
        SingleSignOnAttempt(state: random(), nonce: random(), codeVerifier: random(), next: next)
    }

    /// `BASE64URL(SHA256(verifier))`, the S256 code challenge.
    var codeChallenge: String { Data(SHA256.hash(data: Data(codeVerifier.utf8))).base64URLEncoded }

    /// The cookie value: four base64url parts joined by dots (base64url never contains a dot).
    var cookieValue: String {
        let target = Data(next.utf8).base64URLEncoded
        return [state, nonce, codeVerifier, target.count <= 600 ? target : ""].joined(separator: ".")
    }

    /// The attempt of a cookie value, or nil when it is not one.
    init?(cookie: String) {
        let parts = cookie.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, parts[..<3].allSatisfy({ $0.count == 43 && $0.allSatisfy(Self.isBase64URL) }) else { return nil }
        let next = Data(base64URLEncoded: parts[3]).flatMap { String(data: $0, encoding: .utf8) } ?? ""
        self.init(state: parts[0], nonce: parts[1], codeVerifier: parts[2], next: next)
    }

    init(state: String, nonce: String, codeVerifier: String, next: String) {
        self.state = state
        self.nonce = nonce
        self.codeVerifier = codeVerifier
        self.next = next
    }

    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64URLEncoded
    }

    static func isBase64URL(_ character: Character) -> Bool {
        character.isASCII && (character.isLetter || character.isNumber || character == "-" || character == "_")
    }

    /// The `Set-Cookie` value (maxAge 0 deletes it).
    static func setCookie(_ value: String, maxAge: Int, secure: Bool) -> String {
        "\(cookieName)=\(value); Path=/ui/sso; Max-Age=\(maxAge); HttpOnly; SameSite=Lax" + (secure ? "; Secure" : "")
    }
}
