import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import StewardTestSupport
import Testing

/// Every kind of bad input gets a 4xx with a stable code, and changes nothing.
@Suite("Bad input (both databases)")
struct BadInputTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var method: HTTPRequest.Method
        var uri: String
        var body: String? = nil
        var headers: [String: String] = [:]
        var status: Int
        var code: String
        var description: String { name }
    }

    static let deepJSON = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    static let hugeJSON = #"{"name":"x","description":""# + String(repeating: "a", count: 3 << 20) + #""}"#

    static let cases: [Case] = [
        Case(name: "malformed JSON", method: .post, uri: "/api/v1/models", body: #"{"name":"#, status: 400, code: "invalid_json"),
        Case(name: "wrong type", method: .post, uri: "/api/v1/models", body: #"{"name":5}"#, status: 400, code: "invalid_json"),
        Case(name: "missing field", method: .post, uri: "/api/v1/models", body: "{}", status: 400, code: "invalid_json"),
        Case(name: "not an object", method: .post, uri: "/api/v1/models", body: "[1,2]", status: 400, code: "invalid_json"),
        Case(name: "empty body", method: .post, uri: "/api/v1/models", body: "", status: 400, code: "invalid_json"),
        Case(name: "oversized name", method: .post, uri: "/api/v1/models", body: #"{"name":"\#(String(repeating: "n", count: 257))"}"#, status: 400, code: "validation_failed"),
        Case(name: "slash in name", method: .post, uri: "/api/v1/models", body: #"{"name":"a/b"}"#, status: 400, code: "validation_failed"),
        Case(name: "control character in name", method: .post, uri: "/api/v1/models", body: #"{"name":"a\u0007b"}"#, status: 400, code: "validation_failed"),
        Case(name: "card not an object", method: .post, uri: "/api/v1/models", body: #"{"name":"c","card":"x"}"#, status: 400, code: "validation_failed"),
        Case(name: "oversized body", method: .post, uri: "/api/v1/models", body: hugeJSON, status: 413, code: "payload_too_large"),
        Case(name: "deeply nested JSON", method: .post, uri: "/api/v1/models", body: deepJSON, status: 400, code: "invalid_json"),
        Case(name: "not JSON content type", method: .post, uri: "/api/v1/models", body: #"{"name":"t"}"#, headers: ["Content-Type": "text/plain"], status: 415, code: "unsupported_media_type"),
        Case(name: "duplicate name", method: .post, uri: "/api/v1/models", body: #"{"name":"m"}"#, status: 409, code: "model_already_exists"),
        Case(name: "metric of wrong type", method: .post, uri: "/api/v1/models/m/versions", body: #"{"metrics":{"auc":"high"}}"#, status: 400, code: "invalid_json"),
        Case(name: "dot-dot path", method: .put, uri: "/api/v1/models/m/versions/2/files/..%2Fescape", body: "x", status: 400, code: "invalid_path"),
        Case(name: "encoded dot-dot path", method: .put, uri: "/api/v1/models/m/versions/2/files/%2e%2e/escape", body: "x", status: 400, code: "invalid_path"),
        Case(name: "absolute path (encoded)", method: .put, uri: "/api/v1/models/m/versions/2/files/%2Fetc%2Fpasswd", body: "x", status: 400, code: "invalid_path"),
        Case(name: "absolute path (double slash)", method: .put, uri: "/api/v1/models/m/versions/2/files//etc/passwd", body: "x", status: 400, code: "invalid_path"),
        Case(name: "dot segment", method: .put, uri: "/api/v1/models/m/versions/2/files/a/./b", body: "x", status: 400, code: "invalid_path"),
        Case(name: "backslash path", method: .put, uri: "/api/v1/models/m/versions/2/files/a%5C..%5Cb", body: "x", status: 400, code: "invalid_path"),
        Case(name: "malformed checksum", method: .put, uri: "/api/v1/models/m/versions/2/files/new.bin", body: "x", headers: ["X-Checksum-SHA256": "xyz"], status: 400, code: "validation_failed"),
        Case(name: "wrong checksum", method: .put, uri: "/api/v1/models/m/versions/2/files/new.bin", body: "x", headers: ["X-Checksum-SHA256": String(repeating: "0", count: 64)], status: 400, code: "digest_mismatch"),
        Case(name: "upload to sealed version", method: .put, uri: "/api/v1/models/m/versions/1/files/a.bin", body: "y", status: 409, code: "version_sealed"),
        Case(name: "new file in sealed version", method: .put, uri: "/api/v1/models/m/versions/1/files/b.bin", body: "y", status: 409, code: "version_sealed"),
        Case(name: "delete file of sealed version", method: .delete, uri: "/api/v1/models/m/versions/1/files/a.bin", status: 409, code: "version_sealed"),
        Case(name: "change sealed metrics", method: .patch, uri: "/api/v1/models/m/versions/1", body: #"{"metrics":{"auc":1}}"#, status: 409, code: "version_sealed"),
        Case(name: "bad page token", method: .get, uri: "/api/v1/models?page_token=bm90LWEtdG9rZW4", status: 400, code: "invalid_page_token"),
        Case(name: "unparseable filter", method: .get, uri: "/api/v1/models?filter=name%20%3D", status: 400, code: "invalid_filter"),
        Case(name: "unknown sort direction", method: .get, uri: "/api/v1/models?order_by=name%20SIDEWAYS", status: 400, code: "invalid_order_by"),
        Case(name: "unknown status value", method: .get, uri: "/api/v1/versions?filter=status%20%3D%20%27weird%27", status: 400, code: "invalid_filter"),
        Case(name: "non-numeric max_results", method: .get, uri: "/api/v1/models?max_results=abc", status: 400, code: "validation_failed"),
        Case(name: "max_results out of range", method: .get, uri: "/api/v1/models?max_results=100000", status: 400, code: "validation_failed"),
        Case(name: "bad version number", method: .get, uri: "/api/v1/models/m/versions/abc", status: 400, code: "validation_failed"),
        Case(name: "alias to pending version", method: .put, uri: "/api/v1/models/m/aliases/prod", body: #"{"version":2}"#, status: 409, code: "version_not_ready"),
        Case(name: "alias version as string", method: .put, uri: "/api/v1/models/m/aliases/prod", body: #"{"version":"1"}"#, status: 400, code: "invalid_json"),
        Case(name: "reserved alias name", method: .put, uri: "/api/v1/models/m/aliases/v3", body: #"{"version":1}"#, status: 400, code: "validation_failed"),
        Case(name: "unknown model", method: .get, uri: "/api/v1/models/nope", status: 404, code: "model_not_found"),
        Case(name: "unknown route", method: .get, uri: "/api/v1/nothing-here", status: 404, code: "route_not_found"),
        Case(name: "no token", method: .post, uri: "/api/v1/models", body: #"{"name":"z"}"#, headers: ["Authorization": ""], status: 401, code: "unauthenticated"),
        Case(name: "wrong token", method: .post, uri: "/api/v1/models", body: #"{"name":"z"}"#, headers: ["Authorization": "Bearer stw_wrong"], status: 401, code: "unauthenticated"),
        Case(name: "basic instead of bearer", method: .delete, uri: "/api/v1/models/m?force=true", headers: ["Authorization": "Basic YTpi"], status: 401, code: "unauthenticated"),
    ]

    /// Everything observable about the registry, to compare before and after a bad request.
    static func snapshot(_ client: any TestClientProtocol, _ app: TestApp) async throws -> String {
        var parts: [String] = []
        for uri in ["/api/v1/models?max_results=1000", "/api/v1/versions?max_results=1000", "/api/v1/models/m/aliases",
                    "/api/v1/models/m/versions/2/files"] {
            parts.append(try await client.send(.get, uri, app: app).text)
        }
        return parts.joined(separator: "\n")
    }

    @Test(arguments: TestDatabase.all)
    func everyBadInputIsA4xxAndChangesNothing(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            _ = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"m"}"#)
            _ = try await client.send(.post, "/api/v1/models/m/versions", app: app, json: "{}")
            _ = try await client.send(.put, "/api/v1/models/m/versions/1/files/a.bin", app: app, body: ByteBuffer(string: "a"))
            _ = try await client.send(.post, "/api/v1/models/m/versions/1/finalize", app: app)
            _ = try await client.send(.post, "/api/v1/models/m/versions", app: app, json: "{}")
            let before = try await Self.snapshot(client, app)
            for item in Self.cases {
                var headers = HTTPFields()
                for (name, value) in item.headers { headers[HTTPField.Name(name)!] = value }
                let response: TestResponse
                if headers[.authorization] == "" {
                    headers[.authorization] = nil
                    headers[.contentType] = "application/json"
                    response = try await client.execute(uri: item.uri, method: item.method, headers: headers,
                                                        body: item.body.map { ByteBuffer(string: $0) })
                } else {
                    response = try await client.send(item.method, item.uri, app: app, headers: headers,
                                                     body: item.body.map { ByteBuffer(string: $0) })
                }
                #expect(Int(response.status.code) == item.status, "\(item.name): \(response.text.prefix(300))")
                #expect(response.json["code"] as? String == item.code, "\(item.name): \(response.text.prefix(300))")
                #expect(response.headers[.contentType] == "application/problem+json", "\(item.name)")
                #expect(response.json["request_id"] as? String != nil, "\(item.name)")
                #expect(try await Self.snapshot(client, app) == before, "\(item.name) changed something")
            }
            let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: app.dataDirectory + "/tmp")) ?? []
            #expect(leftovers.isEmpty, "no temporary upload survives a refused request")
        }
    }
}
