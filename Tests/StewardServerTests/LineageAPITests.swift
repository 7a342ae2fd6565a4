import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import StewardCore
import StewardStorage
import StewardTestSupport
import Testing

/// Native runs, upstream and downstream lineage, consumers, version comparison and taint.
@Suite("Lineage and taint API (both databases)")
struct LineageAPITests {
    @Test(arguments: TestDatabase.all)
    func upstreamDownstreamAndComparison(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let run1 = try await LineageFixtures.seed(client, app)
            var response = try await client.send(.get, "/api/v1/runs/\(run1)", app: app)
            #expect(response.json["code_version"] as? String == "abc123")
            #expect((response.json["environment"] as? [String: Any])?["python"] as? String == "3.12")
            #expect((response.json["outputs"] as? [[String: Any]])?.first?["model"] as? String == "churn")

            response = try await client.send(.get, "/api/v1/models/churn/versions/1/lineage", app: app)
            #expect(response.status == .ok, "\(response.text)")
            #expect((response.json["runs"] as? [[String: Any]])?.map { $0["run_id"] as? String } == [run1])
            let inputs = try #require(response.json["inputs"] as? [[String: Any]])
            #expect(inputs.count == 1 && inputs[0]["context"] as? String == "training")
            let input = try #require(inputs[0]["dataset_version"] as? [String: Any])
            #expect(input["dataset"] as? String == "customers" && input["version"] as? Int == 1)

            // A consumer resolving prod@churn shows up downstream; an admin resolving it does not.
            let consumer = try await LineageFixtures.consumer(client, app, name: "checkout-service")
            for _ in 0..<3 { _ = try await client.call(.get, "/api/v1/models/churn/aliases/prod", auth: consumer) }
            _ = try await client.send(.get, "/api/v1/models/churn/aliases/prod", app: app)

            response = try await client.send(.get, "/api/v1/datasets/customers/versions/1/lineage", app: app)
            #expect(response.status == .ok, "\(response.text)")
            let versions = try #require(response.json["model_versions"] as? [[String: Any]])
            #expect(versions.map { "\($0["model"] ?? "")/\($0["version"] ?? "")" } == ["churn/1"])
            #expect(versions[0]["aliases"] as? [String] == ["prod"] && versions[0]["run_id"] as? String == run1)
            let consumers = try #require(versions[0]["consumers"] as? [[String: Any]])
            #expect(consumers.count == 1 && consumers[0]["consumer"] as? String == "checkout-service" && consumers[0]["count"] as? Int == 3)
            response = try await client.send(.get, "/api/v1/datasets/customers/versions/2/lineage", app: app)
            #expect((response.json["model_versions"] as? [[String: Any]])?.map { $0["version"] as? Int } == [2])

            response = try await client.send(.get, "/api/v1/models/churn/compare?from=1&to=2", app: app)
            #expect(response.status == .ok, "\(response.text)")
            let data = try #require(response.json["data"] as? [[String: Any]])
            #expect(data.count == 1 && data[0]["key"] as? String == "customers" && data[0]["change"] as? String == "changed")
            #expect((data[0]["from"] as? [String: Any])?["version"] as? Int == 1 && (data[0]["to"] as? [String: Any])?["version"] as? Int == 2)
            let params = try #require(response.json["params"] as? [[String: Any]])
            #expect(params.first { $0["key"] as? String == "lr" }?["to"] as? String == "0.2")
            #expect(params.first { $0["key"] as? String == "depth" }?["change"] as? String == "unchanged")
            #expect(params.first { $0["key"] as? String == "layers" }?["change"] as? String == "added")
            let metrics = try #require(response.json["metrics"] as? [[String: Any]])
            #expect(metrics.first { $0["key"] as? String == "auc" }?["to"] as? Double == 0.95)
            let code = try #require(response.json["code"] as? [String: Any])
            #expect(code["changed"] as? Bool == true && (code["to"] as? [String: Any])?["code_version"] as? String == "def456")

            response = try await client.send(.get, "/api/v1/models/churn/compare?from=1", app: app)
            #expect(response.status == .badRequest)
            response = try await client.send(.get, "/api/v1/models/churn/compare?from=1&to=9", app: app)
            #expect(response.status == .notFound)
        }
    }

    @Test(arguments: TestDatabase.all)
    func taintBlocksAliasesUntilCleared(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            _ = try await LineageFixtures.seed(client, app)
            // Version 1 archived through MLflow, so MLflow's latest versions show it (Archived) beside 2 (None).
            var response = try await client.send(.post, "/api/2.0/mlflow/model-versions/transition-stage", app: app,
                                                 json: #"{"name":"churn","version":"1","stage":"Archived"}"#)
            #expect(response.status == .ok, "\(response.text)")
            let mlflowAlias = "/api/2.0/mlflow/registered-models/alias?name=churn&alias=prod"
            func aliasTagKeys() async throws -> [String] {
                let response = try await client.send(.get, mlflowAlias, app: app)
                let version = try #require(response.json["model_version"] as? [String: Any], "\(response.text)")
                #expect(version["version"] as? String == "1" && version["current_stage"] as? String == "Archived")
                return ((version["tags"] as? [[String: Any]]) ?? []).compactMap { $0["key"] as? String }
            }
            #expect(try await !aliasTagKeys().contains("steward.tainted"), "clean before the flag")
            response = try await client.send(.put, "/api/v1/datasets/customers/versions/1/taint", app: app,
                                             json: #"{"reason":"bogus","comment":"x"}"#)
            #expect(response.status == .badRequest, "an unknown reason is bad input")
            response = try await client.send(.put, "/api/v1/datasets/customers/versions/1/taint", app: app,
                                             json: #"{"reason":"poisoned","comment":"   "}"#)
            #expect(response.status == .badRequest, "a flag needs a reason in words")

            response = try await client.send(.put, "/api/v1/datasets/customers/versions/1/taint", app: app,
                                             json: #"{"reason":"poisoned","comment":"label flipping in batch 7"}"#)
            #expect(response.status == .ok, "\(response.text)")
            #expect((response.json["affected_versions"] as? [[String: Any]])?.map { $0["version"] as? Int } == [1])
            #expect((response.json["dataset_version"] as? [String: Any])?["tainted"] as? Bool == true)

            response = try await client.send(.get, "/api/v1/models/churn/versions/1", app: app)
            #expect(response.json["tainted"] as? Bool == true)
            let taint = try #require((response.json["taints"] as? [[String: Any]])?.first)
            #expect(taint["dataset"] as? String == "customers" && taint["dataset_version"] as? Int == 1 && taint["reason"] as? String == "poisoned")
            response = try await client.send(.get, "/api/v1/models/churn/versions/2", app: app)
            #expect(response.json["tainted"] as? Bool == false, "version 2 was trained on version 2 of the data")
            response = try await client.send(.get, "/api/v1/models/churn/versions", app: app)
            #expect((response.json["versions"] as? [[String: Any]])?.map { $0["tainted"] as? Bool } == [false, true])

            // MLflow's latest versions (a get and a search page) flag the tainted one in its tags, and only it.
            for path in ["/api/2.0/mlflow/registered-models/get?name=churn",
                         "/api/2.0/mlflow/registered-models/search?filter=name%3D%27churn%27"] {
                response = try await client.send(.get, path, app: app)
                let model = (response.json["registered_model"] as? [String: Any])
                    ?? (response.json["registered_models"] as? [[String: Any]])?.first
                let latest = try #require(model?["latest_versions"] as? [[String: Any]], "\(path): \(response.text)")
                let tainted = latest.map { version in
                    ((version["tags"] as? [[String: Any]]) ?? []).contains { $0["key"] as? String == "steward.tainted" }
                }
                #expect(latest.map { $0["version"] as? String } == ["1", "2"] && tainted == [true, false], "\(path): \(response.text)")
            }

            #expect(try await aliasTagKeys().contains("steward.tainted"), "MLflow's alias look-up shows the flag too")

            response = try await client.send(.put, "/api/v1/models/churn/aliases/staging", app: app, json: #"{"version":1}"#)
            #expect(response.status == .conflict && response.json["code"] as? String == "version_tainted")
            response = try await client.send(.put, "/api/v1/models/churn/aliases/prod", app: app, json: #"{"version":2}"#)
            #expect(response.status == .ok, "a clean version may take the alias")
            response = try await client.send(.put, "/api/v1/models/churn/aliases/prod", app: app, json: #"{"version":1}"#)
            #expect(response.status == .conflict, "nor may an alias move back onto the tainted version")
            // A listing page reads every alias of each model (one subquery per model, in the page's statement).
            response = try await client.send(.put, "/api/v1/models/churn/aliases/canary-2", app: app, json: #"{"version":2}"#)
            #expect(response.status == .ok, "\(response.text)")
            response = try await client.send(.get, "/api/v1/models?filter=name%20%3D%20%27churn%27", app: app)
            let listed = (response.json["models"] as? [[String: Any]])?.first { $0["name"] as? String == "churn" }
            #expect(listed?["aliases"] as? [String: Int] == ["prod": 2, "canary-2": 2], "\(response.text)")
            response = try await client.send(.get, "/api/2.0/mlflow/registered-models/search?filter=name%3D%27churn%27", app: app)
            let searched = (response.json["registered_models"] as? [[String: Any]])?.first
            #expect((searched?["aliases"] as? [[String: Any]])?.map { $0["alias"] as? String } == ["canary-2", "prod"], "\(response.text)")

            // Other changes (versions created, aliases moved) have their own events; taint's are checked here.
            let events = try await LineageFixtures.outbox(app).filter { $0.type.hasPrefix("taint.") }
            #expect(events.map(\.type) == ["taint.flagged"] && events.first?.model == "churn")

            response = try await client.send(.delete, "/api/v1/datasets/customers/versions/1/taint?comment=false%20alarm", app: app)
            #expect(response.status == .ok, "\(response.text)")
            response = try await client.send(.delete, "/api/v1/datasets/customers/versions/1/taint", app: app)
            #expect(response.status == .conflict && response.json["code"] as? String == "dataset_version_not_tainted")
            response = try await client.send(.get, "/api/2.0/mlflow/registered-models/get?name=churn", app: app)
            let cleared = ((response.json["registered_model"] as? [String: Any])?["latest_versions"] as? [[String: Any]]) ?? []
            #expect(cleared.count == 2 && cleared.allSatisfy { (($0["tags"] as? [[String: Any]]) ?? []).isEmpty }, "cleared: no flag in MLflow")

            response = try await client.send(.put, "/api/v1/models/churn/aliases/staging", app: app, json: #"{"version":1}"#)
            #expect(response.status == .ok, "cleared: the version is servable again")
            #expect(try await LineageFixtures.outbox(app).map(\.type).filter { $0.hasPrefix("taint.") } == ["taint.flagged", "taint.cleared"])

            let actions = try await LineageFixtures.auditActions(app, dataset: "customers")
            for action in ["dataset.create", "dataset_version.create", "dataset_version.taint", "dataset_version.clear_taint"] {
                #expect(actions.contains(action), "audit trail lacks \(action): \(actions)")
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func runsAndVersionLinksRefuseBadReferences(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            var response = try await client.send(.post, "/api/v1/runs", app: app, json: #"{"inputs":[{"dataset":"ghost","version":1}]}"#)
            #expect(response.status == .notFound && response.json["code"] as? String == "dataset_not_found")
            response = try await client.send(.post, "/api/v1/runs", app: app, json: #"{"metrics":{"auc":"high"}}"#)
            #expect(response.status == .badRequest)
            response = try await client.send(.post, "/api/v1/runs", app: app, json: #"{"environment":[1,2]}"#)
            #expect(response.status == .badRequest)
            response = try await client.send(.post, "/api/v1/runs", app: app, json: #"{"status":"DONE"}"#)
            #expect(response.status == .badRequest)
            response = try await client.send(.post, "/api/v1/runs", app: app, json: #"{"experiment_id":"999"}"#)
            #expect(response.status == .notFound)
            response = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"m"}"#)
            response = try await client.send(.post, "/api/v1/models/m/versions", app: app, json: #"{"run_id":"0123"}"#)
            #expect(response.status == .notFound && response.json["code"] as? String == "run_not_found")
            response = try await client.send(.get, "/api/v1/models/m/versions", app: app)
            #expect((response.json["versions"] as? [[String: Any]])?.isEmpty == true, "the refused create left no version")
            response = try await client.send(.get, "/api/v1/runs/nope", app: app)
            #expect(response.status == .notFound)
        }
    }

    /// Versions come back by model name in code-point order (upper case before lower case, whatever
    /// the database's collation), then number; several aliases on one version in name order.
    @Test(arguments: TestDatabase.all)
    func downstreamOrdersVersionsAndAliases(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let run = try await LineageFixtures.seed(client, app)
            for model in ["b-model", "A-model", "_z"] {
                let response = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"\#(model)"}"#)
                #expect(response.status == .created)
            }
            for model in ["b-model", "b-model", "A-model", "_z"] { _ = try await LineageFixtures.readyVersion(client, app, model: model, runID: run) }
            for alias in ["zeta", "alpha", "mid"] {
                let response = try await client.send(.put, "/api/v1/models/b-model/aliases/\(alias)", app: app, json: #"{"version":2}"#)
                #expect(response.status == .ok)
            }
            let response = try await client.send(.get, "/api/v1/datasets/customers/versions/1/lineage", app: app)
            let versions = try #require(response.json["model_versions"] as? [[String: Any]])
            #expect(versions.map { "\($0["model"] ?? "")/\($0["version"] ?? "")" } == ["A-model/1", "_z/1", "b-model/1", "b-model/2", "churn/1"])
            #expect(versions[3]["aliases"] as? [String] == ["alpha", "mid", "zeta"])
            #expect((response.json["runs"] as? [[String: Any]])?.count == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func downstreamHidesModelsTheCallerMayNotRead(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let run = try await LineageFixtures.seed(client, app)
            var response = try await client.send(.post, "/api/v1/models", app: app, json: #"{"name":"secret","visibility":"restricted"}"#)
            #expect(response.status == .created)
            _ = try await LineageFixtures.readyVersion(client, app, model: "secret", runID: run)
            let viewer = try await client.principal(app, name: "vera", roles: ["viewer"])
            response = try await client.call(.get, "/api/v1/datasets/customers/versions/1/lineage", auth: viewer)
            #expect((response.json["model_versions"] as? [[String: Any]])?.map { $0["model"] as? String } == ["churn"])
            response = try await client.send(.get, "/api/v1/datasets/customers/versions/1/lineage", app: app)
            #expect((response.json["model_versions"] as? [[String: Any]])?.map { $0["model"] as? String } == ["churn", "secret"])
        }
    }
}
