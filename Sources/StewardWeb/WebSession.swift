import Crypto
import Foundation
import Hummingbird
import StewardCore

/// The browser session: an HttpOnly, SameSite=Strict cookie holding a short-lived Steward token
/// created at sign-in (through `Registry.createToken`, so it is audited, listed and revocable like
/// any token) and revoked at sign-out. Every page presents it to the server's authenticator.
///
/// CSRF: forms of a signed-in user carry a token derived from the session secret
/// (`SHA-256("steward-web-csrf\0" + secret)`): only someone who holds the HttpOnly cookie can
/// compute it, it survives restarts and works on every replica without shared state. The sign-in
/// form, which has no session yet, uses a double-submit cookie instead.
enum WebSession {
    static let cookieName = "steward_session"
    static let signInCookieName = "steward_signin"

    /// The value of cookie `name` in the request's `Cookie` headers.
    static func cookie(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for part in header.split(separator: ";") {
                let pair = part.split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces) == name {
                    let value = pair[1].trimmingCharacters(in: .whitespaces)
                    return value.isEmpty || value.count > 1024 ? nil : value
                }
            }
        }
        return nil
    }

    /// The CSRF token of a session.
    static func csrfToken(session secret: String) -> String {
        Data(SHA256.hash(data: Data(("steward-web-csrf\u{0}" + secret).utf8))).base64URLEncoded
    }

    /// A fresh random value for the sign-in form's double-submit cookie.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<24).map { _ in UInt8.random(in: .min ... .max, using: &generator) }).base64URLEncoded
    }

    /// Compares two secrets in time independent of where they differ.
    static func same(_ a: String?, _ b: String?) -> Bool {
        guard let a, let b else { return false }
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    /// A `Set-Cookie` value scoped to the UI; `maxAge` 0 deletes the cookie.
    static func setCookie(_ name: String, _ value: String, maxAge: Int, secure: Bool) -> String {
        "\(name)=\(value); Path=/ui; Max-Age=\(maxAge); HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
    }

    /// The token id of a principal authenticated by a Steward token (`token:<id>`).
    static func tokenID(of principal: Principal) -> String? {
        principal.authenticatedBy.hasPrefix("token:") ? String(principal.authenticatedBy.dropFirst(6)) : nil
    }
}

/// The signed-in user of one request.
struct WebUser: Sendable {
    var principal: Principal
    /// The CSRF token forms of this session must carry.
    var csrf: String

    var canAudit: Bool { principal.roles.contains(.admin) || principal.roles.contains(.auditor) }
    var isAdmin: Bool { principal.isAdmin }
}
