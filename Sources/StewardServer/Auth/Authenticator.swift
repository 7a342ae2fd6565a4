import Foundation
import Logging
import StewardCore

/// Turns an `Authorization` header into a principal, the same way for every door (native API,
/// MLflow API, later the UI): `Bearer` with a Steward token or (when single sign-on is configured)
/// an OIDC JWT, or `Basic` with an account's password or a token as the password. Every failure is
/// the same `unauthenticated` error, and the reason is logged without the secret.
struct Authenticator: Sendable {
    let registry: Registry
    let oidc: OIDCVerifier?

    func principal(for header: String?, logger: Logger) async throws -> Principal {
        let failure = DomainError(.unauthenticated, code: "unauthenticated", "Valid credentials are required.")
        guard let header else {
            logger.notice("authentication failed", metadata: ["reason": "no credentials"])
            throw failure
        }
        do {
            if let token = Self.bearerToken(header) {
                if let oidc, OIDCVerifier.looksLikeJWT(token) {
                    return try await registry.authenticate(external: try await oidc.verify(token))
                }
                return try await registry.authenticate(token: token)
            }
            if let (user, password) = Self.basicCredentials(header) {
                return try await registry.authenticate(username: user, password: password)
            }
            logger.notice("authentication failed", metadata: ["reason": "unsupported authorization scheme"])
        } catch let error as DomainError where error.kind == .unauthenticated {
            logger.notice("authentication failed", metadata: ["reason": "unknown, revoked or expired credentials"])
        }
        throw failure
    }

    /// The principal of an ID token from the browser sign-in: verified like a bearer JWT but for the
    /// client id as audience and with the sign-in's nonce, then provisioned by the same rule.
    func principal(idToken: String, clientID: String, nonce: String) async throws -> Principal {
        guard let oidc else { throw DomainError(.unauthenticated, code: "unauthenticated", "Single sign-on is not configured.") }
        return try await registry.authenticate(external: try await oidc.verify(idToken, audience: clientID, nonce: nonce))
    }

    /// The token of a `Bearer` authorization header (scheme case-insensitive).
    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// User name and password of a `Basic` authorization header.
    static func basicCredentials(_ header: String) -> (String, String)? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic", parts[1].count <= 2048,
              let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}
