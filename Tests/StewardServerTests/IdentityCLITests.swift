import AsyncHTTPClient
import Foundation
import StewardTestSupport
import Testing

/// The identity administration commands (`whoami`, `accounts`, `teams`, `tokens`, `grants`) against a
/// real server process, run as the administrator and as the account they create.
@Suite("steward identity CLI end to end (real server process)", .serialized)
struct IdentityCLITests {
    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(stdout.utf8))) as? [String: Any] ?? [:] }
    }

    /// Runs `.build/debug/steward` against `server` with `token` (default: the admin token), feeding
    /// `stdin` to its standard input (default: empty).
    static func steward(_ arguments: [String], server: ServerProcess, token: String? = nil, stdin: String? = nil) throws -> Run {
        let run = try StewardCommand.run(arguments, server: server.baseURL, token: token ?? server.adminToken, input: stdin ?? "")
        return Run(status: run.status, stdout: run.stdout, stderr: run.stderr)
    }

    @Test func administrationWalkthrough() async throws {
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        let server = try await ServerProcess(dataDirectory: root + "/data", database: nil)
        defer { server.terminateNow() }
        let password = "correct horse battery"

        // An account with a password read from stdin (never an argument), a team, a membership.
        var run = try Self.steward(["accounts", "create", "alice", "--role", "contributor", "--tier", "high",
                                    "--password-stdin", "--format", "json"], server: server, stdin: password + "\n")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.json["name"] as? String == "alice" && run.json["has_password"] as? Bool == true)
        #expect(run.json["roles"] as? [String] == ["contributor"] && run.json["tier"] as? String == "high")
        let basic = "Basic " + Data("alice:\(password)".utf8).base64EncodedString()
        let whoAmIByPassword = try await HTTP.send(.GET, server.baseURL + "/api/v1/whoami", token: nil,
                                                   headers: [("Authorization", basic)])
        #expect(whoAmIByPassword.json["name"] as? String == "alice", "the password from stdin is the account's password")
        run = try Self.steward(["accounts", "create", "bob", "--password-stdin"], server: server, stdin: "")
        #expect(run.status == 2 && run.stderr.contains("no password"), "\(run.stderr)")
        run = try Self.steward(["accounts", "list"], server: server)
        #expect(run.status == 0 && run.stdout.contains("alice") && run.stdout.contains("contributor"), "\(run.stdout)")

        run = try Self.steward(["teams", "create", "risk", "--description", "Credit risk"], server: server)
        #expect(run.status == 0 && run.stdout.contains("Credit risk"), "\(run.stderr)")
        run = try Self.steward(["teams", "add-member", "risk", "alice", "--format", "json"], server: server)
        #expect(run.status == 0 && run.json["members"] as? [String] == ["alice"], "\(run.stderr)")
        run = try Self.steward(["teams", "list"], server: server)
        #expect(run.status == 0 && run.stdout.contains("risk") && run.stdout.contains("alice"))

        // A read-only token for the account: the secret is the `secret` field, shown once.
        run = try Self.steward(["tokens", "create", "alice-read", "--account", "alice", "--scope", "read",
                                "--expires-in", "30", "--format", "json"], server: server)
        #expect(run.status == 0, "\(run.stderr)")
        let aliceToken = try #require(run.json["secret"] as? String)
        let aliceTokenID = try #require(run.json["id"] as? String)
        #expect(aliceToken.hasPrefix("stw_") && run.json["expires_at"] is String)
        run = try Self.steward(["tokens", "create", "spare", "--account", "alice"], server: server)
        #expect(run.status == 0 && run.stdout.contains("shown only this once") && run.stdout.contains("\nstw_"), "\(run.stdout)")

        // The token reads but cannot write, and says who it is.
        run = try Self.steward(["models", "list"], server: server, token: aliceToken)
        #expect(run.status == 0, "\(run.stderr)")
        run = try Self.steward(["models", "create", "alices-model"], server: server, token: aliceToken)
        #expect(run.status == 1 && run.stderr.contains("(forbidden)"), "\(run.stderr)")
        run = try Self.steward(["whoami"], server: server, token: aliceToken)
        #expect(run.status == 0 && run.stdout.contains("alice") && run.stdout.contains("risk"), "\(run.stdout)\(run.stderr)")
        run = try Self.steward(["whoami", "--format", "json"], server: server, token: aliceToken)
        #expect(run.json["name"] as? String == "alice" && run.json["scopes"] as? [String] == ["read"])
        #expect(run.json["teams"] as? [String] == ["risk"])

        // Everyone's tokens, with last use and never a secret.
        run = try Self.steward(["tokens", "list", "--all", "--format", "json"], server: server)
        #expect(run.status == 0, "\(run.stderr)")
        let tokens = try #require(run.json["tokens"] as? [[String: Any]])
        let listed = try #require(tokens.first { $0["id"] as? String == aliceTokenID })
        #expect(listed["last_used_at"] is String && listed["scopes"] as? [String] == ["read"])
        #expect(!run.stdout.contains(aliceToken))
        run = try Self.steward(["tokens", "list", "--all"], server: server)
        let row = run.stdout.split(separator: "\n").first { $0.hasPrefix(aliceTokenID) }
        #expect(run.stdout.hasPrefix("ID") && run.stdout.contains("LAST USED"), "\(run.stdout)")
        #expect(row?.contains("alice-read") == true && row?.contains("never") == false, "last used and expiry are dates: \(run.stdout)")

        // A restricted model is invisible to the account until a grant shares it.
        run = try Self.steward(["models", "create", "fraud", "--visibility", "restricted", "--format", "json"], server: server)
        #expect(run.status == 0 && run.json["visibility"] as? String == "restricted", "\(run.stderr)")
        run = try Self.steward(["models", "get", "fraud"], server: server, token: aliceToken)
        #expect(run.status == 1 && run.stderr.contains("model_not_found"), "\(run.stderr)")
        run = try Self.steward(["grants", "set", "fraud", "alice", "read"], server: server)
        #expect(run.status == 2 && run.stderr.contains("account:<name> or team:<name>"), "\(run.stderr)")
        run = try Self.steward(["grants", "set", "fraud", "account:alice", "read"], server: server)
        #expect(run.status == 0 && run.stdout.contains("account:alice"), "\(run.stderr)")
        run = try Self.steward(["models", "get", "fraud", "--format", "json"], server: server, token: aliceToken)
        #expect(run.status == 0 && run.json["name"] as? String == "fraud", "\(run.stderr)")
        run = try Self.steward(["models", "list"], server: server, token: aliceToken)
        #expect(run.stdout.contains("fraud"))
        run = try Self.steward(["grants", "list", "fraud", "--format", "json"], server: server)
        #expect((run.json["grants"] as? [[String: Any]])?.first?["permission"] as? String == "read", "\(run.stdout)")
        run = try Self.steward(["grants", "delete", "fraud", "account:alice"], server: server)
        #expect(run.status == 0, "\(run.stderr)")
        run = try Self.steward(["models", "get", "fraud"], server: server, token: aliceToken)
        #expect(run.status == 1 && run.stderr.contains("model_not_found"))
        // …or ownership by the account's team.
        run = try Self.steward(["models", "update", "fraud", "--owner", "risk"], server: server)
        #expect(run.status == 0 && run.stdout.contains("Visibility:") && run.stdout.contains("restricted"), "\(run.stdout)")
        run = try Self.steward(["models", "get", "fraud"], server: server, token: aliceToken)
        #expect(run.status == 0, "\(run.stderr)")

        // Account changes: a too-short password is the server's validation error; disable, enable.
        run = try Self.steward(["accounts", "update", "alice", "--password-stdin"], server: server, stdin: "short")
        #expect(run.status == 1, "\(run.stderr)")
        run = try Self.steward(["accounts", "update", "alice", "--disable", "--format", "json"], server: server)
        #expect(run.status == 0 && run.json["disabled"] as? Bool == true, "\(run.stderr)")
        run = try Self.steward(["whoami"], server: server, token: aliceToken)
        #expect(run.status == 1 && run.stderr.contains("unauthenticated"))
        run = try Self.steward(["accounts", "update", "alice", "--enable"], server: server)
        #expect(run.status == 0 && run.stdout.contains("enabled"), "\(run.stdout)")
        run = try Self.steward(["accounts", "update", "alice"], server: server)
        #expect(run.status == 2, "nothing to update is a usage error")

        // Revocation: the next call with the token is unauthenticated.
        run = try Self.steward(["tokens", "revoke", aliceTokenID], server: server)
        #expect(run.status == 0 && run.stdout.contains("Revoked"), "\(run.stderr)")
        run = try Self.steward(["models", "list"], server: server, token: aliceToken)
        #expect(run.status == 1 && run.stderr.contains("(unauthenticated)"), "\(run.stderr)")
        run = try Self.steward(["tokens", "list", "--all", "--format", "json"], server: server)
        let revoked = (run.json["tokens"] as? [[String: Any]])?.first { $0["id"] as? String == aliceTokenID }
        #expect(revoked?["revoked_at"] is String)

        // Team teardown.
        run = try Self.steward(["teams", "remove-member", "risk", "alice", "--format", "json"], server: server)
        #expect(run.status == 0 && run.json["members"] as? [String] == [], "\(run.stderr)")
        run = try Self.steward(["teams", "create", "temp"], server: server)
        #expect(run.status == 0, "\(run.stderr)")
        run = try Self.steward(["teams", "delete", "temp"], server: server)
        #expect(run.status == 0 && run.stdout.contains("Deleted team temp"), "\(run.stderr)")
        run = try Self.steward(["teams", "get", "temp"], server: server)
        #expect(run.status == 1 && run.stderr.contains("team_not_found"), "\(run.stderr)")
    }
}
