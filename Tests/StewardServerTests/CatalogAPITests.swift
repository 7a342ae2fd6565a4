import Foundation
import HTTPTypes
import HummingbirdTesting
import StewardTestSupport
import Testing

@Suite("Catalog API: search, cards, templates, third-party models (both databases)")
struct CatalogAPITests {
    @Test(arguments: TestDatabase.all)
    func templatesGuardRegistrationsAndCardsCarryWarnings(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let admin = "Bearer \(app.adminToken)"
            var response = try await client.call(.post, "/api/v1/templates", auth: admin, json: """
                {"name":"tabular","required_card_fields":["intended_use"],"recommended_card_fields":["limitations"],
                 "required_metrics":["auc"],"params_schema":{"type":"object","properties":{"lr":{"type":"number","maximum":1}}},
                 "input_schema":{"type":"object","required":["columns"]}}
                """)
            #expect(response.status == .created)
            response = try await client.call(.post, "/api/v1/templates", auth: admin, json: #"{"name":"bad","params_schema":{"pattern":"x"}}"#)
            #expect(response.status == .badRequest)
            #expect(response.json["code"] as? String == "validation_failed")
            response = try await client.call(.post, "/api/v1/models", auth: admin, json: #"{"name":"churn","template":"nope"}"#)
            #expect(response.status == .notFound)
            response = try await client.call(.post, "/api/v1/models", auth: admin,
                                             json: #"{"name":"churn","template":"tabular","card":{"intended_use":"retention offers"}}"#)
            #expect(response.status == .created)
            // A version that misses the template: every gap listed, nothing created.
            response = try await client.call(.post, "/api/v1/models/churn/versions", auth: admin, json: #"{"params":{"lr":"3"}}"#)
            #expect(response.status == .badRequest)
            #expect(response.json["code"] as? String == "template_violation")
            let fields = (response.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(fields == ["params.lr", "input_schema", "metrics.auc"])
            response = try await client.call(.get, "/api/v1/models/churn", auth: admin)
            #expect(response.json["latest_version"] is NSNull || response.json["latest_version"] == nil)
            response = try await client.call(.post, "/api/v1/models/churn/versions", auth: admin,
                                             json: #"{"params":{"lr":"0.1"},"metrics":{"auc":0.8},"input_schema":{"columns":[]}}"#)
            #expect(response.status == .created)
            // The version keeps the card it was registered with; the template's gaps are warnings.
            response = try await client.call(.get, "/api/v1/models/churn/versions/1/card", auth: admin)
            #expect((response.json["card"] as? [String: Any])?["intended_use"] as? String == "retention offers")
            let template = response.json["template"] as? [String: Any]
            #expect((template?["warnings"] as? [[String: Any]])?.first?["field"] as? String == "card.limitations")
            #expect((template?["errors"] as? [Any])?.isEmpty == true)
            response = try await client.call(.put, "/api/v1/models/churn/card", auth: admin,
                                             json: #"{"card":{"intended_use":"offers","limitations":"EU only","summary":3}}"#)
            #expect(response.status == .badRequest)
            response = try await client.call(.put, "/api/v1/models/churn/card", auth: admin, json: #"{"card":{"intended_use":"offers","limitations":"EU only"}}"#)
            #expect(response.status == .ok)
            #expect(response.json["completeness"] as? Double == 0.18)
            response = try await client.call(.get, "/api/v1/models/churn/versions/1/card", auth: admin)
            #expect((response.json["card"] as? [String: Any])?["limitations"] == nil) // versioned: v1 keeps its card
            response = try await client.call(.delete, "/api/v1/templates/tabular", auth: admin)
            #expect(response.status == .conflict)
            #expect(response.json["code"] as? String == "template_in_use")
        }
    }

    @Test(arguments: TestDatabase.all)
    func templatesAreReplacedWithPutAndNewRulesApplyToNewVersions(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let admin = "Bearer \(app.adminToken)"
            var response = try await client.call(.post, "/api/v1/templates", auth: admin,
                                                 json: #"{"name":"tabular","description":"first","required_metrics":["auc"],"params_schema":{"type":"object"}}"#)
            #expect(response.status == .created && response.headers[.eTag] == "\"t1\"")
            response = try await client.call(.post, "/api/v1/models", auth: admin, json: #"{"name":"churn","template":"tabular"}"#)
            #expect(response.status == .created)
            response = try await client.call(.post, "/api/v1/models/churn/versions", auth: admin, json: #"{"metrics":{"auc":0.8}}"#)
            #expect(response.status == .created)

            // Replace: every field but the name; absent ones are cleared.
            response = try await client.call(.put, "/api/v1/templates/tabular", auth: admin, json: """
                {"description":"second","required_card_fields":["summary"],"required_metrics":["auc","f1"],
                 "input_schema":{"type":"object","required":["columns"]}}
                """)
            #expect(response.status == .ok, "\(response.text)")
            #expect(response.headers[.eTag] == "\"t2\"")
            #expect(response.json["name"] as? String == "tabular" && response.json["description"] as? String == "second")
            #expect(response.json["required_metrics"] as? [String] == ["auc", "f1"] && response.json["params_schema"] == nil)
            #expect(response.json["created_by"] as? String != nil)
            response = try await client.call(.get, "/api/v1/templates/tabular", auth: admin)
            #expect(response.headers[.eTag] == "\"t2\"" && response.json["required_card_fields"] as? [String] == ["summary"])
            // New versions meet the new rules; the old version keeps its registration and shows the gaps as warnings.
            response = try await client.call(.post, "/api/v1/models/churn/versions", auth: admin, json: #"{"metrics":{"auc":0.8}}"#)
            #expect(response.status == .badRequest && response.json["code"] as? String == "template_violation")
            response = try await client.call(.get, "/api/v1/models/churn/versions/1/card", auth: admin)
            let warnings = ((response.json["template"] as? [String: Any])?["warnings"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(warnings.contains("metrics.f1"), "\(response.text)")

            // Bad input changes nothing: a schema outside the subset, an unknown card field, a stale
            // ETag, a body that is not an object, a template that does not exist, a non-administrator.
            let maintainer = try await client.principal(app, name: "mia", roles: ["maintainer"])
            let before = try await client.call(.get, "/api/v1/audit/checkpoint", auth: admin).json["tree_size"] as? Int
            response = try await client.call(.put, "/api/v1/templates/tabular", auth: admin, json: #"{"params_schema":{"pattern":"x"},"required_card_fields":["colour"]}"#)
            #expect(response.status == .badRequest && response.json["code"] as? String == "validation_failed")
            let fields = (response.json["errors"] as? [[String: Any]] ?? []).compactMap { $0["field"] as? String }
            #expect(fields.contains("required_card_fields") && fields.contains { $0.hasPrefix("params_schema") }, "\(response.text)")
            var headers = HTTPFields()
            headers[.authorization] = admin
            headers[.contentType] = "application/json"
            headers[.ifMatch] = "\"t1\""
            response = try await client.execute(uri: "/api/v1/templates/tabular", method: .put, headers: headers, body: .init(string: #"{"description":"third"}"#))
            #expect(response.status == .preconditionFailed && response.json["code"] as? String == "precondition_failed")
            response = try await client.call(.put, "/api/v1/templates/tabular", auth: admin, json: "[1]")
            #expect(response.status == .badRequest)
            response = try await client.call(.put, "/api/v1/templates/nope", auth: admin, json: "{}")
            #expect(response.status == .notFound)
            response = try await client.call(.put, "/api/v1/templates/tabular", auth: maintainer, json: "{}")
            #expect(response.status == .forbidden)
            #expect(try await client.call(.get, "/api/v1/audit/checkpoint", auth: admin).json["tree_size"] as? Int == before)
            response = try await client.call(.get, "/api/v1/templates/tabular", auth: admin)
            #expect(response.json["description"] as? String == "second" && response.headers[.eTag] == "\"t2\"")

            // With the current ETag it goes through, and the audit trail records the change.
            headers[.ifMatch] = "\"t2\""
            response = try await client.execute(uri: "/api/v1/templates/tabular", method: .put, headers: headers,
                                                body: .init(string: #"{"description":"third","required_metrics":["auc"]}"#))
            #expect(response.status == .ok && response.headers[.eTag] == "\"t3\"")
            response = try await client.call(.get, "/api/v1/audit/entries?action=template.update", auth: admin)
            #expect((response.json["entries"] as? [Any])?.count == 2, "\(response.text.prefix(400))")
        }
    }

    @Test(arguments: TestDatabase.all)
    func searchWithFacetsOverHTTP(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let admin = "Bearer \(app.adminToken)"
            _ = try await client.call(.post, "/api/v1/models", auth: admin, json: #"{"name":"fraud-scorer","task":"classification","description":"Card fraud"}"#)
            _ = try await client.call(.post, "/api/v1/models", auth: admin, json: """
                {"name":"llama","task":"generation","source":{"kind":"third_party","provider":"meta","url":"https://hf.co/meta/llama","license":"llama3","revision":"v3"}}
                """)
            var response = try await client.call(.post, "/api/v1/models", auth: admin, json: #"{"name":"x","source":{"kind":"third_party"}}"#)
            #expect(response.status == .badRequest)
            response = try await client.call(.get, "/api/v1/catalog?q=fraud&facet=task:classification", auth: admin)
            #expect(response.status == .ok)
            #expect(response.json["total"] as? Int == 1)
            let entry = (response.json["entries"] as? [[String: Any]])?.first
            #expect(entry?["name"] as? String == "fraud-scorer")
            #expect((entry?["quality"] as? [String: Any])?["health"] as? String == "unmonitored")
            response = try await client.call(.get, "/api/v1/catalog?facet=source:third_party", auth: admin)
            let llama = (response.json["entries"] as? [[String: Any]])?.first
            #expect((llama?["source"] as? [String: Any])?["provider"] as? String == "meta")
            let sources = ((response.json["facets"] as? [String: Any])?["source"] as? [[String: Any]])?.map { "\($0["value"]!)=\($0["count"]!)" }
            #expect(sources == ["internal=1", "third_party=1"])
            for bad in ["facet=colour:red", "order_by=size", "max_results=0", "filter=name%20%3D", "page_token=zzz", "q=" + String(repeating: "a", count: 1001)] {
                response = try await client.call(.get, "/api/v1/catalog?\(bad)", auth: admin)
                #expect(response.status == .badRequest, "\(bad)")
            }
            response = try await client.call(.get, "/api/v1/catalog?q=%22%29%28*%20OR%20NEAR", auth: admin)
            #expect(response.status == .ok)
        }
    }
}
