import AsyncHTTPClient
import Foundation
import SQLKit
import StewardStorage
import StewardTestSupport
import Testing

/// `steward audit verify` against a real server while rows of the log are edited, deleted,
/// inserted and reordered directly in the database (SQLite and PostgreSQL); and two server
/// processes appending concurrently to one PostgreSQL log.
@Suite("Audit tampering and replicas (real server processes)", .serialized)
struct AuditTamperTests {
    static func verify(_ server: ServerProcess, _ extra: [String] = []) throws -> StewardCommand.Result {
        try StewardCommand.run(["audit", "verify", "--format", "json"] + extra, server: server.baseURL, token: server.adminToken)
    }

    static func expectBad(_ server: ServerProcess, at index: Int, _ what: String, _ extra: [String] = []) throws {
        let result = try verify(server, extra)
        #expect(result.status == 1, "\(what): exit \(result.status) \(result.stdout) \(result.stderr)")
        #expect(result.json["verified"] as? Bool == false)
        #expect(result.json["first_bad_index"] as? Int == index, "\(what): \(result.stdout)")
    }

    static func expectGood(_ server: ServerProcess, _ what: String, _ extra: [String] = []) throws {
        let result = try verify(server, extra)
        #expect(result.status == 0 && result.json["verified"] as? Bool == true, "\(what): \(result.stdout) \(result.stderr)")
    }

    /// Makes `count` audited changes through the API.
    static func activity(_ server: ServerProcess, count: Int, prefix: String) async throws {
        for i in 0..<count {
            let status = try await HTTP.send(.POST, server.baseURL + "/api/v1/models", token: server.adminToken,
                                             json: #"{"name":"\#(prefix)\#(i)","description":"model \#(i)"}"#).status
            #expect(status == 201)
        }
    }

    @Test(arguments: TestDatabase.all)
    func tamperingIsDetectedAndTheFirstBadEntryNamed(_ database: TestDatabase) async throws {
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        let url = try await database.create(in: root)
        let server = try await ServerProcess(dataDirectory: root + "/data", database: url)
        defer { server.terminateNow() }
        try await Self.activity(server, count: 15, prefix: "m") // entries 0 (bootstrap) … 15
        try Self.expectGood(server, "untouched")
        // A change through the CLI is recorded as coming through the `cli` door.
        #expect(try StewardCommand.run(["models", "create", "via-cli"], server: server.baseURL, token: server.adminToken).status == 0)
        let listed = try StewardCommand.run(["audit", "list", "--model", "via-cli", "--format", "json"], server: server.baseURL, token: server.adminToken)
        let entries = listed.json["entries"] as? [[String: Any]] ?? []
        #expect((entries.first?["entry"] as? [String: Any])?["door"] as? String == "cli", "\(listed.stdout)")
        let saved = root + "/checkpoint.json"
        #expect(try StewardCommand.run(["audit", "checkpoint", "--save", saved], server: server.baseURL, token: server.adminToken).status == 0)
        try await Self.activity(server, count: 3, prefix: "n") // 16 … 18
        try Self.expectGood(server, "grown since the checkpoint", ["--checkpoint", saved])

        let backend = try await DatabaseLocation.parse(url, dataDirectory: root + "/data").open(logger: TestDatabase.logger)
        func sql(_ text: String) async throws {
            try await backend.withTransaction { db in try await db.raw(SQLQueryString(text)).run() }
        }
        do {
            // Edit: one field of entry 7's body.
            try await sql("UPDATE audit_entries SET body = REPLACE(body, 'model 6', 'model X') WHERE idx = 7")
            try Self.expectBad(server, at: 7, "edited")
            try await sql("UPDATE audit_entries SET body = REPLACE(body, 'model X', 'model 6') WHERE idx = 7")
            try Self.expectGood(server, "edit undone")

            // Delete: entry 9 (kept aside to put back).
            try await sql("CREATE TABLE kept AS SELECT * FROM audit_entries WHERE idx = 9")
            try await sql("DELETE FROM audit_entries WHERE idx = 9")
            try Self.expectBad(server, at: 9, "deleted")
            // …and close the gap by renumbering, as a careful attacker would.
            try await sql("UPDATE audit_entries SET idx = -(idx - 1) WHERE idx > 9")
            try await sql("UPDATE audit_entries SET idx = -idx WHERE idx < 0")
            try Self.expectBad(server, at: 9, "deleted and renumbered")
            try await sql("UPDATE audit_entries SET idx = -(idx + 1) WHERE idx >= 9")
            try await sql("UPDATE audit_entries SET idx = -idx WHERE idx < 0")
            try await sql("INSERT INTO audit_entries SELECT * FROM kept")
            try await sql("DROP TABLE kept")
            try Self.expectGood(server, "delete undone")

            // Reorder: swap the bodies of entries 4 and 5.
            try await sql("UPDATE audit_entries SET idx = -4 WHERE idx = 4")
            try await sql("UPDATE audit_entries SET idx = 4 WHERE idx = 5")
            try await sql("UPDATE audit_entries SET idx = 5 WHERE idx = -4")
            try Self.expectBad(server, at: 4, "reordered")
            try await sql("UPDATE audit_entries SET idx = -5 WHERE idx = 5")
            try await sql("UPDATE audit_entries SET idx = 5 WHERE idx = 4")
            try await sql("UPDATE audit_entries SET idx = 4 WHERE idx = -5")
            try Self.expectGood(server, "reorder undone")

            // Insert: a copy of entry 2 as a new entry 11, shifting the rest up.
            try await sql("UPDATE audit_entries SET idx = -(idx + 1) WHERE idx >= 11")
            try await sql("UPDATE audit_entries SET idx = -idx WHERE idx < 0")
            try await sql("INSERT INTO audit_entries SELECT 11, body, leaf_hash, root_hash, signature, at, actor_id, actor_name, action, target_type, target_id, model, version, dataset FROM audit_entries WHERE idx = 2")
            try Self.expectBad(server, at: 11, "inserted")
            try await sql("DELETE FROM audit_entries WHERE idx = 11")
            try await sql("UPDATE audit_entries SET idx = -(idx - 1) WHERE idx > 11")
            try await sql("UPDATE audit_entries SET idx = -idx WHERE idx < 0")
            try Self.expectGood(server, "insert undone")

            // Truncation: the newest entries vanish; only the saved checkpoint can tell.
            try await sql("CREATE TABLE kept AS SELECT * FROM audit_entries WHERE idx >= 14")
            try await sql("DELETE FROM audit_entries WHERE idx >= 14")
            try Self.expectBad(server, at: 14, "truncated below the saved checkpoint", ["--checkpoint", saved])
            try await sql("INSERT INTO audit_entries SELECT * FROM kept")
            try await sql("DROP TABLE kept")
            try Self.expectGood(server, "truncation undone", ["--checkpoint", saved])
        } catch {
            await backend.close()
            throw error
        }
        await backend.close()

        // An export verifies offline; an edited export names its bad entry.
        let export = root + "/trail.jsonl"
        #expect(try StewardCommand.run(["audit", "export", "-o", export], server: server.baseURL, token: server.adminToken).status == 0)
        var offline = try StewardCommand.run(["audit", "verify", "--file", export, "--format", "json", "--checkpoint", saved])
        #expect(offline.status == 0 && offline.json["entries"] as? Int == 20, "\(offline.stdout) \(offline.stderr)")
        var lines = try String(contentsOfFile: export, encoding: .utf8).components(separatedBy: "\n")
        lines[4] = lines[4].replacingOccurrences(of: "\"admin\"", with: "\"eve\"")
        try lines.joined(separator: "\n").write(toFile: export, atomically: true, encoding: .utf8)
        offline = try StewardCommand.run(["audit", "verify", "--file", export, "--format", "json"])
        #expect(offline.status == 1 && offline.json["first_bad_index"] as? Int == 3, "\(offline.stdout) \(offline.stderr)")
    }

    @Test func twoServersAppendToOnePostgresLogInStrictOrder() async throws {
        guard TestDatabase.all.contains(.postgres) else { return }
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        let url = try await TestDatabase.postgres.create(in: root)
        let first = try await ServerProcess(dataDirectory: root + "/a", database: url)
        defer { first.terminateNow() }
        // Replicas share the signing key (as the README tells operators to); the admin token file
        // is only written by the replica that bootstrapped.
        try FileManager.default.createDirectory(atPath: root + "/b", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: root + "/a/admin-token", toPath: root + "/b/admin-token")
        let second = try await ServerProcess(dataDirectory: root + "/b", database: url,
                                             extraEnvironment: ["STEWARD_AUDIT_SIGNING_KEY": root + "/a/audit-signing.key"])
        defer { second.terminateNow() }
        let token = first.adminToken
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (server, prefix) in [(first, "a"), (second, "b"), (first, "c"), (second, "d")] {
                group.addTask {
                    for i in 0..<25 {
                        let status = try await HTTP.send(.POST, server.baseURL + "/api/v1/models", token: token, json: #"{"name":"\#(prefix)\#(i)"}"#).status
                        #expect(status == 201)
                    }
                }
            }
            try await group.waitForAll()
        }
        for server in [first, second] {
            let result = try StewardCommand.run(["audit", "verify", "--format", "json"], server: server.baseURL, token: token)
            #expect(result.status == 0 && result.json["entries"] as? Int == 101, "\(result.stdout) \(result.stderr)")
        }
        await TestDatabase.drop(url)
    }
}
