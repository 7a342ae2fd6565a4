import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import StewardCore
import StewardTestSupport
import Testing

@Suite("Registry REST API (both databases)")
struct RegistryAPITests {
    @Test(arguments: TestDatabase.all)
    func registerUploadSealAliasDownload(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            var response = try await client.send(.post, "/api/v1/models", app: app,
                                                 json: #"{"name":"fraud detector","description":"Fraud **model**","tags":{"team":"risk"},"card":{"summary":"s"}}"#)
            #expect(response.status == .created)
            #expect(response.headers[.location] == "/api/v1/models/fraud%20detector")
            #expect(response.json["name"] as? String == "fraud detector")

            response = try await client.send(.post, "/api/v1/models/fraud%20detector/versions", app: app,
                                             json: #"{"params":{"lr":"0.1"},"metrics":{"auc":0.93},"input_schema":{"type":"object"},"source":"runs:/abc"}"#)
            #expect(response.status == .created)
            #expect(response.json["status"] as? String == "pending" && response.json["version"] as? Int == 1)

            let bytes = ByteBuffer(bytes: (0..<300_000).map { UInt8($0 % 251) })
            let sha = SHA256.hash(data: Data(buffer: bytes)).hexString
            response = try await client.send(.put, "/api/v1/models/fraud%20detector/versions/1/files/model%2Fweights.bin", app: app,
                                             headers: [.init("X-Checksum-SHA256")!: sha], body: bytes)
            #expect(response.status == .created)
            #expect(response.json["sha256"] as? String == sha && response.json["size"] as? Int == 300_000)
            // Same path again replaces (200); a second path with identical bytes is stored once.
            response = try await client.send(.put, "/api/v1/models/fraud%20detector/versions/1/files/model/weights.bin", app: app, body: bytes)
            #expect(response.status == .ok)
            response = try await client.send(.put, "/api/v1/models/fraud%20detector/versions/1/files/copy.bin", app: app, body: bytes)
            #expect(response.status == .created)
            let blobs = FileManager.default.enumerator(atPath: app.dataDirectory + "/blobs/sha256")!.allObjects
                .compactMap { $0 as? String }.filter { $0.count > 60 }
            #expect(blobs.count == 1)

            response = try await client.send(.post, "/api/v1/models/fraud%20detector/versions/1/finalize", app: app)
            #expect(response.status == .ok && response.json["status"] as? String == "ready")
            let files = [FileEntry(path: "copy.bin", sha256: sha, size: 300_000), FileEntry(path: "model/weights.bin", sha256: sha, size: 300_000)]
            #expect(response.json["manifest_digest"] as? String == Manifest.digest(of: files))

            response = try await client.send(.put, "/api/v1/models/fraud%20detector/aliases/production", app: app, json: #"{"version":1}"#)
            #expect(response.status == .ok)
            response = try await client.send(.get, "/api/v1/models/fraud%20detector/aliases/production", app: app)
            #expect(response.json["version"] as? Int == 1 && (response.json["aliases"] as? [String]) == ["production"])

            response = try await client.send(.get, "/api/v1/models/fraud%20detector/versions/1/files/model/weights.bin", app: app)
            #expect(response.status == .ok && response.body == bytes)
            #expect(response.headers[.eTag] == "\"\(sha)\"" && response.headers[.acceptRanges] == "bytes")
            response = try await client.send(.get, "/api/v1/models/fraud%20detector/versions/1/files/model/weights.bin", app: app,
                                             headers: [.range: "bytes=1000-1999"])
            #expect(response.status == .partialContent && response.body == bytes.getSlice(at: 1000, length: 1000))
            #expect(response.headers[.contentRange] == "bytes 1000-1999/300000")
            response = try await client.send(.get, "/api/v1/models/fraud%20detector/versions/1/files/model/weights.bin", app: app,
                                             headers: [.range: "bytes=-10"])
            #expect(response.body == bytes.getSlice(at: 299_990, length: 10))
            response = try await client.send(.get, "/api/v1/models/fraud%20detector/versions/1/files/model/weights.bin", app: app,
                                             headers: [.range: "bytes=400000-"])
            #expect(response.status == .rangeNotSatisfiable)
            response = try await client.send(.get, "/api/v1/models/fraud%20detector/versions/1/files/model/weights.bin", app: app,
                                             headers: [.ifNoneMatch: "\"\(sha)\""])
            #expect(response.status == .notModified)

            response = try await client.send(.get, "/api/v1/models/fraud%20detector/aliases/production/history", app: app)
            #expect((response.json["history"] as? [[String: Any]])?.first?["action"] as? String == "set")
            response = try await client.send(.get, "/api/v1/versions?filter=metric.auc+%3E%3D+0.9+AND+tag.none+IS", app: app)
            #expect(response.status == .badRequest && response.json["code"] as? String == "invalid_filter")
            response = try await client.send(.get, "/api/v1/versions?filter=metric.auc+%3E%3D+0.9", app: app)
            #expect((response.json["versions"] as? [[String: Any]])?.count == 1)
            response = try await client.send(.get, "/api/v1/models?filter=name+LIKE+%27fraud%25%27", app: app)
            #expect((response.json["models"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func listsPageWithOpaqueTokens(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            for index in 0..<5 { _ = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"m\#(index)"}"#) }
            var names: [String] = []
            var uri = "/api/v1/models?max_results=2"
            while true {
                let response = try await client.send(.get, uri, app: app)
                names += (response.json["models"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
                guard let token = response.json["next_page_token"] as? String else { break }
                uri = "/api/v1/models?max_results=2&page_token=\(token)"
            }
            #expect(names == ["m0", "m1", "m2", "m3", "m4"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func renameUpdateAndDelete(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            var response = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"a"}"#)
            let etag = try #require(response.headers[.eTag])
            response = try await client.send(.patch, "/api/v1/models/a", app: app, json: #"{"description":"new","tags":{"k":"v"}}"#,
                                             headers: [.ifMatch: etag])
            #expect(response.status == .ok && response.json["description"] as? String == "new")
            response = try await client.send(.patch, "/api/v1/models/a", app: app, json: #"{"description":"stale"}"#, headers: [.ifMatch: etag])
            #expect(response.status == .preconditionFailed)
            // Versions honour If-Match too.
            response = try await client.send(.post, "/api/v1/models/a/versions", app: app, json: "{}")
            let versionTag = try #require(response.headers[.eTag])
            response = try await client.send(.patch, "/api/v1/models/a/versions/1", app: app, json: #"{"description":"one"}"#,
                                             headers: [.ifMatch: versionTag])
            #expect(response.status == .ok)
            response = try await client.send(.patch, "/api/v1/models/a/versions/1", app: app, json: #"{"description":"stale"}"#,
                                             headers: [.ifMatch: versionTag])
            #expect(response.status == .preconditionFailed && response.json["code"] as? String == "precondition_failed")
            #expect(try await client.send(.get, "/api/v1/models/a/versions/1", app: app).json["description"] as? String == "one")
            _ = try await client.send(.delete, "/api/v1/models/a/versions/1", app: app)
            response = try await client.send(.post, "/api/v1/models/a/rename", app: app, json: #"{"new_name":"b"}"#)
            #expect(response.status == .ok && response.json["name"] as? String == "b")
            _ = try await client.send(.post, "/api/v1/models/b/versions", app: app, json: "{}")
            response = try await client.send(.delete, "/api/v1/models/b", app: app)
            #expect(response.status == .conflict && response.json["code"] as? String == "model_has_live_versions")
            response = try await client.send(.delete, "/api/v1/models/b?force=true", app: app)
            #expect(response.status == .noContent)
            response = try await client.send(.get, "/api/v1/models/b", app: app)
            #expect(response.status == .notFound && response.json["code"] as? String == "model_not_found")
        }
    }
}

@Suite("Idempotent creates (both databases)")
struct IdempotencyTests {
    @Test(arguments: TestDatabase.all)
    func repeatedCreatesReturnTheFirstResult(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let key: HTTPFields = [.init("Idempotency-Key")!: "key-1"]
            var response = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"m"}"#, headers: key)
            #expect(response.status == .created)
            response = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"m"}"#, headers: key)
            #expect(response.status == .created && response.json["name"] as? String == "m", "a retry replays, not 409")
            response = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"other"}"#, headers: key)
            #expect(response.status == .conflict && response.json["code"] as? String == "idempotency_key_reused")

            let versionKey: HTTPFields = [.init("Idempotency-Key")!: "v-1"]
            response = try await client.send(.post, "/api/v1/models/m/versions", app: app, json: #"{"description":"d"}"#, headers: versionKey)
            response = try await client.send(.post, "/api/v1/models/m/versions", app: app, json: #"{"description":"d"}"#, headers: versionKey)
            #expect(response.json["version"] as? Int == 1)
            response = try await client.send(.get, "/api/v1/models/m/versions", app: app)
            #expect((response.json["versions"] as? [Any])?.count == 1, "the retry created nothing")
            response = try await client.send(.post, "/api/v1/models/m/versions", app: app, json: "{}",
                                             headers: [.init("Idempotency-Key")!: "bad key with spaces"])
            #expect(response.status == .badRequest)
        }
    }
}
