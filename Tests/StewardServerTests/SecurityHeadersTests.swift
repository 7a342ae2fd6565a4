import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
@testable import StewardServer
import StewardTestSupport
import Testing

/// Safe defaults: security headers on every response, CORS only for configured origins.
@Suite("Limits: security headers and CORS")
struct SecurityHeadersTests {
    static func expectSecurityHeaders(_ response: TestResponse, _ label: String) {
        #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(label)")
        #expect(response.headers[.init("X-Frame-Options")!] == "DENY", "\(label)")
        #expect(response.headers[.init("Referrer-Policy")!] == "no-referrer", "\(label)")
        #expect(response.headers[.contentSecurityPolicy] == "default-src 'none'; frame-ancestors 'none'", "\(label)")
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        try await TestApp.run(.sqlite) { client, app in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            Self.expectSecurityHeaders(health, "200 /healthz")
            #expect(health.headers[.cacheControl] == nil, "unauthenticated operational endpoints may be cached")
            #expect(health.headers[.strictTransportSecurity] == nil, "no HSTS unless configured")

            let list = try await client.send(.get, "/api/v1/models", app: app)
            #expect(list.status == .ok)
            Self.expectSecurityHeaders(list, "200 authenticated")
            #expect(list.headers[.cacheControl] == "no-store")

            let unauthenticated = try await client.execute(uri: "/api/v1/models", method: .get)
            #expect(unauthenticated.status == .unauthorized)
            Self.expectSecurityHeaders(unauthenticated, "401")
            #expect(unauthenticated.headers[.cacheControl] == "no-store")

            let missing = try await client.execute(uri: "/no/such/route", method: .get)
            #expect(missing.status == .notFound)
            Self.expectSecurityHeaders(missing, "404 route")

            let notFound = try await client.send(.get, "/api/v1/models/absent", app: app)
            #expect(notFound.status == .notFound && notFound.json["code"] as? String == "model_not_found")
            Self.expectSecurityHeaders(notFound, "404 model")

            let invalid = try await client.send(.post, "/api/v1/models", app: app, json: "{")
            #expect(invalid.status == .badRequest)
            Self.expectSecurityHeaders(invalid, "400")

            let tooLarge = try await client.send(.post, "/api/v1/models", app: app,
                                                 json: #"{"name":"x","description":""# + String(repeating: "a", count: 3 << 20) + #""}"#)
            #expect(tooLarge.status == .contentTooLarge)
            Self.expectSecurityHeaders(tooLarge, "413")
        }
    }

    @Test func hstsAndTheJSONBodyLimitFollowTheConfiguration() async throws {
        try await TestApp.run(.sqlite, configure: { config in
            config.limits.hstsMaxAge = 31_536_000
            config.maxJSONBodyBytes = 64
        }) { client, app in
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.headers[.strictTransportSecurity] == "max-age=31536000; includeSubDomains")
            let small = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"small"}"#)
            #expect(small.status == .created)
            let large = try await client.send(.post, "/api/v1/models", app: app,
                                              json: #"{"name":"large","description":"\#(String(repeating: "d", count: 100))"}"#)
            #expect(large.status == .contentTooLarge && large.json["code"] as? String == "payload_too_large")
        }
    }

    static func preflight(_ client: any TestClientProtocol, origin: String) async throws -> TestResponse {
        try await client.execute(uri: "/api/v1/models", method: .options, headers: [
            .origin: origin, .accessControlRequestMethod: "POST", .accessControlRequestHeaders: "authorization, content-type",
        ])
    }

    @Test func corsIsOffUnlessConfigured() async throws {
        try await TestApp.run(.sqlite) { client, app in
            let preflight = try await Self.preflight(client, origin: "https://ui.example.com")
            #expect(preflight.headers[.accessControlAllowOrigin] == nil)
            #expect(preflight.status != .noContent && preflight.status != .ok)
            var headers = HTTPFields()
            headers[.origin] = "https://ui.example.com"
            let get = try await client.send(.get, "/api/v1/models", app: app, headers: headers)
            #expect(get.status == .ok && get.headers[.accessControlAllowOrigin] == nil)
        }
    }

    @Test func corsPreflightIsAllowedOnlyForConfiguredOrigins() async throws {
        try await TestApp.run(.sqlite, configure: { config in
            config.limits.corsOrigins = ["https://ui.example.com", "http://localhost:3000"]
        }) { client, app in
            let allowed = try await Self.preflight(client, origin: "https://ui.example.com")
            #expect(allowed.status == .noContent)
            #expect(allowed.headers[.accessControlAllowOrigin] == "https://ui.example.com")
            #expect(allowed.headers[.accessControlAllowMethods]?.contains("POST") == true)
            #expect(allowed.headers[.accessControlAllowHeaders]?.contains("Authorization") == true)
            #expect(allowed.headers[.vary] == "Origin")
            Self.expectSecurityHeaders(allowed, "preflight")

            let other = try await Self.preflight(client, origin: "https://evil.example.net")
            #expect(other.status == .forbidden && other.json["code"] as? String == "cors_origin_not_allowed")
            #expect(other.headers[.accessControlAllowOrigin] == nil)

            var headers = HTTPFields()
            headers[.origin] = "http://localhost:3000"
            let get = try await client.send(.get, "/api/v1/models", app: app, headers: headers)
            #expect(get.headers[.accessControlAllowOrigin] == "http://localhost:3000")
            #expect(get.headers[.accessControlExposeHeaders]?.contains("RateLimit") == true)
            let missing = try await client.send(.get, "/api/v1/models/absent", app: app, headers: headers)
            #expect(missing.status == .notFound && missing.headers[.accessControlAllowOrigin] == "http://localhost:3000",
                    "errors are readable by an allowed origin too")
            headers[.origin] = "https://evil.example.net"
            let foreign = try await client.send(.get, "/api/v1/models", app: app, headers: headers)
            #expect(foreign.headers[.accessControlAllowOrigin] == nil)
        }
    }
}
