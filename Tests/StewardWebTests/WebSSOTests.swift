import Foundation
import HTTPTypes
import HummingbirdTesting
import StewardServer
import StewardTestSupport
import Testing

/// Browser single sign-on against a real identity provider on loopback: the test plays the browser
/// (Steward → provider → Steward), the provider plays itself (codes good once, PKCE and the client
/// secret checked, ES256 ID tokens), and Steward verifies the ID token with its OIDC verifier.
@Suite("Web UI: single sign-on (authorization code flow with PKCE)")
struct WebSSOTests {
    static let callback = "http://steward.test/ui/sso/callback"

    /// Runs `body` against Steward configured for browser sign-in through a fresh provider.
    static func withProvider(_ body: @Sendable (any TestClientProtocol, TestApp, TestIdentityProvider) async throws -> Void) async throws {
        let idp = try await TestIdentityProvider.start()
        defer { idp.stop() }
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        try idp.jwks.write(toFile: directory + "/jwks.json", atomically: true, encoding: .utf8)
        try await TestApp.run(.sqlite, configure: { configuration in
            // Bearer JWTs are for another audience: the ID token must name the client id instead.
            var oidc = OIDCConfiguration(issuer: TestIdentityProvider.issuer, audience: "steward-api", jwks: directory + "/jwks.json")
            oidc.browser = OIDCBrowserSignIn(authorizationEndpoint: idp.url("/authorize"), tokenEndpoint: idp.url("/token"),
                                             clientID: TestIdentityProvider.clientID, clientSecret: TestIdentityProvider.clientSecret,
                                             redirectURL: callback)
            configuration.oidc = oidc
        }) { client, app in try await body(client, app, idp) }
    }

    /// One browser's trip: start at Steward, visit the provider, and come back to the callback URI
    /// the provider names. Returns the attempt cookie and that callback (path and query).
    static func begin(_ client: some TestClientProtocol, next: String = "/ui/catalog") async throws -> (cookie: String, callback: String) {
        let start = try await client.webGet("/ui/sso/start?next=" + segment(next), nil)
        #expect(start.status == .seeOther)
        let cookie = try #require(start.cookie("steward_sso"))
        let location = try #require(start.headers[.location])
        let back = try await TestIdentityProvider.visit(location)
        #expect(back.hasPrefix(callback + "?"))
        let components = try #require(URLComponents(string: back))
        return (cookie, components.percentEncodedPath + "?" + (components.percentEncodedQuery ?? ""))
    }

    static func finish(_ client: some TestClientProtocol, _ uri: String, cookie: String?) async throws -> TestResponse {
        var headers = HTTPFields()
        headers[.accept] = "text/html"
        if let cookie { headers[.cookie] = "steward_sso=\(cookie)" }
        return try await client.execute(uri: uri, method: .get, headers: headers)
    }

    static func auditSize(_ client: some TestClientProtocol, _ app: TestApp) async throws -> Int {
        try await client.send(.get, "/api/v1/audit/checkpoint", app: app).json["tree_size"] as? Int ?? -1
    }

    @Test func signingInThroughTheIdentityProviderStartsAnAuditedSession() async throws {
        try await Self.withProvider { client, app, idp in
            let signIn = String(buffer: try await client.webGet("/ui/sign-in?next=%2Fui%2Fpromotions", nil).body)
            #expect(signIn.contains(#"<a class="button" id="sso" href="/ui/sso/start?next=%2Fui%2Fpromotions">Sign in with single sign-on</a>"#))

            // The redirect to the provider carries everything the flow needs, and the attempt cookie
            // is HttpOnly, Lax (the provider sends the browser back cross-site) and short-lived.
            let start = try await client.webGet("/ui/sso/start?next=%2Fui%2Fpromotions", nil)
            #expect(start.status == .seeOther)
            let setCookie = try #require(start.headers[values: .setCookie].first { $0.hasPrefix("steward_sso=") })
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && setCookie.contains("Path=/ui/sso")
                    && setCookie.contains("Max-Age=600"))
            let location = try #require(start.headers[.location])
            #expect(location.hasPrefix(idp.url("/authorize?")))
            let query = Dictionary(uniqueKeysWithValues: (URLComponents(string: location)?.queryItems ?? []).map { ($0.name, $0.value ?? "") })
            #expect(query["response_type"] == "code" && query["client_id"] == TestIdentityProvider.clientID)
            #expect(query["redirect_uri"] == Self.callback && query["scope"] == "openid profile")
            #expect(query["code_challenge_method"] == "S256" && query["code_challenge"]?.count == 43)
            #expect(query["state"]?.count == 43 && query["nonce"]?.count == 43 && query["state"] != query["nonce"])
            #expect(!location.contains("s3cret"), "the client secret never reaches the browser")

            let before = try await Self.auditSize(client, app)
            let (cookie, uri) = try await Self.begin(client, next: "/ui/promotions")
            let done = try await Self.finish(client, uri, cookie: cookie)
            let html = String(buffer: done.body)
            #expect(done.status == .ok, "\(done.status) \(html.prefix(500))")
            #expect(html.contains(#"<meta http-equiv="refresh" content="0;url=/ui/promotions">"#))
            #expect(html.contains("You are signed in as dana."))
            #expect(done.headers[values: .setCookie].contains { $0.hasPrefix("steward_sso=;") && $0.contains("Max-Age=0") }, "the attempt is over")
            let session = try #require(done.cookie("steward_session"))

            // The session works for the UI like a password or token session.
            let catalog = try await client.webGet("/ui/catalog", WebBrowser(cookie: session, csrf: ""))
            #expect(catalog.status == .ok)
            #expect(String(buffer: catalog.body).contains("dana"))
            let tokens = String(buffer: try await client.webGet("/ui/admin/tokens", WebBrowser(cookie: session, csrf: "")).body)
            #expect(tokens.contains("web session"))

            // Audited: the account provisioned from the ID token and the session token, through door web.
            #expect(try await Self.auditSize(client, app) >= before + 2)
            let account = try await client.send(.get, "/api/v1/accounts/dana", app: app).json
            #expect(account["created_by"] as? String == "oidc:\(TestIdentityProvider.issuer)")
            #expect(account["roles"] as? [String] == ["maintainer"])
            let entries = try await client.send(.get, "/api/v1/audit/entries?action=token.create&page_token=\(before - 1)", app: app).text
            #expect(entries.contains(#""door":"web""#) && entries.contains("dana"), "\(entries.prefix(600))")

            // The same code again (a replayed callback, even with the attempt cookie): the provider
            // refuses it, and nothing is created.
            let size = try await Self.auditSize(client, app)
            let replay = try await Self.finish(client, uri, cookie: cookie)
            #expect(replay.status == .unauthorized)
            #expect(String(buffer: replay.body).contains("did not accept the sign-in (invalid_grant)"))
            #expect(replay.cookie("steward_session") == nil)
            #expect(try await Self.auditSize(client, app) == size)
        }
    }

    @Test func everyRefusedCallbackShowsWhyAndCreatesNothing() async throws {
        try await Self.withProvider { client, app, idp in
            let before = try await Self.auditSize(client, app)
            func expectRefused(_ response: TestResponse, _ status: HTTPResponse.Status, _ text: String,
                               sourceLocation: SourceLocation = #_sourceLocation) {
                let html = String(buffer: response.body)
                #expect(response.status == status, "\(response.status) \(html.prefix(400))", sourceLocation: sourceLocation)
                #expect(html.contains(#"id="signin-error""#) && html.contains(text), "\(html.prefix(1200))", sourceLocation: sourceLocation)
                #expect(response.cookie("steward_session") == nil, sourceLocation: sourceLocation)
            }

            // No attempt cookie (started in another browser, or expired).
            var (cookie, uri) = try await Self.begin(client)
            expectRefused(try await Self.finish(client, uri, cookie: nil), .badRequest, "has expired or was started in another browser")
            // A state that is not this browser's (login CSRF): the code is never redeemed.
            let requests = idp.tokenRequestCount
            let (other, _) = try await Self.begin(client)
            expectRefused(try await Self.finish(client, uri, cookie: other), .badRequest, "does not belong to this sign-in")
            expectRefused(try await Self.finish(client, uri, cookie: "garbage.cookie"), .badRequest, "has expired")
            #expect(idp.tokenRequestCount == requests, "nothing reached the token endpoint")
            // The provider's own refusal, passed on escaped.
            (cookie, uri) = try await Self.begin(client)
            let state = try #require(URLComponents(string: uri)?.queryItems?.first { $0.name == "state" }?.value)
            let denied = try await Self.finish(client, "/ui/sso/callback?error=access_denied&error_description=%3Cscript%3Ex()%3C%2Fscript%3E&state=\(state)",
                                               cookie: cookie)
            expectRefused(denied, .unauthorized, "did not sign you in (access_denied: &lt;script&gt;x()&lt;/script&gt;)")
            #expect(!String(buffer: denied.body).contains("<script"))

            // ID tokens that must not verify: another nonce, another audience, no nonce, expired,
            // another issuer, or issued to another client.
            let now = Date().timeIntervalSince1970
            let bad: [(String, [String: IDTokenClaims.Value?])] = [
                ("wrong nonce", ["nonce": .string("not-the-nonce")]),
                ("wrong audience", ["aud": .string("steward-api")]),
                ("no nonce", ["nonce": nil]),
                ("expired", ["exp": .number(now - 600)]),
                ("wrong issuer", ["iss": .string("https://evil.example.test")]),
                ("another client", ["aud": .strings([TestIdentityProvider.clientID, "other"]), "azp": .string("other")]),
            ]
            for (name, claims) in bad {
                idp.misbehave(claims)
                (cookie, uri) = try await Self.begin(client)
                let response = try await Self.finish(client, uri, cookie: cookie)
                #expect(response.status == .unauthorized, "\(name): \(response.status)")
                expectRefused(response, .unauthorized, "could not be verified")
            }
            idp.misbehave([:])
            #expect(try await Self.auditSize(client, app) == before, "refused sign-ins appended nothing")
            #expect(try await client.send(.get, "/api/v1/accounts/dana", app: app).status == .notFound, "no account was provisioned")

            // A disabled account stays out, even with a good ID token.
            (cookie, uri) = try await Self.begin(client)
            #expect(try await Self.finish(client, uri, cookie: cookie).status == .ok)
            _ = try await client.send(.patch, "/api/v1/accounts/dana", app: app, json: #"{"disabled":true}"#)
            (cookie, uri) = try await Self.begin(client)
            expectRefused(try await Self.finish(client, uri, cookie: cookie), .unauthorized, "your account is disabled")
        }
    }

    /// The real binary, configured from the environment, on the wire: the callback URL is built from
    /// the request's host, and the client secret never reaches the log.
    @Test func theServerSignsInThroughTheProviderOverTheWire() async throws {
        let idp = try await TestIdentityProvider.start()
        defer { idp.stop() }
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        try idp.jwks.write(toFile: root + "/jwks.json", atomically: true, encoding: .utf8)
        let server = try await ServerProcess(dataDirectory: root + "/data", database: nil, extraEnvironment: [
            "STEWARD_OIDC_ISSUER": TestIdentityProvider.issuer, "STEWARD_OIDC_AUDIENCE": "steward-api", "STEWARD_OIDC_JWKS": root + "/jwks.json",
            "STEWARD_OIDC_AUTHORIZATION_ENDPOINT": idp.url("/authorize"), "STEWARD_OIDC_TOKEN_ENDPOINT": idp.url("/token"),
            "STEWARD_OIDC_CLIENT_ID": TestIdentityProvider.clientID, "STEWARD_OIDC_CLIENT_SECRET": TestIdentityProvider.clientSecret,
            "STEWARD_LOG_LEVEL": "debug",
        ])
        defer { server.terminateNow() }
        idp.signIn(as: "wes")
        let start = try await TestIdentityProvider.browserGet(server.baseURL + "/ui/sso/start?next=%2Fui%2Fdatasets")
        #expect(start.status == 303)
        let location = try #require(start.headers.first(name: "Location"))
        let query = URLComponents(string: location)?.queryItems ?? []
        #expect(query.first { $0.name == "redirect_uri" }?.value == server.baseURL + "/ui/sso/callback")
        let attempt = try #require(start.headers["Set-Cookie"].first { $0.hasPrefix("steward_sso=") }?.split(separator: ";").first)
        let back = try await TestIdentityProvider.visit(location)
        #expect(back.hasPrefix(server.baseURL + "/ui/sso/callback?"))
        let done = try await TestIdentityProvider.browserGet(back, cookie: String(attempt))
        #expect(done.status == 200, "\(done.text.prefix(400))")
        let session = try #require(done.headers["Set-Cookie"].first { $0.hasPrefix("steward_session=") }?.split(separator: ";").first)
        let page = try await TestIdentityProvider.browserGet(server.baseURL + "/ui/datasets", cookie: String(session))
        #expect(page.status == 200 && page.text.contains("wes"))
        #expect(!server.log.contains(TestIdentityProvider.clientSecret), "the client secret is never logged")

        // Incomplete or unsafe browser sign-in settings stop `steward serve` with a usage error.
        let base = ["serve", "--data-dir", root + "/other", "--port", "0", "--oidc-issuer", TestIdentityProvider.issuer,
                    "--oidc-audience", "a", "--oidc-jwks", root + "/jwks.json"]
        for (extra, message) in [
            (["--oidc-client-id", "c"], "together"),
            (["--oidc-client-id", "c", "--oidc-authorization-endpoint", "http://idp.example.test/a", "--oidc-token-endpoint", idp.url("/token")], "https"),
            (["--oidc-client-id", "c", "--oidc-authorization-endpoint", idp.url("/a"), "--oidc-token-endpoint", idp.url("/token"), "--oidc-scopes", "profile"], "openid"),
        ] {
            let run = try StewardCommand.run(base + extra)
            #expect(run.status == 2 && run.stderr.contains(message), "\(extra): \(run.status) \(run.stderr)")
        }
    }

    @Test func withoutBrowserSignInThereIsNoButtonAndNoRoute() async throws {
        try await TestApp.run(.sqlite) { client, _ in
            let page = String(buffer: try await client.webGet("/ui/sign-in", nil).body)
            #expect(!page.contains("/ui/sso/start") && !page.contains("single sign-on</a>"))
            #expect(try await client.webGet("/ui/sso/start", nil).status == .notFound)
        }
    }
}
