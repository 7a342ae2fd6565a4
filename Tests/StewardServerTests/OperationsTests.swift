import Foundation
import HummingbirdTesting
import StewardTestSupport
import Testing

@Suite("Operational endpoints")
struct OperationsTests {
    @Test func healthReadinessMetricsAndDocument() async throws {
        try await TestApp.run(.sqlite) { client, app in
            var response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok && response.json["status"] as? String == "ok")
            response = try await client.execute(uri: "/readyz", method: .get)
            #expect(response.status == .ok)
            _ = try await client.send(.get, "/api/v1/models", app: app)
            response = try await client.execute(uri: "/metrics", method: .get)
            #expect(response.status == .ok)
            #expect(response.text.contains("hb_requests") && response.text.contains("/api/v1/models"))
            #expect(response.text.contains("http_server_request_duration"))
            response = try await client.execute(uri: "/openapi.json", method: .get)
            let paths = try #require(response.json["paths"] as? [String: Any])
            #expect(paths["/api/v1/models/{name}/versions/{version}/files/{path}"] != nil)
        }
    }

    @Test func requestIDIsEchoedOrGenerated() async throws {
        try await TestApp.run(.sqlite) { client, app in
            var response = try await client.execute(uri: "/healthz", method: .get, headers: [.init("X-Request-Id")!: "abc-123"])
            #expect(response.headers[.init("X-Request-Id")!] == "abc-123")
            response = try await client.execute(uri: "/api/v1/models", method: .get)
            let generated = try #require(response.headers[.init("X-Request-Id")!])
            #expect(response.json["request_id"] as? String == generated)
        }
    }

    /// Every operation in the OpenAPI document is routed (a route missing from the server would
    /// answer `route_not_found`).
    @Test func everyDocumentedOperationIsRouted() async throws {
        try await TestApp.run(.sqlite) { client, app in
            let document = try await client.execute(uri: "/openapi.json", method: .get).json
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            var checked = 0
            for (template, operations) in paths {
                let uri = template.replacingOccurrences(of: "{name}", with: "m").replacingOccurrences(of: "{version}", with: "1")
                    .replacingOccurrences(of: "{alias}", with: "prod").replacingOccurrences(of: "{path}", with: "f.bin")
                for method in operations.keys where ["get", "put", "post", "patch", "delete", "head"].contains(method) {
                    let response = try await client.send(.init(rawValue: method.uppercased())!, uri, app: app, json: "{}")
                    #expect(response.json["code"] as? String != "route_not_found", "\(method.uppercased()) \(template) is not routed")
                    checked += 1
                }
            }
            #expect(checked >= 20)
        }
    }
}
