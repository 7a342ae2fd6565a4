import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import StewardCore
import StewardStorage
import StewardTestSupport
import Testing

/// Protected aliases and promotion requests through the native API and the MLflow door.
@Suite("Promotion API (both databases)")
struct PromotionAPITests {
    /// `churn@prod` needs two approvals from approvers or members of `risk`, a filled card field and
    /// lineage to a registered dataset.
    static let policy = #"""
        {"required_approvals":2,"approver_roles":["approver"],"approver_teams":["risk"],
         "gates":{"required_card_fields":["intended_use"],"require_dataset_lineage":true}}
        """#

    @Test(arguments: TestDatabase.all)
    func promotionThroughTheNativeAPI(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            _ = try await LineageFixtures.seed(client, app)
            let rita = try await client.principal(app, name: "rita", roles: ["contributor"])
            let a1 = try await client.principal(app, name: "a1", roles: ["approver"])
            let mia = try await client.principal(app, name: "mia", roles: ["viewer"])
            _ = try await client.send(.post, "/api/v1/teams", app: app, json: #"{"name":"risk"}"#)
            _ = try await client.send(.put, "/api/v1/teams/risk/members/mia", app: app)
            _ = try await client.send(.patch, "/api/v1/models/churn", app: app, json: #"{"card":{"intended_use":"churn scoring"}}"#)

            var response = try await client.send(.put, "/api/v1/models/churn/aliases/prod/protection", app: app, json: Self.policy)
            #expect(response.status == .ok && response.json["policy_version"] as? Int == 1, "\(response.text)")
            #expect(response.headers[.eTag] == "\"p1\"")
            response = try await client.call(.get, "/api/v1/models/churn/aliases/prod/protection", auth: rita)
            #expect((response.json["policy"] as? [String: Any])?["approver_teams"] as? [String] == ["risk"])

            response = try await client.send(.put, "/api/v1/models/churn/aliases/prod", app: app, json: #"{"version":2}"#)
            #expect(response.status == .conflict && response.json["code"] as? String == "alias_protected")
            #expect((response.json["detail"] as? String ?? "").contains("POST /api/v1/models/churn/promotions"))

            response = try await client.call(.post, "/api/v1/models/churn/promotions", auth: rita, json: #"{"alias":"prod","version":2,"comment":"retrained"}"#)
            #expect(response.status == .created, "\(response.text)")
            let id = try #require(response.json["id"] as? String)
            #expect(response.headers[.location] == "/api/v1/promotions/\(id)")
            #expect(response.json["from_version"] as? Int == 1 && response.json["rollback"] as? Bool == false)
            let evidence = try #require(response.json["evidence"] as? [String: Any])
            let gates = try #require(evidence["gates"] as? [[String: Any]])
            #expect(gates.map { $0["gate"] as? String } == ["card_field", "dataset_lineage", "no_taint"] && gates.allSatisfy { $0["passed"] as? Bool == true })
            let lineage = try #require(evidence["lineage"] as? [String: Any])
            #expect((lineage["datasets"] as? [[String: Any]])?.first?["dataset"] as? String == "customers")

            response = try await client.call(.get, "/api/v1/promotions?state=open", auth: a1)
            #expect((response.json["promotions"] as? [[String: Any]])?.map { $0["id"] as? String } == [id])
            response = try await client.call(.post, "/api/v1/promotions/\(id)/approve", auth: rita, json: "{}")
            #expect(response.status == .forbidden && response.json["code"] as? String == "self_approval_forbidden")
            response = try await client.call(.post, "/api/v1/promotions/\(id)/approve", auth: a1, json: #"{"comment":"ok"}"#)
            #expect(response.json["state"] as? String == "open" && response.json["approvals"] as? [String] == ["a1"], "\(response.text)")
            response = try await client.call(.post, "/api/v1/promotions/\(id)/approve", auth: mia) // by team, no body
            #expect(response.status == .ok && response.json["state"] as? String == "completed", "\(response.text)")

            response = try await client.send(.get, "/api/v1/models/churn/aliases/prod", app: app)
            #expect(response.json["version"] as? Int == 2)
            response = try await client.send(.get, "/api/v1/models/churn/aliases/prod/history", app: app)
            #expect((response.json["history"] as? [[String: Any]])?.first?["promotion_id"] as? String == id)
            response = try await client.call(.get, "/api/v1/models/churn/promotions?state=completed", auth: mia)
            #expect((response.json["promotions"] as? [[String: Any]])?.first?["closed_by"] as? String == "mia")

            let events = try await LineageFixtures.outbox(app).filter { $0.model == "churn" }.map(\.type)
            #expect(events.filter { $0.hasPrefix("promotion.") } == ["promotion.requested", "promotion.approved", "promotion.approved"])
            let moved = try await LineageFixtures.outbox(app).last { $0.type == "alias.moved" }
            guard case .object(let payload)? = moved?.payload else { throw TestSetupError("no alias.moved event") }
            #expect(payload["promotion_id"] == .string(id) && payload["to"] == .number(2))
            response = try await client.send(.get, "/api/v1/audit/entries?model=churn&max_results=200", app: app)
            let actions = (response.json["entries"] as? [[String: Any]] ?? []).compactMap { ($0["entry"] as? [String: Any])?["action"] as? String }
            for action in ["alias.protect", "promotion.request", "promotion.approve", "alias.move", "promotion.complete"] {
                #expect(actions.contains(action), "no \(action) in \(actions)")
            }
        }
    }

    @Test(arguments: TestDatabase.all)
    func taintAndLineageGates(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            _ = try await LineageFixtures.seed(client, app)
            // Version 3 has no run, so no lineage.
            _ = try await client.send(.post, "/api/v1/models/churn/versions", app: app, json: "{}")
            _ = try await client.send(.put, "/api/v1/models/churn/versions/3/files/model.bin", app: app, body: ByteBuffer(string: "v3"))
            _ = try await client.send(.post, "/api/v1/models/churn/versions/3/finalize", app: app)
            let approver = try await client.principal(app, name: "a1", roles: ["approver"])
            var response = try await client.send(.put, "/api/v1/models/churn/aliases/prod/protection", app: app,
                                                 json: #"{"required_approvals":1,"gates":{"require_dataset_lineage":true}}"#)
            #expect(response.status == .ok, "\(response.text)")
            response = try await client.send(.post, "/api/v1/models/churn/promotions", app: app, json: #"{"alias":"prod","version":3}"#)
            #expect(response.status == .conflict && response.json["code"] as? String == "promotion_gates_failed")
            #expect((response.json["errors"] as? [[String: Any]])?.map { $0["field"] as? String } == ["dataset_lineage"])

            response = try await client.send(.post, "/api/v1/models/churn/promotions", app: app, json: #"{"alias":"prod","version":2}"#)
            let id = try #require(response.json["id"] as? String, "\(response.text)")
            response = try await client.send(.put, "/api/v1/datasets/customers/versions/2/taint", app: app, json: #"{"reason":"poisoned","comment":"flipped labels"}"#)
            #expect(response.status == .ok)
            // The gates are checked again at completion: the approval is refused and nothing moves.
            response = try await client.call(.post, "/api/v1/promotions/\(id)/approve", auth: approver, json: "{}")
            #expect(response.status == .conflict && response.json["code"] as? String == "promotion_gates_failed", "\(response.text)")
            #expect((response.json["errors"] as? [[String: Any]])?.map { $0["field"] as? String } == ["no_taint"])
            response = try await client.send(.get, "/api/v1/promotions/\(id)", app: app)
            #expect(response.json["state"] as? String == "open" && (response.json["reviews"] as? [Any])?.isEmpty == true)
            response = try await client.send(.post, "/api/v1/models/churn/promotions", app: app, json: #"{"alias":"prod","version":2}"#)
            #expect(response.json["code"] as? String == "promotion_already_open")
            response = try await client.send(.post, "/api/v1/promotions/\(id)/cancel", app: app, json: #"{"comment":"tainted"}"#)
            #expect(response.json["state"] as? String == "cancelled")
            response = try await client.send(.post, "/api/v1/models/churn/promotions", app: app, json: #"{"alias":"prod","version":2}"#)
            #expect(response.json["code"] as? String == "promotion_gates_failed")
            #expect(try await client.send(.get, "/api/v1/models/churn/aliases/prod", app: app).json["version"] as? Int == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func theMLflowDoorObeysProtection(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            _ = try await LineageFixtures.seed(client, app)
            let approver = try await client.principal(app, name: "a1", roles: ["approver"])
            _ = try await client.send(.put, "/api/v1/models/churn/aliases/prod/protection", app: app, json: #"{"required_approvals":1}"#)
            let mlflow = "/api/2.0/mlflow/registered-models/alias"
            var response = try await client.send(.post, mlflow, app: app, json: #"{"name":"churn","alias":"prod","version":"2"}"#)
            #expect(response.status == .badRequest && response.json["error_code"] as? String == "INVALID_STATE", "\(response.text)")
            #expect((response.json["message"] as? String ?? "").contains("protected"))
            response = try await client.send(.delete, mlflow, app: app, json: #"{"name":"churn","alias":"prod"}"#)
            #expect(response.status == .badRequest)
            // Unprotected aliases still move through MLflow.
            response = try await client.send(.post, mlflow, app: app, json: #"{"name":"churn","alias":"champion","version":"2"}"#)
            #expect(response.status == .ok)
            // The legacy stage follows the alias of its name: with `production` protected, entering
            // Production through MLflow needs a promotion too; Staging (unprotected) does not.
            _ = try await client.send(.put, "/api/v1/models/churn/aliases/production/protection", app: app, json: #"{"required_approvals":1}"#)
            let stage = "/api/2.0/mlflow/model-versions/transition-stage"
            response = try await client.send(.post, stage, app: app,
                                             json: #"{"name":"churn","version":"2","stage":"Production","archive_existing_versions":false}"#)
            #expect(response.status == .badRequest && (response.json["message"] as? String ?? "").contains("protected"), "\(response.text)")
            response = try await client.send(.post, stage, app: app,
                                             json: #"{"name":"churn","version":"2","stage":"Staging","archive_existing_versions":false}"#)
            #expect(response.status == .ok, "\(response.text)")

            response = try await client.send(.post, "/api/v1/models/churn/promotions", app: app, json: #"{"alias":"prod","version":2}"#)
            let id = try #require(response.json["id"] as? String, "\(response.text)")
            _ = try await client.call(.post, "/api/v1/promotions/\(id)/approve", auth: approver, json: "{}")
            response = try await client.send(.get, "\(mlflow)?name=churn&alias=prod", app: app)
            #expect((response.json["model_version"] as? [String: Any])?["version"] as? String == "2", "\(response.text)")
        }
    }

    @Test(arguments: TestDatabase.all)
    func badInputIsRefusedAndChangesNothing(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            _ = try await LineageFixtures.seed(client, app)
            let uri = "/api/v1/models/churn/aliases/prod/protection"
            for (body, field) in [(#"{"required_approvals":1,"approver_roles":["boss"]}"#, "approver_roles"),
                                  (#"{"required_approvals":1,"approver_teams":["nobody"]}"#, "approver_teams"),
                                  (#"{"required_approvals":99}"#, "required_approvals"),
                                  (#"{"required_approvals":1,"gates":{"metrics":["accuracy >> 1"]}}"#, "gates.metrics"),
                                  (#"{"required_approvals":1,"approval_validity_seconds":0}"#, "approval_validity_seconds")] {
                let response = try await client.send(.put, uri, app: app, json: body)
                #expect(response.status == .badRequest && (response.json["errors"] as? [[String: Any]])?.first?["field"] as? String == field,
                        "\(body) → \(response.text)")
            }
            #expect(try await client.send(.put, uri, app: app, json: #"{"approvals":1}"#).status == .badRequest)
            #expect(try await client.send(.get, uri, app: app).json["code"] as? String == "alias_not_protected")
            #expect(try await client.send(.put, uri, app: app, json: #"{"required_approvals":1}"#).status == .ok)
            let stale = try await client.send(.put, uri, app: app, json: #"{"required_approvals":2}"#, headers: [.ifMatch: "\"p7\""])
            #expect(stale.status == .preconditionFailed)
            #expect(try await client.send(.get, uri, app: app).json["policy_version"] as? Int == 1)
            #expect(try await client.send(.post, "/api/v1/promotions/nope/approve", app: app).json["code"] as? String == "promotion_not_found")
            #expect(try await client.send(.get, "/api/v1/promotions?state=bogus", app: app).status == .badRequest)
            #expect(try await client.send(.get, "/api/v1/promotions?page_token=%25%25", app: app).json["code"] as? String == "invalid_page_token")
            #expect(try await client.send(.post, "/api/v1/models/churn/promotions", app: app, json: #"{"alias":"prod","version":0}"#).status == .badRequest)
            #expect(try await client.send(.post, "/api/v1/models/churn/promotions", app: app, json: #"{"alias":"prod","version":9}"#).status == .notFound)
            #expect(try await client.send(.post, "/api/v1/models/churn/promotions", app: app, json: #"{"alias":"other","version":2}"#)
                .json["code"] as? String == "alias_not_protected")
        }
    }
}
