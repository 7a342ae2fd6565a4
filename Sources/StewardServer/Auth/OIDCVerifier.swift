import AsyncHTTPClient
import Foundation
import JWTKit
import Logging
import NIOCore
import StewardCore
import Synchronization

/// Verifies bearer JWTs from the configured issuer: the signature against the issuer's JWKS
/// (RS256 and ES256 only), then `iss`, `aud`, `exp` and `nbf`, and maps the claims to an
/// `ExternalIdentity`. Keys come from a file, or from a URL that is fetched again (at most once a
/// minute) when a token names a key id not seen yet, so the issuer can rotate keys.
final class OIDCVerifier: Sendable {
    let configuration: OIDCConfiguration
    private let keys = Mutex<JWTKeyCollection>(JWTKeyCollection())
    /// Key id → algorithm of the published keys; a token must name one of them.
    private let published = Mutex<[String: String]>([:])
    private let lastFetch = Mutex<Date>(.distantPast)
    private let logger: Logger

    init(_ configuration: OIDCConfiguration, logger: Logger) async throws {
        self.configuration = configuration
        self.logger = logger
        try await reload()
    }

    /// True when `token` looks like a JWT (three base64url parts), not a Steward `stw_` token.
    static func looksLikeJWT(_ token: String) -> Bool {
        !token.hasPrefix(AccessToken.prefix) && token.split(separator: ".", omittingEmptySubsequences: false).count == 3
    }

    /// Verifies `token`; any failure is `unauthenticated` (the reason is logged, never returned).
    /// A bearer token must name the configured audience; an ID token from the browser sign-in names
    /// the client id (`audience`) and must carry the sign-in's `nonce`.
    func verify(_ token: String, audience: String? = nil, nonce: String? = nil) async throws -> ExternalIdentity {
        do {
            let header = try Self.header(of: token)
            if published.withLock({ $0[header.kid] }) == nil, canRefetch() {
                try await reload()
            }
            guard let algorithm = published.withLock({ $0[header.kid] }), algorithm == header.alg else {
                throw OIDCRefusal("unknown key id or algorithm")
            }
            let payload: OIDCPayload
            do {
                payload = try await keys.withLock { $0 }.verify(token, as: OIDCPayload.self)
            } catch let error as JWTError where Self.isUnknownKey(error) && canRefetch() {
                try await reload()
                payload = try await keys.withLock { $0 }.verify(token, as: OIDCPayload.self)
            }
            return try identity(from: payload.claims, audience: audience, nonce: nonce)
        } catch {
            logger.notice("OIDC token refused", metadata: ["reason": "\(Self.reason(error))"])
            throw DomainError(.unauthenticated, code: "unauthenticated", "Valid credentials are required.")
        }
    }

    /// Checks the registered claims (and, for an ID token, its nonce and authorized party) and maps the rest.
    func identity(from claims: [String: JSONValue], audience: String? = nil, nonce: String? = nil, now: Date = Date()) throws -> ExternalIdentity {
        guard case .string(let issuer)? = claims["iss"], issuer == configuration.issuer else { throw OIDCRefusal("wrong issuer") }
        let audience = audience ?? configuration.audience
        let audiences: [String] = switch claims["aud"] {
        case .string(let one)?: [one]
        case .array(let many)?: many.compactMap { if case .string(let text) = $0 { text } else { nil } }
        default: []
        }
        guard audiences.contains(audience) else { throw OIDCRefusal("wrong audience") }
        if let nonce {
            guard case .string(let claimed)? = claims["nonce"], Self.same(claimed, nonce) else { throw OIDCRefusal("wrong or missing nonce") }
            // OpenID Connect Core 3.1.3.7: an ID token for several audiences names the client it was issued to.
            if case .string(let party)? = claims["azp"], party != audience { throw OIDCRefusal("issued to another client") }
        }
        guard case .number(let exp)? = claims["exp"], now.timeIntervalSince1970 < exp + configuration.leewaySeconds else {
            throw OIDCRefusal("expired or no exp")
        }
        if case .number(let nbf)? = claims["nbf"], now.timeIntervalSince1970 + configuration.leewaySeconds < nbf {
            throw OIDCRefusal("not yet valid")
        }
        guard case .string(let subject)? = claims["sub"], !subject.isEmpty else { throw OIDCRefusal("no subject") }
        var username = subject
        if case .string(let name)? = claims[configuration.usernameClaim], !name.isEmpty { username = name }
        func strings(_ claim: String) -> [String] {
            switch claims[claim] {
            case .array(let items)?: items.compactMap { if case .string(let text) = $0 { text } else { nil } }
            case .string(let text)?: text.split(separator: " ").map(String.init)
            default: []
            }
        }
        return ExternalIdentity(issuer: issuer, subject: subject, username: username,
                                teams: Set(strings(configuration.groupsClaim)),
                                roles: Set(strings(configuration.rolesClaim).compactMap(Role.init(rawValue:))))
    }

    /// Loads the JWKS (file or URL) and replaces the key set; only RS256 and ES256 keys are kept.
    func reload() async throws {
        lastFetch.withLock { $0 = Date() }
        let json = try await Self.fetchJWKS(configuration.jwks)
        let jwks = try JSONDecoder().decode(JWKS.self, from: Data(json.utf8))
        let collection = JWTKeyCollection()
        var kids: [String: String] = [:]
        for key in jwks.keys where Self.isAllowed(key) {
            guard let kid = key.keyIdentifier?.string else { continue }
            try await collection.add(jwk: key)
            kids[kid] = key.algorithm?.rawValue ?? (key.keyType == .rsa ? "RS256" : "ES256")
        }
        guard !kids.isEmpty else { throw OIDCRefusal("the JWKS has no RS256 or ES256 key with a key id") }
        keys.withLock { $0 = collection }
        published.withLock { $0 = kids }
    }

    /// Compares two strings in time independent of where they differ.
    static func same(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func canRefetch() -> Bool {
        configuration.jwks.hasPrefix("http") && lastFetch.withLock { Date().timeIntervalSince($0) > 60 }
    }

    /// The `kid` and `alg` of a token's header (both required).
    static func header(of token: String) throws -> (kid: String, alg: String) {
        guard let first = token.split(separator: ".").first, let data = Data(base64URLEncoded: String(first)),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let kid = object["kid"] as? String, let alg = object["alg"] as? String else {
            throw OIDCRefusal("header without kid or alg")
        }
        return (kid, alg)
    }

    static func isAllowed(_ key: JWK) -> Bool {
        switch key.algorithm?.rawValue {
        case "RS256", "ES256": return true
        case nil: return key.keyType == .rsa || (key.keyType == .ecdsa && key.curve?.rawValue == "P-256")
        default: return false
        }
    }

    static func isUnknownKey(_ error: JWTError) -> Bool {
        "\(error)".localizedCaseInsensitiveContains("unknown kid") || "\(error)".localizedCaseInsensitiveContains("kid")
    }

    static func reason(_ error: any Error) -> String {
        if let refusal = error as? OIDCRefusal { return refusal.reason }
        return error is JWTError ? "signature or format" : "unreadable token"
    }

    static func fetchJWKS(_ location: String) async throws -> String {
        if location.hasPrefix("https://") || location.hasPrefix("http://") {
            var request = HTTPClientRequest(url: location)
            request.headers.add(name: "Accept", value: "application/json")
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            guard response.status == .ok else { throw OIDCRefusal("JWKS fetch answered \(response.status.code)") }
            return String(buffer: try await response.body.collect(upTo: 1 << 20))
        }
        return try String(contentsOfFile: location, encoding: .utf8)
    }
}

/// The claims of a token, read generically because claim names are configurable. Time, issuer and
/// audience checks happen in `OIDCVerifier.identity` against the configuration.
struct OIDCPayload: JWTPayload {
    var claims: [String: JSONValue]

    init(claims: [String: JSONValue]) { self.claims = claims }

    init(from decoder: any Decoder) throws {
        claims = try decoder.singleValueContainer().decode([String: JSONValue].self)
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(claims)
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}

/// Why a token was refused (logged, not shown to the caller).
struct OIDCRefusal: Error {
    var reason: String
    init(_ reason: String) { self.reason = reason }
}
