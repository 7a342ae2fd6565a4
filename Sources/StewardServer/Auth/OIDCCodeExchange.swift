import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import StewardWeb

/// Redeems an authorization code at the identity provider's token endpoint (RFC 6749 §4.1.3 with
/// the PKCE `code_verifier` of RFC 7636) and returns the ID token, unverified: the caller verifies it
/// with `OIDCVerifier`. A confidential client authenticates with HTTP Basic (`client_secret_basic`,
/// which every provider must support). Failures are `SingleSignOnFailure`s whose text names no secret;
/// the provider's `error` code is shown, its raw answer only logged.
struct OIDCCodeExchange: Sendable {
    let settings: OIDCBrowserSignIn
    let logger: Logger

    func idToken(code: String, codeVerifier: String, redirectURI: String) async throws -> String {
        var request = HTTPClientRequest(url: settings.tokenEndpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        var fields = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", redirectURI), ("code_verifier", codeVerifier)]
        if let secret = settings.clientSecret {
            let credentials = Self.formEncode(settings.clientID) + ":" + Self.formEncode(secret)
            request.headers.add(name: "Authorization", value: "Basic " + Data(credentials.utf8).base64EncodedString())
        } else {
            fields.append(("client_id", settings.clientID))
        }
        request.body = .bytes(ByteBuffer(string: fields.map { "\($0.0)=\(Self.formEncode($0.1))" }.joined(separator: "&")))
        let status: UInt
        let body: ByteBuffer
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            status = response.status.code
            body = try await response.body.collect(upTo: 1 << 20)
        } catch {
            logger.warning("OIDC token endpoint unreachable", metadata: ["error": "\(type(of: error))"])
            throw SingleSignOnFailure("The identity provider could not be reached to finish signing in. Please try again later.")
        }
        let answer = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any] ?? [:]
        guard status == 200 else {
            let error = (answer["error"] as? String).map { String($0.prefix(100)) } ?? "HTTP \(status)"
            logger.notice("OIDC token endpoint refused the code", metadata: ["status": "\(status)", "error": "\(error)"])
            throw SingleSignOnFailure("The identity provider did not accept the sign-in (\(error)). Please sign in again.")
        }
        guard let idToken = answer["id_token"] as? String, !idToken.isEmpty else {
            logger.notice("OIDC token endpoint answered without an id_token")
            throw SingleSignOnFailure("The identity provider's answer held no ID token. Is the `openid` scope allowed for this client?")
        }
        return idToken
    }

    /// `application/x-www-form-urlencoded` value encoding (also what RFC 6749 §2.3.1 asks for the
    /// Basic credentials).
    static func formEncode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
