import Foundation
import HTTPTypes
import HummingbirdTesting
import StewardTestSupport
import Testing

/// Template administration in the UI: create, edit and delete through forms over the catalog's
/// template use cases; refused forms come back filled in with the reason and change nothing;
/// hostile names and descriptions are shown escaped; forms need the session's CSRF token.
@Suite("Web UI: template administration")
struct WebTemplateAdminTests {
    static let name = #"<script>alert("t")</script> {{layout.csrf}}"#
    static let path = "/ui/admin/templates/" + segment(name)
    /// The same path as the pages write it (parentheses need no escaping in a path).
    static let shownPath = "/ui/admin/templates/%3Cscript%3Ealert(%22t%22)%3C%2Fscript%3E%20%7B%7Blayout.csrf%7D%7D"

    static func auditSize(_ client: some TestClientProtocol, _ app: TestApp) async throws -> Int {
        try await client.send(.get, "/api/v1/audit/checkpoint", app: app).json["tree_size"] as? Int ?? -1
    }

    static func template(_ client: some TestClientProtocol, _ app: TestApp, _ name: String = name) async throws -> TestResponse {
        try await client.send(.get, "/api/v1/templates/" + segment(name), app: app)
    }

    @Test func administratorsCreateEditAndDeleteTemplates() async throws {
        try await TestApp.run(.sqlite) { client, app in
            let browser = try await client.webSignIn(token: app.adminToken)
            var page = String(buffer: try await client.webGet("/ui/admin/templates", browser).body)
            #expect(page.contains("<h2>Create a template</h2>") && page.contains(#"name="required_card_field" value="intended_use""#))

            // Create, with hostile name and description.
            let before = try await Self.auditSize(client, app)
            let created = try await client.webPost("/ui/admin/templates", browser, [
                ("name", Self.name), ("description", Hostile.description), ("required_card_field", "intended_use"),
                ("recommended_card_field", "limitations"), ("required_metrics", "auc\nf1"),
                ("params_schema", #"{"type":"object","properties":{"lr":{"type":"number","maximum":1}}}"#), ("input_schema", ""),
            ])
            #expect(created.status == .seeOther, "\(String(buffer: created.body).prefix(600))")
            #expect(created.headers[.location]?.hasPrefix("/ui/admin/templates?done=") == true)
            var stored = try await Self.template(client, app).json
            #expect(stored["required_card_fields"] as? [String] == ["intended_use"])
            #expect(stored["recommended_card_fields"] as? [String] == ["limitations"])
            #expect(stored["required_metrics"] as? [String] == ["auc", "f1"])
            #expect((stored["params_schema"] as? [String: Any])?["type"] as? String == "object")
            #expect(stored["input_schema"] == nil)

            page = String(buffer: try await client.webGet("/ui/admin/templates", browser).body)
            Hostile.expectEscaped(page, "templates list")
            #expect(page.contains("&lt;script&gt;alert(&quot;t&quot;)&lt;/script&gt; {{layout.csrf}}"), "the name is shown literally")
            #expect(page.contains(#"href="\#(Self.shownPath)""#), "the edit link encodes the name")

            // The edit form is filled in from the stored template.
            let edit = try await client.webGet(Self.path, browser)
            page = String(buffer: edit.body)
            #expect(edit.status == .ok, "\(page.prefix(400))")
            Hostile.expectEscaped(page, "edit page")
            #expect(page.contains(#"action="\#(Self.shownPath)""#) && page.contains(#"name="etag" value="&quot;t1&quot;""#))
            #expect(page.contains(#"id="req-intended_use" name="required_card_field" value="intended_use" checked"#))
            #expect(page.contains(#"id="rec-limitations" name="recommended_card_field" value="limitations" checked"#))
            #expect(page.contains(">auc\nf1</textarea>") && page.contains("&quot;maximum&quot; : 1"))

            // Saving replaces the rules (the name stays), audited with door web.
            let saved = try await client.webPost(Self.path, browser, [
                ("etag", "\"t1\""), ("description", "tabular models"), ("required_card_field", "summary"), ("required_card_field", "license"),
                ("required_metrics", "auc, precision"), ("params_schema", ""), ("input_schema", #"{"type":"object","required":["columns"]}"#),
            ])
            #expect(saved.status == .seeOther, "\(String(buffer: saved.body).prefix(600))")
            stored = try await Self.template(client, app).json
            #expect(stored["description"] as? String == "tabular models")
            #expect(stored["required_card_fields"] as? [String] == ["summary", "license"])
            #expect(stored["recommended_card_fields"] as? [String] == [])
            #expect(stored["required_metrics"] as? [String] == ["auc", "precision"])
            #expect(stored["params_schema"] == nil && (stored["input_schema"] as? [String: Any])?["required"] as? [String] == ["columns"])
            let entries = try await client.send(.get, "/api/v1/audit/entries?action=template.&page_token=\(before - 1)", app: app).text
            #expect(entries.contains(#""action":"template.create""#) && entries.contains(#""action":"template.update""#))
            #expect(entries.contains(#""door":"web""#), "\(entries.prefix(500))")

            // Delete: refused while a model uses it, then done.
            try await client.api(.post, "/api/v1/models", app, json: #"{"name":"uses-it","template":\#(jsonString(Self.name)),"card":{"summary":"s","license":"mit"}}"#)
            let inUse = try await client.webPost(Self.path + "/delete", browser)
            #expect(inUse.status == .conflict)
            #expect(String(buffer: inUse.body).contains(#"id="templates-error""#))
            try await client.api(.put, "/api/v1/models/uses-it/template", app, json: #"{"template":null}"#)
            let deleted = try await client.webPost(Self.path + "/delete", browser)
            #expect(deleted.status == .seeOther)
            #expect(try await Self.template(client, app).status == .notFound)
        }
    }

    @Test func refusedFormsComeBackFilledInAndChangeNothing() async throws {
        try await TestApp.run(.sqlite) { client, app in
            let browser = try await client.webSignIn(token: app.adminToken)
            try await client.api(.post, "/api/v1/templates", app, json: #"{"name":"tabular","required_metrics":["auc"]}"#)
            let before = try await Self.auditSize(client, app)
            func expectRefused(_ response: TestResponse, _ status: HTTPResponse.Status, _ texts: [String],
                               sourceLocation: SourceLocation = #_sourceLocation) {
                let html = String(buffer: response.body)
                #expect(response.status == status, "\(response.status) \(html.prefix(400))", sourceLocation: sourceLocation)
                #expect(html.contains(#"id="template-errors""#), sourceLocation: sourceLocation)
                for text in texts { #expect(html.contains(text), "missing \(text) in \(html.prefix(2000))", sourceLocation: sourceLocation) }
                Hostile.expectEscaped(html, "refused form", sourceLocation: sourceLocation)
            }
            // Not JSON: the field is named and what was typed comes back, escaped.
            expectRefused(try await client.webPost("/ui/admin/templates", browser, [
                ("name", "new"), ("description", Hostile.description), ("params_schema", "{not json <script>"),
            ]), .badRequest, ["params_schema: is not valid JSON", "{not json &lt;script&gt;</textarea>", "&lt;img src=x"])
            // A keyword outside the subset, an unknown card field, a blank name.
            expectRefused(try await client.webPost("/ui/admin/templates", browser, [
                ("name", "new"), ("input_schema", #"{"pattern":"x"}"#), ("required_card_field", "bogus"),
            ]), .badRequest, ["input_schema", "&#39;bogus&#39; is not a card field"])
            expectRefused(try await client.webPost("/ui/admin/templates", browser, [("name", "")]), .badRequest, ["name:"])
            // A name already taken.
            expectRefused(try await client.webPost("/ui/admin/templates", browser, [("name", "tabular")]), .conflict, ["already exists"])
            // Editing from a stale copy: refused, not overwritten.
            expectRefused(try await client.webPost("/ui/admin/templates/tabular", browser, [("etag", "\"t0\""), ("required_metrics", "f1")]),
                          .preconditionFailed, ["Someone else changed this template"])
            expectRefused(try await client.webPost("/ui/admin/templates/tabular", browser, [("etag", "\"t1\""), ("params_schema", "[1,")]),
                          .badRequest, ["params_schema: is not valid JSON", "[1,</textarea>"])
            #expect(try await Self.auditSize(client, app) == before, "refused forms appended nothing")
            #expect(try await Self.template(client, app, "tabular").json["required_metrics"] as? [String] == ["auc"])
            #expect(try await Self.template(client, app, "new").status == .notFound)
            // Editing a template that does not exist is the usual not-found page.
            #expect(try await client.webGet("/ui/admin/templates/nope", browser).status == .notFound)
        }
    }

    @Test func formsNeedTheTokenAndAnAdministrator() async throws {
        try await TestApp.run(.sqlite) { client, app in
            let browser = try await client.webSignIn(token: app.adminToken)
            try await client.api(.post, "/api/v1/templates", app, json: #"{"name":"tabular"}"#)
            try await client.api(.post, "/api/v1/accounts", app, json: #"{"name":"vera","roles":["maintainer"],"password":"a long enough password"}"#)
            let before = try await Self.auditSize(client, app)
            for (uri, fields) in [("/ui/admin/templates", [("name", "x")]), ("/ui/admin/templates/tabular", [("required_metrics", "f1")]),
                                  ("/ui/admin/templates/tabular/delete", [])] {
                let missing = try await client.webPost(uri, browser, fields, csrf: "")
                #expect(missing.status == .forbidden, "\(uri) without token")
                let forged = try await client.webPost(uri, browser, fields, csrf: "forged")
                #expect(forged.status == .forbidden, "\(uri) with a forged token")
                #expect(try await client.webPost(uri, nil, fields, csrf: browser.csrf).status == .unauthorized, "\(uri) without a session")
            }
            // A maintainer sees the templates but no forms, and the rule refuses their posts.
            let maintainer = try await client.webSignIn(username: "vera", password: "a long enough password")
            let page = String(buffer: try await client.webGet("/ui/admin/templates", maintainer).body)
            #expect(page.contains("tabular") && !page.contains("Create a template") && !page.contains("/delete"))
            #expect(try await client.webPost("/ui/admin/templates", maintainer, [("name", "mine")]).status == .forbidden)
            #expect(try await client.webPost("/ui/admin/templates/tabular", maintainer, [("required_metrics", "f1")]).status == .forbidden)
            #expect(try await client.webPost("/ui/admin/templates/tabular/delete", maintainer).status == .forbidden)
            let after = try await Self.auditSize(client, app)
            #expect(after == before + 1, "only the maintainer's web session was audited (\(before) → \(after))")
            #expect(try await Self.template(client, app, "tabular").json["required_metrics"] as? [String] == [])
        }
    }
}
