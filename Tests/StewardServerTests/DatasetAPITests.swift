import Foundation
import HTTPTypes
import HummingbirdTesting
import StewardTestSupport
import Testing

/// Registered datasets and their immutable versions through the native API.
@Suite("Datasets API (both databases)")
struct DatasetAPITests {
    static let digest1 = "sha256:" + String(repeating: "a1", count: 32)
    static let digest2 = "sha256:" + String(repeating: "b2", count: 32)

    @Test(arguments: TestDatabase.all)
    func createReadListAndImmutability(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            var response = try await client.send(.post, "/api/v1/datasets", app: app, json: """
                {"name":"customer events","description":"Clickstream","source_system":"snowflake","license":"internal","tags":{"pii":"no"}}
                """)
            #expect(response.status == .created, "\(response.text)")
            #expect(response.headers[.location] == "/api/v1/datasets/customer%20events")
            #expect(response.json["latest_version"] as? Int == 0 && response.json["source_system"] as? String == "snowflake")
            response = try await client.send(.post, "/api/v1/datasets", app: app, json: #"{"name":"customer events"}"#)
            #expect(response.status == .conflict && response.json["code"] as? String == "dataset_already_exists")

            let base = "/api/v1/datasets/customer%20events/versions"
            response = try await client.send(.post, base, app: app, json: """
                {"uri":"s3://lake/events/2026-01","digest":"\(Self.digest1)","row_count":1200,"schema":{"columns":["id","ts"]},"profile":{"null_ratio":0.01}}
                """)
            #expect(response.status == .created, "\(response.text)")
            #expect(response.json["version"] as? Int == 1 && response.json["license"] as? String == "internal", "licence defaults to the dataset's")
            #expect(response.json["tainted"] as? Bool == false && response.json["row_count"] as? Int == 1200)
            // The same content is one version: registering its digest again is refused and changes nothing.
            response = try await client.send(.post, base, app: app, json: #"{"uri":"s3://elsewhere","digest":"\#(Self.digest1)"}"#)
            #expect(response.status == .conflict && response.json["code"] as? String == "dataset_version_exists")
            response = try await client.send(.post, base, app: app, json: #"{"uri":"s3://lake/events/2026-02","digest":"\#(Self.digest2)"}"#)
            #expect(response.json["version"] as? Int == 2, "numbers are monotonic; the refused create used none")

            // Versions are immutable: there is no way to change or delete one.
            for method in [HTTPRequest.Method.patch, .put, .delete] {
                response = try await client.send(method, "\(base)/1", app: app, json: #"{"uri":"s3://tampered"}"#)
                #expect(!(200..<300).contains(Int(response.status.code)), "\(method) must not change a version")
            }
            response = try await client.send(.get, "\(base)/1", app: app)
            #expect(response.json["uri"] as? String == "s3://lake/events/2026-01" && response.json["digest"] as? String == Self.digest1)
            #expect((response.json["schema"] as? [String: Any])?["columns"] as? [String] == ["id", "ts"])

            response = try await client.send(.get, "\(base)?max_results=1", app: app)
            #expect((response.json["versions"] as? [[String: Any]])?.map { $0["version"] as? Int } == [2])
            let token = try #require(response.json["next_page_token"] as? String)
            response = try await client.send(.get, "\(base)?max_results=1&page_token=\(token)", app: app)
            #expect((response.json["versions"] as? [[String: Any]])?.map { $0["version"] as? Int } == [1])
            #expect(response.json["next_page_token"] is NSNull || response.json["next_page_token"] == nil)

            response = try await client.send(.patch, "/api/v1/datasets/customer%20events", app: app, json: #"{"description":"Clicks","tags":{"pii":null}}"#)
            #expect(response.status == .ok && response.json["description"] as? String == "Clicks")
            #expect((response.json["tags"] as? [String: String]) == [:] && response.json["latest_version"] as? Int == 2)
            response = try await client.send(.get, "/api/v1/datasets", app: app)
            #expect((response.json["datasets"] as? [[String: Any]])?.first?["name"] as? String == "customer events")
        }
    }

    @Test(arguments: TestDatabase.all)
    func badInputIsA4xxAndChangesNothing(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            var response = try await client.send(.post, "/api/v1/datasets", app: app, json: #"{"name":"a/b"}"#)
            #expect(response.status == .badRequest && response.json["code"] as? String == "validation_failed")
            response = try await client.send(.post, "/api/v1/datasets", app: app, json: #"{"name":"d","owner":"no-such-team"}"#)
            #expect(response.status == .badRequest)
            response = try await client.send(.post, "/api/v1/datasets", app: app, json: #"{"name":"d"}"#)
            #expect(response.status == .created)
            let bad = [
                #"{"uri":"s3://x","digest":"sha256:xyz"}"#, // not 64 hex digits
                #"{"uri":"s3://x","digest":"no-algorithm"}"#,
                #"{"uri":"","digest":"md5:abc"}"#,
                #"{"uri":"s3://x","digest":"md5:abc","row_count":-1}"#,
                #"{"digest":"md5:abc"}"#, // uri missing
                #"{"uri":"s3://x","digest":"md5:abc","tags":{"":"v"}}"#,
                "not json",
            ]
            for body in bad {
                response = try await client.send(.post, "/api/v1/datasets/d/versions", app: app, json: body)
                #expect((400..<500).contains(Int(response.status.code)), "\(body) -> \(response.status)")
            }
            response = try await client.send(.get, "/api/v1/datasets/d/versions", app: app)
            #expect((response.json["versions"] as? [[String: Any]])?.isEmpty == true, "no bad request created a version")
            response = try await client.send(.get, "/api/v1/datasets/d/versions/0", app: app)
            #expect(response.status == .badRequest)
            response = try await client.send(.get, "/api/v1/datasets/d/versions/7", app: app)
            #expect(response.status == .notFound && response.json["code"] as? String == "dataset_version_not_found")
            response = try await client.send(.get, "/api/v1/datasets/nope", app: app)
            #expect(response.status == .notFound && response.json["code"] as? String == "dataset_not_found")
            response = try await client.send(.get, "/api/v1/datasets?page_token=garbage", app: app)
            #expect(response.status == .badRequest && response.json["code"] as? String == "invalid_page_token")
        }
    }

    @Test(arguments: TestDatabase.all)
    func readingNeedsARoleAndWritingAContributor(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let viewer = try await client.principal(app, name: "vera", roles: ["viewer"])
            let contributor = try await client.principal(app, name: "carl", roles: ["contributor"])
            var response = try await client.call(.post, "/api/v1/datasets", auth: viewer, json: #"{"name":"d"}"#)
            #expect(response.status == .forbidden)
            response = try await client.call(.post, "/api/v1/datasets", auth: contributor, json: #"{"name":"d"}"#)
            #expect(response.status == .created)
            response = try await client.call(.post, "/api/v1/datasets/d/versions", auth: contributor, json: #"{"uri":"s3://x","digest":"md5:abc"}"#)
            #expect(response.status == .created && response.json["created_by"] as? String == "carl")
            response = try await client.call(.get, "/api/v1/datasets/d/versions/1", auth: viewer)
            #expect(response.status == .ok)
            response = try await client.call(.get, "/api/v1/datasets", auth: nil)
            #expect(response.status == .unauthorized)
            // Flagging only blocks, so contributors may; clearing takes a maintainer, approver or admin.
            response = try await client.call(.put, "/api/v1/datasets/d/versions/1/taint", auth: viewer, json: #"{"reason":"other","comment":"x"}"#)
            #expect(response.status == .forbidden)
            response = try await client.call(.put, "/api/v1/datasets/d/versions/1/taint", auth: contributor, json: #"{"reason":"license","comment":"expired"}"#)
            #expect(response.status == .ok)
            response = try await client.call(.delete, "/api/v1/datasets/d/versions/1/taint", auth: contributor)
            #expect(response.status == .forbidden)
        }
    }
}
