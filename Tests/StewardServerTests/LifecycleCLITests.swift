import Foundation
import NIOCore
import StewardTestSupport
import Testing

/// `steward versions deprecate|undeprecate|hold|release`, `steward retention set|show|run` and
/// `steward gc --dry-run` against a real server (issue 6).
@Suite("Lifecycle CLI (real server process)", .serialized)
struct LifecycleCLITests {
    @Test func lifecycleCommands() async throws {
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        let server = try await ServerProcess(dataDirectory: root + "/data", database: nil)
        defer { server.terminateNow() }
        let token = server.adminToken
        func steward(_ arguments: [String]) throws -> StewardCommand.Result {
            try StewardCommand.run(arguments, server: server.baseURL, token: token)
        }
        _ = try await HTTP.send(.POST, server.baseURL + "/api/v1/models", token: token, json: #"{"name":"m"}"#)
        for number in 1...3 {
            _ = try await HTTP.send(.POST, server.baseURL + "/api/v1/models/m/versions", token: token, json: "{}")
            _ = try await HTTP.send(.PUT, server.baseURL + "/api/v1/models/m/versions/\(number)/files/f.bin", token: token,
                                    body: .bytes(ByteBuffer(string: "cli \(number)")))
            _ = try await HTTP.send(.POST, server.baseURL + "/api/v1/models/m/versions/\(number)/finalize", token: token)
        }
        var result = try steward(["versions", "deprecate", "m", "1", "--replacement", "3", "--sunset", "30d", "--reason", "old", "--format", "json"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.json["lifecycle"] as? String == "deprecated")
        result = try steward(["versions", "get", "m", "1"])
        #expect(result.stdout.contains("deprecated → version 3"), "\(result.stdout)")
        result = try steward(["versions", "deprecate", "m", "1", "--replacement", "3", "--sunset", "2001-01-01T00:00:00Z", "--reason", "old"])
        #expect(result.status != 0 && result.stderr.contains("sunset"), "\(result.stderr)")
        #expect(try steward(["versions", "undeprecate", "m", "1"]).status == 0)
        result = try steward(["versions", "hold", "m", "2", "--reason", "audit 2026", "--format", "json"])
        #expect(result.status == 0 && (result.json["legal_hold"] as? [String: Any])?["reason"] as? String == "audit 2026", "\(result.stdout)")

        result = try steward(["retention", "set", "m", "--keep-last", "1", "--format", "json"])
        #expect(result.status == 0 && result.json["keep_last"] as? Int == 1, "\(result.stderr)")
        #expect(try steward(["retention", "show", "m"]).stdout.contains("Keep last"))
        result = try steward(["retention", "run", "m", "--dry-run"])
        #expect(result.status == 0 && result.stdout.contains("legal hold: audit 2026") && result.stdout.contains("Would retire 1"), "\(result.stdout)")
        #expect(try steward(["versions", "release", "m", "2"]).status == 0)
        result = try steward(["retention", "run", "m", "--format", "json"])
        #expect(result.json["retired"] as? Int == 2, "\(result.stdout)")
        result = try steward(["gc", "--dry-run", "--format", "json"])
        #expect(result.status == 0 && result.json["dry_run"] as? Bool == true, "\(result.stderr)")
    }
}
