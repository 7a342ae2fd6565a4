import Foundation
import NIOCore
import StewardTestSupport
import Testing

/// A real `steward serve` is killed between garbage collection's mark and sweep (the
/// `STEWARD_TEST_CRASH_POINT=gc-after-mark` hook), a marked blob is referenced again while the server
/// is down, and a rerun of `steward gc` finishes: the orphan is gone, the re-referenced blob and
/// every live blob survive, no marks are left.
@Suite("Garbage collection crash safety (real server process)", .serialized)
struct GCCrashTests {
    @Test(arguments: TestDatabase.all)
    func crashBetweenMarkAndSweepThenRerunFinishes(_ database: TestDatabase) async throws {
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        let dbURL = try await database.create(in: root)
        defer { Task { await TestDatabase.drop(dbURL) } }
        let data = root + "/data"
        var server = try await ServerProcess(dataDirectory: data, database: dbURL, extraEnvironment: ["STEWARD_TEST_CRASH_POINT": "gc-after-mark"])
        defer { server.terminateNow() }
        let token = server.adminToken
        var base = server.baseURL + "/api/v1/models/m"
        func put(_ version: Int, _ content: String) async throws {
            let reply = try await HTTP.send(.PUT, base + "/versions/\(version)/files/model.bin", token: token, body: .bytes(ByteBuffer(string: content)))
            #expect(reply.status == 201, "\(reply.text)")
        }
        _ = try await HTTP.send(.POST, server.baseURL + "/api/v1/models", token: token, json: #"{"name":"m"}"#)
        for (version, content) in [(1, "live"), (2, "orphan"), (3, "comes back")] {
            _ = try await HTTP.send(.POST, base + "/versions", token: token, json: "{}")
            try await put(version, content)
        }
        _ = try await HTTP.send(.POST, base + "/versions/1/finalize", token: token)
        for version in [2, 3] { #expect(try await HTTP.send(.DELETE, base + "/versions/\(version)", token: token).status == 204) }

        // The server dies at the crash point: the CLI sees the connection drop.
        let crashed = try StewardCommand.run(["gc", "--grace-seconds", "0"], server: server.baseURL, token: token)
        #expect(crashed.status != 0, "gc should fail when the server dies: \(crashed.stdout)")
        let deadline = Date().addingTimeInterval(10)
        while server.process.isRunning && Date() < deadline { try await Task.sleep(for: .milliseconds(50)) }
        #expect(!server.process.isRunning)
        #expect(server.log.contains("crash point 'gc-after-mark'"), "\(server.log)")
        // Marked, nothing swept.
        for content in ["live", "orphan", "comes back"] { #expect(LifecycleFixtures.blobExists(data, content), "\(content)") }

        // Restart without the hook; a marked blob is referenced again before the sweep runs.
        server = try await ServerProcess(dataDirectory: data, database: dbURL)
        base = server.baseURL + "/api/v1/models/m"
        _ = try await HTTP.send(.POST, base + "/versions", token: token, json: "{}")
        try await put(4, "comes back")
        #expect(try await HTTP.send(.POST, base + "/versions/4/finalize", token: token).json["status"] as? String == "ready")

        let rerun = try StewardCommand.run(["gc", "--grace-seconds", "0", "--format", "json"], server: server.baseURL, token: token)
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(rerun.json["marked"] as? Int == 0, "the rerun finishes the earlier marks first: \(rerun.stdout)")
        #expect(rerun.json["deleted"] as? Int == 1 && rerun.json["kept_referenced"] as? Int == 1, "\(rerun.stdout)")
        #expect(rerun.json["remaining"] as? Int == 0)
        #expect(!LifecycleFixtures.blobExists(data, "orphan"))
        // Nothing dangles: every live file is still served.
        for version in [1, 4] {
            let reply = try await HTTP.send(.GET, base + "/versions/\(version)/files/model.bin", token: token)
            #expect(reply.status == 200, "version \(version): \(reply.status)")
        }
        // A further run marks afresh and finds nothing to do.
        let again = try StewardCommand.run(["gc", "--grace-seconds", "0", "--format", "json"], server: server.baseURL, token: token)
        #expect(again.json["deleted"] as? Int == 0 && again.json["remaining"] as? Int == 0, "\(again.stdout)")
        await server.stop()
    }
}
