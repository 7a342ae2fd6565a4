import Foundation
import StewardTestSupport
import Testing

/// The `steward` client commands against a real server, through the generated client.
@Suite("steward CLI end to end (real server process)", .serialized)
struct CLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var json: Any? { try? JSONSerialization.jsonObject(with: Data(stdout.utf8)) }
    }

    static func steward(_ arguments: [String], server: ServerProcess?, token: String? = nil) throws -> Run {
        let run = try StewardCommand.run(arguments, server: server?.baseURL, token: server.map { token ?? $0.adminToken })
        return Run(status: run.status, stdout: run.stdout, stderr: run.stderr)
    }

    @Test func walkthrough() async throws {
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        let server = try await ServerProcess(dataDirectory: root + "/data", database: nil)
        defer { server.terminateNow() }
        let artifacts = root + "/artifacts"
        try FileManager.default.createDirectory(atPath: artifacts + "/weights", withIntermediateDirectories: true)
        let weights = Data((0..<200_000).map { UInt8($0 % 253) })
        try weights.write(to: URL(fileURLWithPath: artifacts + "/weights/layer 0.bin"))
        try Data("flavor: sklearn\n".utf8).write(to: URL(fileURLWithPath: artifacts + "/MLmodel"))

        var run = try Self.steward(["models", "create", "demo", "--description", "Demo model", "--tag", "team=risk", "--format", "json"], server: server)
        #expect(run.status == 0, "\(run.stderr)")
        #expect((run.json as? [String: Any])?["name"] as? String == "demo")
        run = try Self.steward(["versions", "create", "demo", "--metric", "auc=0.93", "--param", "lr=0.1", "--format", "json"], server: server)
        #expect(run.status == 0 && (run.json as? [String: Any])?["version"] as? Int == 1, "\(run.stderr)")
        run = try Self.steward(["versions", "upload", "demo", "1", artifacts], server: server)
        #expect(run.status == 0, "\(run.stderr)")
        run = try Self.steward(["versions", "finalize", "demo", "1", "--format", "json"], server: server)
        #expect((run.json as? [String: Any])?["status"] as? String == "ready", "\(run.stdout)\(run.stderr)")
        run = try Self.steward(["aliases", "set", "demo", "production", "1"], server: server)
        #expect(run.status == 0, "\(run.stderr)")
        run = try Self.steward(["aliases", "get", "demo", "production", "--format", "json"], server: server)
        #expect((run.json as? [String: Any])?["version"] as? Int == 1)
        run = try Self.steward(["models", "list", "--filter", "tag.team = 'risk'"], server: server)
        #expect(run.status == 0 && run.stdout.contains("demo"), "table output lists the model")
        run = try Self.steward(["versions", "search", "--filter", "metric.auc > 0.9", "--format", "json"], server: server)
        #expect(run.status == 0 && run.stdout.contains("\"demo\""))

        let output = root + "/downloaded"
        run = try Self.steward(["versions", "download", "demo", "1", "--output", output], server: server)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: output + "/weights/layer 0.bin")) == weights)
        #expect(try String(contentsOfFile: output + "/MLmodel", encoding: .utf8) == "flavor: sklearn\n")

        // Errors: a server problem exits 1 with its code on stderr; a usage or connection error exits 2.
        run = try Self.steward(["models", "get", "nope"], server: server)
        #expect(run.status == 1 && run.stderr.contains("model_not_found"))
        run = try Self.steward(["versions", "upload", "demo", "1", artifacts], server: server)
        #expect(run.status == 1 && run.stderr.contains("version_sealed"))
        run = try Self.steward(["models", "get", "demo", "--server", "http://127.0.0.1:1"], server: server)
        #expect(run.status == 2)
        run = try Self.steward(["models", "create"], server: server)
        #expect(run.status == 2)
        run = try Self.steward(["models", "list"], server: server, token: "stw_wrong")
        #expect(run.status == 1 && run.stderr.contains("unauthenticated"))
    }
}
