import Foundation
import StewardTestSupport
import Testing

/// `steward aliases protect` and `steward promotions …` against a real server process: the README
/// walk-through, as the administrator (requester) and an approver.
@Suite("steward promotions CLI end to end (real server process)", .serialized)
struct PromotionCLITests {
    static func steward(_ arguments: [String], _ server: ServerProcess, token: String? = nil) throws -> IdentityCLITests.Run {
        try IdentityCLITests.steward(arguments, server: server, token: token)
    }

    @Test func protectRequestApprove() async throws {
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        let server = try await ServerProcess(dataDirectory: root + "/data", database: nil)
        defer { server.terminateNow() }
        let api = server.baseURL + "/api/v1"
        _ = try await HTTP.send(.POST, api + "/models", token: server.adminToken, json: #"{"name":"churn","card":{"intended_use":"scoring"}}"#)
        for number in 1...2 {
            _ = try await HTTP.send(.POST, api + "/models/churn/versions", token: server.adminToken, json: #"{"metrics":{"auc":0.9}}"#)
            _ = try await HTTP.send(.PUT, api + "/models/churn/versions/\(number)/files/m.bin", token: server.adminToken,
                                    body: .bytes(.init(string: "weights \(number)")), headers: [("Content-Type", "application/octet-stream")])
            _ = try await HTTP.send(.POST, api + "/models/churn/versions/\(number)/finalize", token: server.adminToken)
        }
        #expect(try Self.steward(["aliases", "set", "churn", "prod", "1"], server).status == 0)

        var run = try Self.steward(["aliases", "protect", "churn", "prod", "--approvals", "1", "--role", "approver",
                                    "--card-field", "intended_use", "--metric", "auc >= 0.8", "--format", "json"], server)
        #expect(run.status == 0 && run.json["policy_version"] as? Int == 1, "\(run.stderr)")
        run = try Self.steward(["aliases", "set", "churn", "prod", "2"], server)
        #expect(run.status == 1 && run.stderr.contains("alias_protected") && run.stderr.contains("steward promotions request"), "\(run.stderr)")
        run = try Self.steward(["aliases", "protection", "churn", "prod"], server)
        #expect(run.stdout.contains("card field intended_use, auc >= 0.8, no taint"), "\(run.stdout)")

        #expect(try Self.steward(["accounts", "create", "a1", "--role", "approver"], server).status == 0)
        run = try Self.steward(["tokens", "create", "review", "--account", "a1", "--scope", "read", "--scope", "write", "--format", "json"], server)
        let approver = try #require(run.json["secret"] as? String, "\(run.stdout) \(run.stderr)")

        run = try Self.steward(["promotions", "request", "churn", "prod", "2", "--comment", "retrained", "--format", "json"], server)
        let id = try #require(run.json["id"] as? String, "\(run.stderr)")
        run = try Self.steward(["promotions", "list", "--state", "open"], server, token: approver)
        #expect(run.stdout.contains(id) && run.stdout.contains("0/1"), "\(run.stdout)")
        run = try Self.steward(["promotions", "approve", id], server)
        #expect(run.status == 1 && run.stderr.contains("self_approval_forbidden"), "\(run.stderr)")
        run = try Self.steward(["promotions", "approve", id, "--comment", "lgtm"], server, token: approver)
        #expect(run.status == 0 && run.stdout.contains("completed") && run.stdout.contains("pass metric auc >= 0.8"), "\(run.stdout) \(run.stderr)")
        run = try Self.steward(["aliases", "history", "churn", "prod"], server)
        #expect(run.stdout.contains(id), "\(run.stdout)")
        run = try Self.steward(["aliases", "get", "churn", "prod", "--format", "json"], server)
        #expect(run.json["version"] as? Int == 2, "\(run.stdout)")

        // Rollback: a promotion to the earlier version, rejected here, then cancelled on a retry.
        run = try Self.steward(["promotions", "request", "churn", "prod", "1", "--format", "json"], server)
        let back = try #require(run.json["id"] as? String, "\(run.stderr)")
        #expect(run.json["rollback"] as? Bool == true)
        run = try Self.steward(["promotions", "reject", back, "--comment", "not needed", "--format", "json"], server, token: approver)
        #expect(run.json["state"] as? String == "rejected", "\(run.stderr)")
        run = try Self.steward(["promotions", "request", "churn", "prod", "1", "--format", "json"], server)
        let retry = try #require(run.json["id"] as? String, "\(run.stderr)")
        #expect(try Self.steward(["promotions", "cancel", retry], server).status == 0)
        run = try Self.steward(["promotions", "get", retry, "--format", "json"], server)
        #expect(run.json["state"] as? String == "cancelled")

        #expect(try Self.steward(["aliases", "unprotect", "churn", "prod", "--comment", "done"], server).status == 0)
        #expect(try Self.steward(["aliases", "set", "churn", "prod", "1"], server).status == 0)
    }
}
