import Foundation
import HTTPTypes
import HummingbirdTesting
import StewardTestSupport
import Testing

/// The audit completeness walk for the web door (the API's walk in StewardServerTests leaves
/// `/ui` to this one, since these routes take cookies and forms): every form route must be
/// covered by a step that succeeds and appends entries carrying its request id; without a
/// session it is refused (401), and a viewer is refused the changes she may not make (403).
@Suite("Web UI: every form route appends to the audit trail (both databases)")
struct WebAuditWalkTests {
    struct Step {
        var route: String
        var uri: String
        var fields: [(String, String)]
        /// Whether a signed-in viewer must be refused (403).
        var adminOnly: Bool
        /// Files to send as the multipart upload form instead of `fields`.
        var files: [(name: String, bytes: [UInt8])]? = nil
    }

    static func steps(promotion: String, rejectable: String, tokenID: () -> String) -> [Step] {
        [
            Step(route: "POST /ui/admin/users", uri: "/ui/admin/users", fields: [("name", "walker"), ("role", "viewer")], adminOnly: true),
            Step(route: "POST /ui/admin/teams", uri: "/ui/admin/teams", fields: [("name", "walkers")], adminOnly: true),
            Step(route: "POST /ui/admin/teams/{team}/members", uri: "/ui/admin/teams/walkers/members", fields: [("account", "walker")], adminOnly: true),
            Step(route: "POST /ui/admin/templates", uri: "/ui/admin/templates", fields: [("name", "walk-tpl"), ("required_metrics", "auc")], adminOnly: true),
            Step(route: "POST /ui/admin/templates/{template}", uri: "/ui/admin/templates/walk-tpl", fields: [("description", "walked")], adminOnly: true),
            Step(route: "POST /ui/admin/templates/{template}/delete", uri: "/ui/admin/templates/walk-tpl/delete", fields: [], adminOnly: true),
            Step(route: "POST /ui/admin/tokens", uri: "/ui/admin/tokens", fields: [("name", "walk"), ("scope", "read"), ("days", "2")], adminOnly: false),
            Step(route: "POST /ui/promotions/{id}/approve", uri: "/ui/promotions/\(promotion)/approve", fields: [("comment", "ok")], adminOnly: true),
            Step(route: "POST /ui/promotions/{id}/reject", uri: "/ui/promotions/\(rejectable)/reject", fields: [("comment", "no")], adminOnly: true),
            // The walkthrough from the browser: register, version, upload, finalize, alias, promotion.
            Step(route: "POST /ui/catalog/new", uri: "/ui/catalog/new", fields: [("name", "walk-new"), ("task", "classification"), ("tags", "team=risk")],
                 adminOnly: true),
            Step(route: "POST /ui/models/{name}/versions", uri: "/ui/models/walk-new/versions", fields: [("metrics", "auc=0.9"), ("params", "lr=0.1")],
                 adminOnly: true),
            Step(route: "POST /ui/models/{name}/versions/{version}/files", uri: "/ui/models/walk-new/versions/1/files", fields: [], adminOnly: true,
                 files: [("weights.bin", Array("w".utf8))]),
            Step(route: "POST /ui/models/{name}/versions/{version}/finalize", uri: "/ui/models/walk-new/versions/1/finalize", fields: [], adminOnly: true),
            Step(route: "POST /ui/models/{name}/aliases", uri: "/ui/models/walk-new/aliases", fields: [("alias", "staging"), ("version", "1")], adminOnly: true),
            Step(route: "POST /ui/models/{name}/aliases/{alias}/delete", uri: "/ui/models/walk-new/aliases/staging/delete", fields: [], adminOnly: true),
            Step(route: "POST /ui/models/{name}/promotions", uri: "/ui/models/walk-model/promotions", fields: [("alias", "prod"), ("version", "3")],
                 adminOnly: true),
        ]
    }

    @Test(arguments: TestDatabase.all)
    func everyFormRouteAppendsAnEntry(_ database: TestDatabase) async throws {
        try await TestApp.run(database) { client, app in
            let promotion = try await client.seedHostileModel(app, name: "walk-model")
            try await client.api(.post, "/api/v1/models/walk-model/versions", app, json: #"{"metrics":{"auc":0.7}}"#)
            try await client.api(.put, "/api/v1/models/walk-model/versions/3/files/m.bin", app, body: "w3")
            try await client.api(.post, "/api/v1/models/walk-model/versions/3/finalize", app)
            let second = try await client.api(.post, "/api/v1/models/walk-model/promotions", app, json: #"{"alias":"prod","version":3}"#)
            let rejectable = try #require(second.json["id"] as? String)
            try await client.api(.post, "/api/v1/accounts", app, json: #"{"name":"viewer1","roles":["viewer"],"password":"correct horse battery"}"#)

            let formRoutes = Set(app.routes.filter { $0.hasPrefix("POST /ui") || $0.hasPrefix("PUT /ui") || $0.hasPrefix("PATCH /ui") || $0.hasPrefix("DELETE /ui") })
            let covered = Set(Self.steps(promotion: "", rejectable: "", tokenID: { "" }).map(\.route) + ["POST /ui/sign-in", "POST /ui/sign-out", "POST /ui/admin/tokens/{id}/revoke"])
            for route in formRoutes.subtracting(covered).sorted() { Issue.record("\(route) has no step in the web audit walk") }
            for route in covered.subtracting(formRoutes).sorted() { Issue.record("step for \(route), which the router does not have") }

            // Signing in is itself audited (it creates the session's token).
            var size = try await WebCSRFTests.auditSize(client, app)
            let admin = try await client.webSignIn(token: app.adminToken)
            var grown = try await WebCSRFTests.auditSize(client, app)
            #expect(grown > size, "signing in appended no entry")
            let viewer = try await client.webSignIn(username: "viewer1", password: "correct horse battery")
            var newTokenID = ""
            for step in Self.steps(promotion: promotion, rejectable: rejectable, tokenID: { newTokenID }) {
                func post(_ browser: WebBrowser?, csrf: String? = nil) async throws -> TestResponse {
                    if let files = step.files { return try await client.webUpload(step.uri, browser, files: files, csrf: csrf) }
                    return try await client.webPost(step.uri, browser, step.fields, csrf: csrf)
                }
                let anonymous = try await post(nil, csrf: admin.csrf)
                #expect(anonymous.status == .unauthorized, "anonymous \(step.route) → \(anonymous.status)")
                if step.adminOnly {
                    let refused = try await post(viewer)
                    #expect(refused.status == .forbidden || refused.status == .notFound, "viewer \(step.route) → \(refused.status)")
                }
                size = try await WebCSRFTests.auditSize(client, app)
                let response = try await post(admin)
                grown = try await WebCSRFTests.auditSize(client, app)
                #expect([.seeOther, .created].contains(response.status), "\(step.route) → \(response.status) \(String(buffer: response.body).prefix(300))")
                #expect(grown > size, "\(step.route) appended no audit entry")
                let requestID = response.headers[HTTPField.Name("X-Request-Id")!]
                let entries = try await client.send(.get, "/api/v1/audit/entries?page_token=\(size - 1)", app: app).json["entries"] as? [[String: Any]] ?? []
                #expect(entries.contains { ($0["entry"] as? [String: Any])?["request_id"] as? String == requestID },
                        "\(step.route): no entry carries request id \(requestID ?? "-")")
                if step.route == "POST /ui/admin/tokens" {
                    let tokens = try await client.send(.get, "/api/v1/tokens", app: app).json["tokens"] as? [[String: Any]] ?? []
                    newTokenID = tokens.first { $0["name"] as? String == "walk" }?["id"] as? String ?? ""
                }
            }
            // Revoking a token and signing out (which revokes the session's token).
            #expect(!newTokenID.isEmpty)
            size = try await WebCSRFTests.auditSize(client, app)
            let revoked = try await client.webPost("/ui/admin/tokens/\(newTokenID)/revoke", admin)
            #expect(revoked.status == .seeOther)
            #expect(try await WebCSRFTests.auditSize(client, app) > size)
            size = try await WebCSRFTests.auditSize(client, app)
            let out = try await client.webPost("/ui/sign-out", admin)
            #expect(out.status == .seeOther)
            #expect(try await WebCSRFTests.auditSize(client, app) > size, "signing out appended no entry")
        }
    }
}
