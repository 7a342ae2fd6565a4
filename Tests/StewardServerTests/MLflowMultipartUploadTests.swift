import Crypto
import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import SQLKit
import StewardStorage
import StewardTestSupport
import Testing

/// MLflow's proxied multipart upload: parts sent in any order to the URLs the server hands out,
/// joined in order on completion, and every way to get it wrong refused without changing anything.
@Suite("MLflow multipart upload (both databases)")
struct MLflowMultipartUploadTests {
    static let base = "/api/2.0/mlflow-artifacts"

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    @Test(arguments: TestDatabase.all)
    func partsInAnyOrderBecomeOneArtifact(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let admin = "Bearer \(app.adminToken)"
            let create = try await client.call(.post, Self.base + "/mpu/create/0/r1/artifacts/model", auth: admin,
                                               json: #"{"path":"/home/ds/out/weights.bin","num_parts":3}"#)
            #expect(create.status == .ok, "\(create.text)")
            let id = try #require(create.json["upload_id"] as? String)
            let credentials = try #require(create.json["credentials"] as? [[String: Any]])
            #expect(credentials.map { $0["part_number"] as? Int } == [1, 2, 3])
            // The URLs point back at this server; each carries the caller's own credentials.
            let urls = credentials.compactMap { $0["url"] as? String }
            #expect(urls.count == 3 && urls.allSatisfy { $0.hasPrefix("http://") && $0.contains("/mpu/upload/\(id)/") }, "\(urls)")
            #expect(credentials.allSatisfy { ($0["headers"] as? [String: String])?["Authorization"] == admin })

            let parts = ["first part, ", "second part, ", "third."]
            var etags: [Int: String] = [:]
            for number in [2, 3, 1] { // parallel uploads finish in any order
                let path = try #require(URLComponents(string: urls[number - 1])?.path)
                let sent = try await client.call(.put, path, auth: admin, body: ByteBuffer(string: parts[number - 1]))
                #expect(sent.status == .ok, "\(sent.text)")
                etags[number] = sent.headers[.eTag]
                #expect(etags[number] == "\"\(Self.sha256(parts[number - 1]))\"")
            }
            // A garbage collection while the upload is open keeps its parts.
            let gc = try await client.call(.post, "/api/v1/admin/gc", auth: admin, json: #"{"grace_seconds":0}"#)
            #expect(gc.status == .ok, "\(gc.text)")
            let list = (1...3).map { #"{"part_number":\#($0),"etag":\#(String(reflecting: etags[$0] ?? ""))}"# }.joined(separator: ",")
            let complete = try await client.call(.post, Self.base + "/mpu/complete/0/r1/artifacts/model", auth: admin,
                                                 json: #"{"path":"/home/ds/out/weights.bin","upload_id":"\#(id)","parts":[\#(list)]}"#)
            #expect(complete.status == .ok && complete.text == "{}", "\(complete.text)")
            let file = try await client.call(.get, Self.base + "/artifacts/0/r1/artifacts/model/weights.bin", auth: admin)
            #expect(file.text == parts.joined(), "the parts, joined in order")
            let listing = try await client.call(.get, Self.base + "/artifacts?path=0/r1/artifacts/model", auth: admin)
            #expect((listing.json["files"] as? [[String: Any]])?.first?["file_size"] as? Int == parts.joined().utf8.count)
            // The upload is closed: its id no longer takes parts.
            let late = try await client.call(.put, Self.base + "/mpu/upload/\(id)/1", auth: admin, body: ByteBuffer(string: "x"))
            #expect(late.status == .notFound && late.json["error_code"] as? String == "RESOURCE_DOES_NOT_EXIST", "\(late.text)")
            // Every step is on the audit trail.
            let audit = try await client.call(.get, "/api/v1/audit/entries?limit=20", auth: admin)
            let actions = (audit.json["entries"] as? [[String: Any]] ?? []).compactMap { ($0["entry"] as? [String: Any])?["action"] as? String }
            #expect(actions.filter { $0 == "artifact.upload_part" }.count == 3 && actions.contains("artifact.upload_start")
                    && actions.contains("artifact.upload"), "\(actions)")
        }
    }

    @Test(arguments: TestDatabase.all)
    func badUploadsAreRefusedAndChangeNothing(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let admin = "Bearer \(app.adminToken)"
            let other = try await client.principal(app, name: "olga", roles: ["contributor"])
            func create(_ json: String, dir: String = "0/r2/artifacts") async throws -> TestResponse {
                try await client.call(.post, Self.base + "/mpu/create/" + dir, auth: admin, json: json)
            }
            for bad in [#"{"path":"/tmp/a.bin","num_parts":0}"#, #"{"path":"/tmp/a.bin","num_parts":10001}"#,
                        #"{"path":"/tmp/a.bin"}"#, #"{"num_parts":2}"#, #"{"path":"/","num_parts":2}"#] {
                let response = try await create(bad)
                #expect(response.status == .badRequest && response.json["error_code"] as? String == "INVALID_PARAMETER_VALUE", "\(bad): \(response.text)")
            }
            let traversal = try await create(#"{"path":"/tmp/a.bin","num_parts":1}"#, dir: "0/../../etc")
            #expect(traversal.status == .badRequest, "\(traversal.text)")

            let opened = try await create(#"{"path":"/tmp/a.bin","num_parts":2}"#)
            let id = try #require(opened.json["upload_id"] as? String, "\(opened.text)")
            let part1 = try await client.call(.put, Self.base + "/mpu/upload/\(id)/1", auth: admin, body: ByteBuffer(string: "one"))
            #expect(part1.status == .ok)
            let tag1 = part1.headers[.eTag] ?? ""
            for (number, expected) in [(0, HTTPResponse.Status.badRequest), (3, .badRequest)] {
                let response = try await client.call(.put, Self.base + "/mpu/upload/\(id)/\(number)", auth: admin, body: ByteBuffer(string: "x"))
                #expect(response.status == expected, "part \(number): \(response.text)")
            }
            // Only its starter may add to, complete or abort an upload.
            let foreign = try await client.call(.put, Self.base + "/mpu/upload/\(id)/2", auth: other, body: ByteBuffer(string: "two"))
            #expect(foreign.status == .forbidden && foreign.json["error_code"] as? String == "PERMISSION_DENIED", "\(foreign.text)")
            let unknown = try await client.call(.put, Self.base + "/mpu/upload/\(String(repeating: "0", count: 32))/1", auth: admin,
                                                body: ByteBuffer(string: "x"))
            #expect(unknown.status == .notFound)
            let anonymous = try await client.call(.put, Self.base + "/mpu/upload/\(id)/2", auth: nil, body: ByteBuffer(string: "two"))
            #expect(anonymous.status == .unauthorized)

            func complete(_ parts: String, path: String = "/tmp/a.bin", dir: String = "0/r2/artifacts", auth: String? = nil) async throws -> TestResponse {
                try await client.call(.post, Self.base + "/mpu/complete/" + dir, auth: auth ?? admin,
                                      json: #"{"path":"\#(path)","upload_id":"\#(id)","parts":[\#(parts)]}"#)
            }
            let one = #"{"part_number":1,"etag":\#(String(reflecting: tag1))}"#
            let cases: [(String, TestResponse)] = [
                ("a part not uploaded", try await complete(one + #",{"part_number":2,"etag":"x"}"#)),
                ("a wrong ETag", try await complete(#"{"part_number":1,"etag":"\"abc\""}"#)),
                ("descending numbers", try await complete(#"{"part_number":2,"etag":"x"},"# + one)),
                ("no parts", try await complete("")),
                ("another file name", try await complete(one, path: "/tmp/b.bin")),
                ("another directory", try await complete(one, dir: "0/r3/artifacts")),
            ]
            for (what, response) in cases {
                #expect(response.status == .badRequest && response.json["error_code"] as? String == "INVALID_PARAMETER_VALUE", "\(what): \(response.text)")
            }
            #expect(try await complete(one, auth: other).status == .forbidden)
            let missing = try await client.call(.get, Self.base + "/artifacts/0/r2/artifacts/a.bin", auth: admin)
            #expect(missing.status == .notFound, "nothing was recorded: \(missing.status)")

            // Abort: the upload is gone, parts and all.
            let aborted = try await client.call(.post, Self.base + "/mpu/abort/0/r2/artifacts", auth: admin,
                                                json: #"{"path":"/tmp/a.bin","upload_id":"\#(id)"}"#)
            #expect(aborted.status == .ok && aborted.text == "{}", "\(aborted.text)")
            #expect(try await complete(one).status == .notFound)
            let again = try await client.call(.post, Self.base + "/mpu/abort/0/r2/artifacts", auth: admin,
                                              json: #"{"path":"/tmp/a.bin","upload_id":"\#(id)"}"#)
            #expect(again.status == .notFound)
        }
    }

    /// An upload not completed within its lifetime takes no more parts, cannot be completed, and its
    /// parts' blobs become garbage (an open upload's are kept: see the test above).
    @Test(arguments: TestDatabase.all)
    func anExpiredUploadIsGoneAndItsPartsAreGarbage(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let admin = "Bearer \(app.adminToken)"
            let opened = try await client.call(.post, Self.base + "/mpu/create/0/r4/artifacts", auth: admin,
                                               json: #"{"path":"/tmp/old.bin","num_parts":2}"#)
            let id = try #require(opened.json["upload_id"] as? String, "\(opened.text)")
            let part = try await client.call(.put, Self.base + "/mpu/upload/\(id)/1", auth: admin, body: ByteBuffer(string: "stale part"))
            #expect(part.status == .ok)
            #expect(LifecycleFixtures.blobExists(app.dataDirectory, "stale part"))
            // A day and an hour later.
            try await LineageFixtures.withBackend(app) { backend in
                try await backend.withTransaction { db in
                    try await db.raw("UPDATE multipart_uploads SET created_at = created_at - 90000000").run()
                }
            }
            let late = try await client.call(.put, Self.base + "/mpu/upload/\(id)/2", auth: admin, body: ByteBuffer(string: "late"))
            #expect(late.status == .notFound, "\(late.text)")
            let complete = try await client.call(.post, Self.base + "/mpu/complete/0/r4/artifacts", auth: admin,
                                                 json: #"{"path":"/tmp/old.bin","upload_id":"\#(id)","parts":[{"part_number":1,"etag":"x"}]}"#)
            #expect(complete.status == .notFound, "\(complete.text)")
            let gc = try await client.call(.post, "/api/v1/admin/gc", auth: admin, json: #"{"grace_seconds":0}"#)
            #expect(gc.status == .ok && (gc.json["deleted"] as? Int ?? 0) >= 1, "\(gc.text)")
            #expect(!LifecycleFixtures.blobExists(app.dataDirectory, "stale part"))
        }
    }
}
