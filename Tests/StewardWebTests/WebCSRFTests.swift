import Foundation
import HTTPTypes
import HummingbirdTesting
import StewardTestSupport
import Testing

/// Forms are refused without the session's CSRF token (or without a session) before anything is
/// read or changed; with it, approving a promotion goes through the same rule as the API.
@Suite("Web UI: CSRF and promotion review")
struct WebCSRFTests {
    static func auditSize(_ client: some TestClientProtocol, _ app: TestApp) async throws -> Int {
        try await client.send(.get, "/api/v1/audit/checkpoint", app: app).json["tree_size"] as? Int ?? -1
    }

    @Test func formsWithoutTheTokenAreRefusedAndChangeNothing() async throws {
        try await TestApp.run(.sqlite) { client, app in
            let promotion = try await client.seedHostileModel(app, name: "csrf-model")
            let browser = try await client.webSignIn(token: app.adminToken)
            let other = try await client.webSignIn(token: app.adminToken)
            let before = try await Self.auditSize(client, app)
            let missing = try await client.webPost("/ui/promotions/\(promotion)/approve", browser, [("comment", "x")], csrf: "")
            #expect(missing.status == .forbidden)
            #expect(String(buffer: missing.body).contains("This form has expired"))
            let wrong = try await client.webPost("/ui/promotions/\(promotion)/approve", browser, [("comment", "x")], csrf: "forged-token")
            #expect(wrong.status == .forbidden)
            let crossed = try await client.webPost("/ui/promotions/\(promotion)/approve", browser, [], csrf: other.csrf)
            #expect(crossed.status == .forbidden, "another session's token does not fit")
            let anonymous = try await client.webPost("/ui/promotions/\(promotion)/approve", nil, [], csrf: browser.csrf)
            #expect(anonymous.status == .unauthorized)
            let signOut = try await client.webPost("/ui/sign-out", browser, [], csrf: "")
            #expect(signOut.status == .forbidden, "signing out needs the token too")
            #expect(try await Self.auditSize(client, app) == before, "refused forms appended nothing")
            let state = try await client.send(.get, "/api/v1/promotions/\(promotion)", app: app).json["state"] as? String
            #expect(state == "open")

            // The sign-in form: its double-submit cookie must match.
            let form = try await client.execute(uri: "/ui/sign-in", method: .get)
            let csrf = try #require(String(buffer: form.body).firstMatch(#"name="csrf" value="([^"]+)""#))
            var headers = HTTPFields()
            headers[.contentType] = "application/x-www-form-urlencoded"
            headers[.cookie] = "steward_signin=someone-else"
            let forged = try await client.execute(uri: "/ui/sign-in", method: .post, headers: headers,
                                                  body: .init(string: formBody([("csrf", csrf), ("token", app.adminToken)])))
            #expect(forged.status == .forbidden && forged.cookie("steward_session") == nil)
        }
    }

    @Test func approvingAndRejectingThroughTheForms() async throws {
        try await TestApp.run(.sqlite) { client, app in
            let promotion = try await client.seedHostileModel(app, name: "review-model")
            let browser = try await client.webSignIn(token: app.adminToken)
            let before = try await Self.auditSize(client, app)
            let approved = try await client.webPost("/ui/promotions/\(promotion)/approve", browser, [("comment", "looks good")])
            #expect(approved.status == .seeOther, "\(String(buffer: approved.body).prefix(300))")
            #expect(approved.headers[.location]?.hasPrefix("/ui/promotions/\(promotion)?done=") == true)
            let detail = try await client.send(.get, "/api/v1/promotions/\(promotion)", app: app).json
            #expect(detail["state"] as? String == "completed")
            let alias = try await client.send(.get, "/api/v1/models/review-model/aliases/prod", app: app).json
            #expect(alias["version"] as? Int == 2, "the alias moved through the same rule as the API")
            #expect(try await Self.auditSize(client, app) > before)
            let entries = try await client.send(.get, "/api/v1/audit/entries?action=promotion.&page_token=\(before - 1)", app: app)
            #expect(entries.text.contains("\"door\":\"web\""), "the trail records the web door")
            let page = String(buffer: try await client.webGet("/ui/promotions/\(promotion)", browser).body)
            #expect(page.contains(#"<dd id="promotion-state">completed</dd>"#) && !page.contains(#"id="approve""#))

            // A rejection needs a reason: the rule answers 400 and the page says why.
            let second = try await client.api(.post, "/api/v1/models/review-model/promotions", app, json: #"{"alias":"prod","version":1}"#)
            let id = try #require(second.json["id"] as? String)
            let noReason = try await client.webPost("/ui/promotions/\(id)/reject", browser, [("comment", "")])
            #expect(noReason.status == .badRequest, "\(String(buffer: noReason.body).prefix(300))")
            let rejected = try await client.webPost("/ui/promotions/\(id)/reject", browser, [("comment", "not now")])
            #expect(rejected.status == .seeOther)
            #expect(try await client.send(.get, "/api/v1/promotions/\(id)", app: app).json["state"] as? String == "rejected")
        }
    }
}
