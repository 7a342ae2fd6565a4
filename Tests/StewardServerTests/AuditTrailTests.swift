import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import StewardCore
import StewardTestSupport
import Testing

/// The audit trail through the native API: what entries record, who may read them, proofs and
/// exports that verify with the server's public key (both databases, real HTTP on loopback).
@Suite("Audit trail API (both databases)")
struct AuditTrailTests {
    static func entries(_ client: some TestClientProtocol, _ auth: String, _ query: String = "") async throws -> [[String: Any]] {
        let response = try await client.call(.get, "/api/v1/audit/entries?max_results=10000" + query, auth: auth)
        #expect(response.status == .ok, "\(response.text)")
        return (response.json["entries"] as? [[String: Any]]) ?? []
    }

    static func publicKey(_ client: some TestClientProtocol, _ auth: String) async throws -> AuditPublicKey {
        let response = try await client.call(.get, "/api/v1/audit/public-key", auth: auth)
        return try AuditPublicKey(base64: try #require(response.json["public_key"] as? String))
    }

    @Test(arguments: TestDatabase.all)
    func mutationsAreRecordedWithActorRequestAndChange(_ database: TestDatabase) async throws {
        try await TestApp.run(database, framework: .live) { client, app in
            let admin = "Bearer \(app.adminToken)"
            var headers = HTTPFields()
            headers[.authorization] = admin
            headers[.contentType] = "application/json"
            headers[.userAgent] = "audit-test/1.0"
            let created = try await client.execute(uri: "/api/v1/models", method: .post, headers: headers,
                                                   body: ByteBuffer(string: #"{"name":"churn","description":"v1"}"#))
            #expect(created.status == .created)
            let requestID = try #require(created.headers[HTTPField.Name("X-Request-Id")!])
            _ = try await client.call(.patch, "/api/v1/models/churn", auth: admin, json: #"{"description":"v2"}"#)
            // A refused change appends nothing.
            let before = try await Self.entries(client, admin).count
            let refused = try await client.call(.post, "/api/v1/models", auth: admin, json: #"{"name":"churn"}"#)
            #expect(refused.status == .conflict)
            #expect(try await Self.entries(client, admin).count == before)

            let all = try await Self.entries(client, admin, "&model=churn")
            #expect(all.count == 2)
            let create = try #require(all.first?["entry"] as? [String: Any])
            #expect(create["action"] as? String == "model.create")
            #expect(create["request_id"] as? String == requestID)
            #expect(create["user_agent"] as? String == "audit-test/1.0")
            #expect(create["client_address"] as? String == "127.0.0.1")
            #expect(create["door"] as? String == "api")
            let actor = try #require(create["actor"] as? [String: Any])
            #expect(actor["name"] as? String == "admin" && (actor["auth"] as? String)?.hasPrefix("token:") == true)
            let update = try #require(all.last?["entry"] as? [String: Any])
            #expect(update["action"] as? String == "model.update")
            #expect((update["before"] as? [String: Any])?["description"] as? String == "v1")
            #expect((update["after"] as? [String: Any])?["description"] as? String == "v2")
            #expect((update["after"] as? [String: Any])?["name"] == nil, "only changed fields are summarised")

            // Filters: action prefix, actor, time range.
            #expect(try await Self.entries(client, admin, "&action=model.").count == 2)
            #expect(try await Self.entries(client, admin, "&action=alias.").isEmpty)
            #expect(try await Self.entries(client, admin, "&actor=nobody").isEmpty)
            #expect(try await Self.entries(client, admin, "&from=2999-01-01T00:00:00Z").isEmpty)
            let bad = try await client.call(.get, "/api/v1/audit/entries?from=yesterday", auth: admin)
            #expect(bad.status == .badRequest)
        }
    }

    @Test(arguments: TestDatabase.all)
    func onlyAuditorsReadAndNobodyWrites(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let viewer = try await client.principal(app, name: "vic", roles: ["maintainer"])
            let auditor = try await client.principal(app, name: "aud", roles: ["auditor"], scopes: ["read"])
            #expect(try await client.call(.get, "/api/v1/audit/entries", auth: viewer).status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/audit/export", auth: viewer).status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/audit/entries", auth: auditor).status == .ok)
            // A restricted model's artifact read is recorded.
            let admin = "Bearer \(app.adminToken)"
            _ = try await client.call(.post, "/api/v1/models", auth: admin, json: #"{"name":"secret","visibility":"restricted"}"#)
            _ = try await client.call(.post, "/api/v1/models/secret/versions", auth: admin, json: "{}")
            _ = try await client.call(.put, "/api/v1/models/secret/versions/1/files/w.bin", auth: admin, body: ByteBuffer(string: "weights"))
            #expect(try await client.call(.get, "/api/v1/models/secret/versions/1/files/w.bin", auth: admin).status == .ok)
            let reads = try await Self.entries(client, auditor, "&action=file.read")
            #expect(reads.count == 1 && ((reads.first?["entry"] as? [String: Any])?["target"] as? [String: Any])?["model"] as? String == "secret")
            // The trail has no write route of any kind.
            for method in [HTTPRequest.Method.post, .put, .patch, .delete] {
                for path in ["/api/v1/audit/entries", "/api/v1/audit/entries/0", "/api/v1/audit/checkpoint"] {
                    let status = try await client.call(method, path, auth: admin, json: "{}").status
                    #expect(status == .notFound || status == .methodNotAllowed, "\(method) \(path) answered \(status.code)")
                }
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func proofsAndExportsVerifyWithThePublicKey(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let admin = "Bearer \(app.adminToken)"
            for i in 0..<12 { _ = try await client.call(.post, "/api/v1/models", auth: admin, json: #"{"name":"m\#(i)"}"#) }
            let key = try await Self.publicKey(client, admin)
            let head = try await client.call(.get, "/api/v1/audit/checkpoint", auth: admin).json
            let size = try #require(head["tree_size"] as? Int)
            #expect(size == 13) // bootstrap + 12 creations
            let checkpoint = AuditCheckpoint(treeSize: Int64(size), rootHash: try Data(hexChecked: head["root_hash"] as! String),
                                             signature: Data(base64Encoded: head["signature"] as! String)!)
            #expect(checkpoint.isSigned(by: key))

            for index in [0, 5, 12] {
                let proof = try await client.call(.get, "/api/v1/audit/proofs/inclusion?index=\(index)", auth: admin).json
                let path = try (proof["path"] as! [String]).map { try Data(hexChecked: $0) }
                let leaf = try Data(hexChecked: proof["leaf_hash"] as! String)
                #expect(AuditInclusionProof(index: Int64(index), leafHash: leaf, path: path, checkpoint: checkpoint).verify(publicKey: key))
            }
            let consistency = try await client.call(.get, "/api/v1/audit/proofs/consistency?first=5", auth: admin).json
            let first = try #require(consistency["first"] as? [String: Any])
            let older = AuditCheckpoint(treeSize: 5, rootHash: try Data(hexChecked: first["root_hash"] as! String),
                                        signature: Data(base64Encoded: first["signature"] as! String)!)
            let path = try (consistency["path"] as! [String]).map { try Data(hexChecked: $0) }
            #expect(AuditConsistencyProof(first: older, second: checkpoint, path: path).verify(publicKey: key))
            #expect(try await client.call(.get, "/api/v1/audit/proofs/inclusion?index=13", auth: admin).status == .notFound)
            #expect(try await client.call(.get, "/api/v1/audit/proofs/consistency?first=0", auth: admin).status == .badRequest)

            // Complete and filtered exports, JSON Lines and CSV, verify on their own.
            // The bootstrap entry's actor is the server itself, so `actor=admin` leaves it out.
            for (query, expected) in [("format=jsonl", 13), ("format=csv", 13), ("format=jsonl&action=model.create&model=m3", 1), ("format=csv&actor=admin", 12)] {
                let export = try await client.call(.get, "/api/v1/audit/export?" + query, auth: admin)
                #expect(export.status == .ok)
                let report = try Self.verifyExport(Array(export.body.readableBytesView), key: key)
                #expect(report.verified, "\(query): \(report)")
                #expect(report.entries == expected, "\(query)")
            }
        }
    }

    /// Verifies an export with the Core verifier (what `steward audit verify --file` does).
    static func verifyExport(_ bytes: [UInt8], key: AuditPublicKey) throws -> AuditVerificationReport {
        if bytes.first == UInt8(ascii: "{") {
            let lines = bytes.split(separator: UInt8(ascii: "\n"))
            var verifier = AuditVerifier(header: try AuditExportParser.header(lines[0]), trustedKey: key)
            for line in lines.dropFirst() { verifier.add(try AuditExportParser.entry(line)) }
            return verifier.finish()
        }
        var reader = CSVRecordReader()
        let records = reader.feed(bytes)
        var verifier = AuditVerifier(header: try AuditExportParser.header(csv: records[1]), trustedKey: key)
        for record in records.dropFirst(2) { verifier.add(try AuditExportParser.entry(csv: record)) }
        return verifier.finish()
    }
}
