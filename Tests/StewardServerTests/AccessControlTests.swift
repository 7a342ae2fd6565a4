import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import StewardTestSupport
import Testing

/// Helpers to act as different principals.
extension TestClientProtocol {
    func call(_ method: HTTPRequest.Method, _ uri: String, auth: String?, json: String? = nil, body: ByteBuffer? = nil) async throws -> TestResponse {
        var headers = HTTPFields()
        if let auth { headers[.authorization] = auth }
        if json != nil { headers[.contentType] = "application/json" }
        return try await execute(uri: uri, method: method, headers: headers, body: body ?? json.map { ByteBuffer(string: $0) })
    }

    /// Creates an account with a token of the given scopes; returns `Bearer <secret>`.
    func principal(_ app: TestApp, name: String, roles: [String], scopes: [String] = ["read", "write"],
                   password: String? = nil) async throws -> String {
        let admin = "Bearer \(app.adminToken)"
        var account: [String: Any] = ["name": name, "roles": roles]
        if let password { account["password"] = password }
        let body = String(decoding: try JSONSerialization.data(withJSONObject: account), as: UTF8.self)
        let created = try await call(.post, "/api/v1/accounts", auth: admin, json: body)
        #expect(created.status == .created, "\(created.text)")
        let request = String(decoding: try JSONSerialization.data(withJSONObject: ["name": "t", "account": name, "scopes": scopes]), as: UTF8.self)
        let token = try await call(.post, "/api/v1/tokens", auth: admin, json: request)
        return "Bearer " + (token.json["secret"] as? String ?? "")
    }
}

@Suite("Identity and access control (both databases)")
struct AccessControlTests {
    @Test(arguments: TestDatabase.all)
    func tokenLifecycle(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let admin = "Bearer \(app.adminToken)"
            let reader = try await client.principal(app, name: "alice", roles: ["contributor"], scopes: ["read"], password: "correct horse battery")
            var response = try await client.call(.get, "/api/v1/models", auth: reader)
            #expect(response.status == .ok)
            response = try await client.call(.post, "/api/v1/models", auth: reader, json: #"{"name":"x"}"#)
            #expect(response.status == .forbidden && response.json["code"] as? String == "forbidden", "a read-scoped token cannot write")

            // A write-scoped token of the same contributor can.
            response = try await client.call(.post, "/api/v1/tokens", auth: admin, json: #"{"name":"w","account":"alice","scopes":["write"]}"#)
            let writer = "Bearer " + (response.json["secret"] as? String ?? "")
            #expect((response.json["secret"] as? String)?.hasPrefix("stw_") == true)
            response = try await client.call(.post, "/api/v1/models", auth: writer, json: #"{"name":"x"}"#)
            #expect(response.status == .created)
            response = try await client.call(.post, "/api/v1/tokens", auth: writer, json: #"{"name":"escalate","scopes":["admin"]}"#)
            #expect(response.status == .badRequest, "a token cannot mint wider scopes than its own")

            // Listing shows last use, never the secret.
            response = try await client.call(.get, "/api/v1/tokens", auth: writer)
            let listed = try #require(response.json["tokens"] as? [[String: Any]])
            #expect(listed.count == 2 && listed.allSatisfy { $0["secret"] == nil })
            #expect(listed.contains { $0["name"] as? String == "w" && $0["last_used_at"] is String })

            // Revocation takes effect on the next request.
            let id = try #require(listed.first { $0["name"] as? String == "w" }?["id"] as? String)
            response = try await client.call(.delete, "/api/v1/tokens/\(id)", auth: writer)
            #expect(response.status == .noContent)
            response = try await client.call(.get, "/api/v1/models", auth: writer)
            #expect(response.status == .unauthorized)

            // Expiry.
            // Seconds of slack on both sides: a loaded CI machine can stall a request for a second or more.
            let soon = Date().addingTimeInterval(10)
            response = try await client.call(.post, "/api/v1/tokens", auth: admin,
                                             json: #"{"name":"short","scopes":["read"],"expires_at":"\#(ISO8601DateFormatter().string(from: soon.addingTimeInterval(1)))"}"#)
            let short = "Bearer " + (response.json["secret"] as? String ?? "")
            #expect(try await client.call(.get, "/api/v1/whoami", auth: short).status == .ok)
            try await Task.sleep(for: .milliseconds(12_000))
            #expect(try await client.call(.get, "/api/v1/whoami", auth: short).status == .unauthorized)
            response = try await client.call(.post, "/api/v1/tokens", auth: admin, json: #"{"name":"past","expires_at":"2001-01-01T00:00:00Z"}"#)
            #expect(response.status == .badRequest)

            // Basic: the account's password, or a token as the password; wrong passwords and disabled accounts fail alike.
            let basic = "Basic " + Data("alice:correct horse battery".utf8).base64EncodedString()
            response = try await client.call(.get, "/api/v1/whoami", auth: basic)
            #expect(response.json["name"] as? String == "alice" && response.json["authenticated_by"] as? String == "password")
            let tokenAsPassword = "Basic " + Data("anyone:\(reader.dropFirst(7))".utf8).base64EncodedString()
            #expect(try await client.call(.get, "/api/v1/whoami", auth: tokenAsPassword).json["name"] as? String == "alice")
            #expect(try await client.call(.get, "/api/v1/whoami", auth: "Basic " + Data("alice:wrong password!!".utf8).base64EncodedString()).status == .unauthorized)
            response = try await client.call(.patch, "/api/v1/accounts/alice", auth: admin, json: #"{"disabled":true}"#)
            #expect(response.json["disabled"] as? Bool == true)
            #expect(try await client.call(.get, "/api/v1/whoami", auth: basic).status == .unauthorized)
            #expect(try await client.call(.get, "/api/v1/whoami", auth: reader).status == .unauthorized)

            // Identity administration is for administrators.
            let viewer = try await client.principal(app, name: "victor", roles: ["viewer"])
            #expect(try await client.call(.get, "/api/v1/accounts", auth: viewer).status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/tokens", auth: viewer, json: #"{"name":"x","account":"admin","scopes":["read"]}"#).status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/accounts", auth: viewer, json: #"{"name":"mallory","roles":["admin"]}"#).status == .forbidden)
        }
    }

    @Test(arguments: TestDatabase.all)
    func rolesDecideWhatMayBeDone(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let admin = "Bearer \(app.adminToken)"
            let viewer = try await client.principal(app, name: "viewer1", roles: ["viewer"])
            let contributor = try await client.principal(app, name: "contrib1", roles: ["contributor"])
            let maintainer = try await client.principal(app, name: "maint1", roles: ["maintainer"])
            #expect(try await client.call(.post, "/api/v1/models", auth: viewer, json: #"{"name":"v"}"#).status == .forbidden)
            #expect(try await client.call(.post, "/api/v1/models", auth: contributor, json: #"{"name":"m"}"#).status == .created)
            #expect(try await client.call(.post, "/api/v1/models/m/versions", auth: contributor, json: "{}").status == .created)
            #expect(try await client.call(.put, "/api/v1/models/m/versions/1/files/f", auth: contributor, body: ByteBuffer(string: "f")).status == .created)
            #expect(try await client.call(.post, "/api/v1/models/m/versions/1/finalize", auth: contributor).status == .ok)
            #expect(try await client.call(.post, "/api/v1/models/m/versions", auth: viewer, json: "{}").status == .forbidden)
            #expect(try await client.call(.put, "/api/v1/models/m/aliases/prod", auth: contributor, json: #"{"version":1}"#).status == .forbidden)
            #expect(try await client.call(.put, "/api/v1/models/m/aliases/prod", auth: maintainer, json: #"{"version":1}"#).status == .ok)
            #expect(try await client.call(.get, "/api/v1/models/m/aliases/prod", auth: viewer).status == .ok)
            #expect(try await client.call(.delete, "/api/v1/models/m?force=true", auth: maintainer).status == .forbidden)
            #expect(try await client.call(.delete, "/api/v1/models/m?force=true", auth: admin).status == .noContent)
        }
    }

    /// A principal without a grant cannot learn that a restricted model exists through any route.
    @Test(arguments: TestDatabase.all)
    func restrictedModelsNeverLeak(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let admin = "Bearer \(app.adminToken)"
            #expect(try await client.call(.post, "/api/v1/teams", auth: admin, json: #"{"name":"risk"}"#).status == .created)
            let outsider = try await client.principal(app, name: "bob", roles: ["maintainer"])
            let member = try await client.principal(app, name: "carol", roles: ["viewer"])
            #expect(try await client.call(.put, "/api/v1/teams/risk/members/carol", auth: admin).status == .ok)
            for name in ["secret", "open"] {
                let visibility = name == "secret" ? #","visibility":"restricted","owner":"risk""# : ""
                _ = try await client.call(.post, "/api/v1/models", auth: admin, json: #"{"name":"\#(name)","tags":{"k":"v"}\#(visibility)}"#)
                _ = try await client.call(.post, "/api/v1/models/\(name)/versions", auth: admin, json: #"{"metrics":{"auc":0.9}}"#)
                _ = try await client.call(.put, "/api/v1/models/\(name)/versions/1/files/w.bin", auth: admin, body: ByteBuffer(string: "w"))
                _ = try await client.call(.post, "/api/v1/models/\(name)/versions/1/finalize", auth: admin)
                _ = try await client.call(.put, "/api/v1/models/\(name)/aliases/prod", auth: admin, json: #"{"version":1}"#)
            }
            // Every route about the model answers exactly as for a model that does not exist.
            let probes: [(HTTPRequest.Method, String, String?)] = [
                (.get, "", nil), (.patch, "", #"{"description":"x"}"#), (.delete, "?force=true", nil), (.post, "/rename", #"{"new_name":"y"}"#),
                (.get, "/versions", nil), (.post, "/versions", "{}"), (.get, "/versions/1", nil), (.patch, "/versions/1", #"{"description":"x"}"#),
                (.delete, "/versions/1", nil), (.post, "/versions/1/finalize", nil), (.get, "/versions/1/files", nil),
                (.get, "/versions/1/files/w.bin", nil), (.head, "/versions/1/files/w.bin", nil), (.put, "/versions/1/files/z.bin", "z"),
                (.delete, "/versions/1/files/w.bin", nil), (.get, "/aliases", nil), (.get, "/aliases/prod", nil),
                (.put, "/aliases/prod", #"{"version":1}"#), (.delete, "/aliases/prod", nil), (.get, "/aliases/prod/history", nil),
                (.get, "/grants", nil), (.put, "/grants/account:bob", #"{"permission":"read"}"#),
            ]
            for (method, suffix, body) in probes {
                let secret = try await client.call(method, "/api/v1/models/secret\(suffix)", auth: outsider, json: body)
                let missing = try await client.call(method, "/api/v1/models/nonexistent\(suffix)", auth: outsider, json: body)
                #expect(secret.status == missing.status && secret.status == .notFound, "\(method) \(suffix): \(secret.status)")
                #expect(secret.json["code"] as? String == missing.json["code"] as? String, "\(method) \(suffix)")
            }
            for uri in ["/api/v1/models", "/api/v1/models?filter=tag.k%20%3D%20%27v%27", "/api/v1/versions", "/api/v1/versions?filter=metric.auc%20%3E%200.5",
                        "/api/v1/models?max_results=1"] {
                let listed = try await client.call(.get, uri, auth: outsider).text
                #expect(!listed.contains("secret"), "\(uri) leaks the restricted model")
            }
            let firstPage = try await client.call(.get, "/api/v1/models?max_results=1", auth: outsider)
            #expect(firstPage.json["next_page_token"] == nil, "paging counts only visible models")

            // The MLflow door answers the same way for the restricted model as for a missing one.
            let mlflow = "/api/2.0/mlflow"
            for query in ["registered-models/get?name=%@", "registered-models/alias?name=%@&alias=prod",
                          "model-versions/get?name=%@&version=1", "model-versions/get-download-uri?name=%@&version=1",
                          "registered-models/get-latest-versions?name=%@"] {
                let secret = try await client.call(.get, "\(mlflow)/\(query.replacingOccurrences(of: "%@", with: "secret"))", auth: outsider)
                let missing = try await client.call(.get, "\(mlflow)/\(query.replacingOccurrences(of: "%@", with: "nonexistent"))", auth: outsider)
                #expect(secret.status == missing.status && secret.status != .ok, "MLflow \(query): \(secret.status.code)")
                #expect(secret.json["error_code"] as? String == missing.json["error_code"] as? String, "MLflow \(query)")
            }
            for query in ["registered-models/search?max_results=100", "model-versions/search?max_results=100",
                          "model-versions/search?filter=name%3D%27secret%27"] {
                let listed = try await client.call(.get, "\(mlflow)/\(query)", auth: outsider)
                #expect(listed.status == .ok && !listed.text.contains("secret"), "MLflow \(query) leaks the restricted model")
            }

            // The owning team's members see it; a grant lets an outsider read but not write.
            #expect(try await client.call(.get, "/api/v1/models/secret", auth: member).status == .ok)
            #expect(try await client.call(.get, "/api/v1/models", auth: member).text.contains("secret"))
            #expect(try await client.call(.put, "/api/v1/models/secret/grants/account:bob", auth: admin, json: #"{"permission":"read"}"#).status == .ok)
            #expect(try await client.call(.get, "/api/v1/models/secret/versions/1/files/w.bin", auth: outsider).text == "w")
            #expect(try await client.call(.post, "/api/v1/models/secret/versions", auth: outsider, json: "{}").status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/versions", auth: outsider).text.contains("secret"))
            #expect(try await client.call(.delete, "/api/v1/models/secret/grants/account:bob", auth: admin).status == .noContent)
            #expect(try await client.call(.get, "/api/v1/models/secret", auth: outsider).status == .notFound)
        }
    }
}
