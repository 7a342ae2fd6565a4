import AsyncHTTPClient
import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import JWTKit
import NIOCore
import NIOHTTP1
import StewardTestSupport

/// A tiny OpenID Connect identity provider on loopback, for the browser sign-in tests: an
/// authorization endpoint that "signs the user in" at once and sends the browser back with a code,
/// and a token endpoint that checks the client's secret, the redirect URI and the PKCE verifier,
/// honours each code once, and returns an ES256 ID token signed with a key the test made (its
/// JWKS is written to a file for Steward). Tests can make the next ID token misbehave.
final class TestIdentityProvider: @unchecked Sendable {
    static let issuer = "https://idp.example.test"
    static let clientID = "steward-web"
    static let clientSecret = "s3cret-never-logged"

    /// What the authorization endpoint recorded for a code.
    struct Grant {
        var challenge: String
        var nonce: String
        var redirectURI: String
    }

    let port: Int
    let jwks: String
    private let signer = JWTKeyCollection()
    private let lock = NSLock()
    private var grants: [String: Grant] = [:]
    private var overrides: [String: IDTokenClaims.Value?] = [:]
    private var userName = "dana"
    private var tokenRequests = 0
    private var task: Task<Void, any Error>?

    private init(port: Int, jwks: String) {
        self.port = port
        self.jwks = jwks
    }

    static func start() async throws -> TestIdentityProvider {
        let key = ES256PrivateKey()
        guard let (x, y) = key.publicKey.parameters else { throw TestSetupError("no EC key parameters") }
        let jwks = #"{"keys":[{"kty":"EC","alg":"ES256","use":"sig","kid":"idp-ec","crv":"P-256","x":"\#(x)","y":"\#(y)"}]}"#
        let provider = TestIdentityProvider(port: try FreePort.pick(), jwks: jwks)
        await provider.signer.add(ecdsa: key, kid: "idp-ec")
        let router = Router()
        router.get("health") { _, _ in "ok" }
        router.get("authorize") { request, _ in provider.authorize(request) }
        router.post("token") { request, _ in
            let body = try await request.body.collect(upTo: 64 << 10)
            return try await provider.token(form: String(buffer: body), authorization: request.headers[.authorization])
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: provider.port)))
        provider.task = Task { try await app.runService(gracefulShutdownSignals: []) }
        for _ in 0..<100 {
            if (try? await HTTP.get(provider.url("/health"))) == 200 { return provider }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestSetupError("the test identity provider did not start")
    }

    func url(_ path: String) -> String { "http://127.0.0.1:\(port)\(path)" }
    func stop() { task?.cancel() }

    /// The user the next sign-in is for.
    func signIn(as name: String) { lock.withLock { userName = name } }
    /// Claims the next ID tokens get instead of the right ones (nil drops one).
    func misbehave(_ claims: [String: IDTokenClaims.Value?]) { lock.withLock { overrides = claims } }
    var tokenRequestCount: Int { lock.withLock { tokenRequests } }

    /// The authorization endpoint: checks the request and sends the browser back with a code.
    private func authorize(_ request: Request) -> Response {
        let query = request.uri.queryParameters
        func value(_ name: String) -> String { query.get(name) ?? "" }
        guard value("response_type") == "code", value("client_id") == Self.clientID, value("code_challenge_method") == "S256",
              !value("code_challenge").isEmpty, !value("state").isEmpty, !value("nonce").isEmpty,
              value("scope").split(separator: " ").contains("openid"), let redirect = query.get("redirect_uri") else {
            return Response(status: .badRequest)
        }
        let code = UUID().uuidString
        lock.withLock { grants[code] = Grant(challenge: value("code_challenge"), nonce: value("nonce"), redirectURI: redirect) }
        var components = URLComponents(string: redirect)!
        components.queryItems = [URLQueryItem(name: "code", value: code), URLQueryItem(name: "state", value: value("state"))]
        var headers = HTTPFields()
        headers[.location] = components.string!
        return Response(status: .found, headers: headers)
    }

    /// The token endpoint (RFC 6749 §4.1.3 with PKCE): every check a real provider makes.
    private func token(form: String, authorization: String?) async throws -> Response {
        lock.withLock { tokenRequests += 1 }
        var fields: [String: String] = [:]
        for pair in form.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String($0) }
            if parts.count == 2 { fields[parts[0]] = parts[1] }
        }
        let expected = "Basic " + Data("\(Self.clientID):\(Self.clientSecret.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(.init(charactersIn: "-._~")))!)".utf8).base64EncodedString()
        guard authorization == expected else { return Self.error("invalid_client", status: .unauthorized) }
        // A code is good once: taken out before anything else is checked.
        guard fields["grant_type"] == "authorization_code", let code = fields["code"],
              let grant = lock.withLock({ grants.removeValue(forKey: code) }) else { return Self.error("invalid_grant") }
        guard fields["redirect_uri"] == grant.redirectURI, let verifier = fields["code_verifier"],
              Data(SHA256.hash(data: Data(verifier.utf8))).base64URLEncoded == grant.challenge else { return Self.error("invalid_grant") }
        let (name, overrides) = lock.withLock { (userName, self.overrides) }
        let now = Date().timeIntervalSince1970
        var claims: [String: IDTokenClaims.Value] = [
            "iss": .string(Self.issuer), "aud": .string(Self.clientID), "sub": .string("sub-" + name), "preferred_username": .string(name),
            "iat": .number(now), "exp": .number(now + 300), "nonce": .string(grant.nonce), "groups": .strings(["risk"]),
            "roles": .strings(["maintainer"]),
        ]
        for (claim, value) in overrides { claims[claim] = value }
        let idToken = try await signer.sign(IDTokenClaims(claims: claims), kid: "idp-ec")
        let body = try JSONSerialization.data(withJSONObject: ["access_token": "opaque", "token_type": "Bearer", "expires_in": 300, "id_token": idToken])
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    private static func error(_ code: String, status: HTTPResponse.Status = .badRequest) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: #"{"error":"\#(code)"}"#)))
    }

    /// Plays the browser at the authorization endpoint: follows `location` there and returns where
    /// the provider sends the browser back (not following that redirect).
    static func visit(_ location: String) async throws -> String {
        let reply = try await browserGet(location)
        guard reply.status == 302, let back = reply.headers.first(name: "Location") else {
            throw TestSetupError("the identity provider answered \(reply.status)")
        }
        return back
    }

    /// A GET as a browser sends it over the wire (with `cookie`), without following redirects.
    static func browserGet(_ url: String, cookie: String? = nil) async throws -> BrowserReply {
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        do {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "Accept", value: "text/html")
            if let cookie { request.headers.add(name: "Cookie", value: cookie) }
            let response = try await client.execute(request, timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 1 << 20)
            try await client.shutdown()
            return BrowserReply(status: Int(response.status.code), headers: response.headers, text: String(buffer: body))
        } catch {
            try? await client.shutdown()
            throw error
        }
    }
}

/// What a browser got back.
struct BrowserReply: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var text: String
}

/// The claims of a test ID token.
struct IDTokenClaims: JWTPayload {
    enum Value: Codable {
        case string(String), number(Double), strings([String])
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .string(let text): try container.encode(text)
            case .number(let number): try container.encode(number)
            case .strings(let list): try container.encode(list)
            }
        }
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Double.self) { self = .number(number) }
            else if let list = try? container.decode([String].self) { self = .strings(list) }
            else { self = .string(try container.decode(String.self)) }
        }
    }

    var claims: [String: Value]

    init(claims: [String: Value]) { self.claims = claims }
    init(from decoder: any Decoder) throws { claims = try decoder.singleValueContainer().decode([String: Value].self) }
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(claims)
    }
    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
