import Foundation
import StewardTestSupport
import Testing

/// `steward templates …` and `steward catalog search` against a real server process.
@Suite("steward catalog and templates CLI end to end (real server process)", .serialized)
struct CatalogCLITests {
    static func steward(_ arguments: [String], _ server: ServerProcess) throws -> IdentityCLITests.Run {
        try IdentityCLITests.steward(arguments, server: server, token: nil)
    }

    @Test func templatesAndFacetedSearch() async throws {
        let root = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(root) }
        let server = try await ServerProcess(dataDirectory: root + "/data", database: nil)
        defer { server.terminateNow() }
        let api = server.baseURL + "/api/v1"
        try #"{"type":"object","properties":{"lr":{"type":"number","maximum":1}}}"#.write(toFile: root + "/params.json", atomically: true, encoding: .utf8)
        var run = try Self.steward(["templates", "create", "tabular", "--description", "Tabular classifiers", "--require-card-field", "intended_use",
                                    "--require-metric", "auc", "--params-schema", root + "/params.json"], server)
        #expect(run.status == 0 && run.stdout.contains("intended_use"), "\(run.stdout)\(run.stderr)")
        run = try Self.steward(["templates", "list"], server)
        #expect(run.stdout.contains("tabular") && run.stdout.contains("auc"), "\(run.stdout)")
        run = try Self.steward(["templates", "get", "tabular", "--format", "json"], server)
        #expect(run.json["required_metrics"] as? [String] == ["auc"], "\(run.stdout)")
        run = try Self.steward(["templates", "create", "bad", "--require-card-field", "colour"], server)
        #expect(run.status == 1 && run.stderr.contains("colour"), "\(run.stderr)")
        // update changes only what is given (read, change, replace with If-Match).
        try #"{"type":"object","required":["columns"]}"#.write(toFile: root + "/input.json", atomically: true, encoding: .utf8)
        run = try Self.steward(["templates", "update", "tabular", "--require-metric", "auc", "--require-metric", "f1",
                                "--input-schema", root + "/input.json", "--clear", "params-schema", "--format", "json"], server)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.json["required_metrics"] as? [String] == ["auc", "f1"], "\(run.stdout)")
        #expect(run.json["required_card_fields"] as? [String] == ["intended_use"] && run.json["description"] as? String == "Tabular classifiers")
        #expect((run.json["params_schema"] == nil || run.json["params_schema"] is NSNull) && (run.json["input_schema"] as? [String: Any])?["required"] as? [String] == ["columns"])
        run = try Self.steward(["templates", "update", "tabular"], server)
        #expect(run.status == 2 && run.stderr.contains("nothing to update"), "\(run.stderr)")
        run = try Self.steward(["templates", "update", "tabular", "--require-card-field", "colour"], server)
        #expect(run.status == 1 && run.stderr.contains("colour"), "\(run.stderr)")
        run = try Self.steward(["templates", "update", "nope", "--description", "x"], server)
        #expect(run.status == 1, "\(run.stderr)")

        _ = try await HTTP.send(.POST, api + "/models", token: server.adminToken,
                                json: #"{"name":"fraud-scorer","task":"classification","framework":"xgboost","description":"Card fraud"}"#)
        _ = try await HTTP.send(.POST, api + "/models", token: server.adminToken,
                                json: #"{"name":"fraud-llm","task":"generation","source":{"kind":"third_party","provider":"acme","url":"https://acme.example/m","license":"mit"}}"#)
        _ = try await HTTP.send(.POST, api + "/models", token: server.adminToken, json: #"{"name":"sales","task":"regression"}"#)
        run = try Self.steward(["catalog", "search", "fraud", "--facet", "task:classification"], server)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("fraud-scorer") && !run.stdout.contains("fraud-llm   "), "\(run.stdout)")
        #expect(run.stdout.contains("1 model match."), "\(run.stdout)")
        #expect(run.stdout.contains("classification (1), generation (1)"), "\(run.stdout)")
        run = try Self.steward(["catalog", "search", "--facet", "source:third_party", "--format", "json"], server)
        #expect(run.json["total"] as? Int == 1, "\(run.stdout)")
        run = try Self.steward(["catalog", "search", "--filter", "task = 'regression'", "--order-by", "name"], server)
        #expect(run.stdout.contains("sales") && run.stdout.contains("1 model match."), "\(run.stdout)")
        run = try Self.steward(["catalog", "search", "--facet", "colour:red"], server)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(try Self.steward(["templates", "delete", "tabular"], server).status == 0)
        #expect(try Self.steward(["templates", "get", "tabular"], server).status == 1)
    }
}
