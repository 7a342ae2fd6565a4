import Foundation
import HTTPTypes
import HummingbirdTesting
import StewardTestSupport
import Testing

/// Every page renders for a signed-in user, with the UI's headers, and shows hostile names,
/// descriptions, card text and comments only escaped.
@Suite("Web UI: pages, headers and escaping")
struct WebPageTests {
    static let csp = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    @Test func everyPageRendersEscapedWithTheStrictPolicy() async throws {
        try await TestApp.run(.sqlite) { client, app in
            let promotion = try await client.seedHostileModel(app)
            let browser = try await client.webSignIn(token: app.adminToken)
            let model = "/ui/models/" + segment(Hostile.model)
            let pages: [(String, String)] = [
                ("/ui/catalog", "Catalog"), ("/ui/catalog?q=alert", "Catalog"), ("/ui/catalog?task=%3Cb%3Eclassify%3C%2Fb%3E", "Catalog"),
                (model, "Model card"), (model + "/versions/2", "Metrics"), (model + "/compare?from=1&to=2", "compared with"),
                ("/ui/promotions", "Promotion requests"), ("/ui/promotions?state=all", "Promotion requests"),
                ("/ui/promotions/" + promotion, "Evidence"), ("/ui/datasets", "ds-web"), ("/ui/datasets/ds-web", "Versions"),
                ("/ui/audit", "Signed tree head valid"), ("/ui/audit?model=" + segment(Hostile.model), "Audit trail"),
                ("/ui/audit/verify", "Verified: all"), ("/ui/admin/users", "Create an account"), ("/ui/admin/teams", "Create a team"),
                ("/ui/admin/tokens", "web session"), ("/ui/admin/templates", "Model templates"), ("/ui/catalog/new", "Register a model"),
            ]
            for (uri, marker) in pages {
                let response = try await client.webGet(uri, browser)
                let html = String(buffer: response.body)
                #expect(response.status == .ok, "\(uri) → \(response.status) \(html.prefix(400))")
                #expect(response.headers[.contentSecurityPolicy] == Self.csp, "\(uri)")
                #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(uri)")
                #expect(response.headers[.cacheControl] == "no-store", "\(uri)")
                #expect(html.contains(marker), "\(uri) lacks \(marker)")
                #expect(html.contains(##"<a class="skip" href="#main">"##) && html.contains(#"<main id="main""#), "\(uri): skip link and landmark")
                #expect(html.contains(#"name="csrf" value="\#(browser.csrf)""#), "\(uri): the sign-out form carries the CSRF token")
                Hostile.expectEscaped(html, uri)
            }
            let modelPage = String(buffer: try await client.webGet(model, browser).body)
            #expect(modelPage.contains("&lt;script&gt;alert(&quot;m&quot;) &#39;q&#39; {{layout.csrf}}"), "model name shown escaped and literal")
            #expect(modelPage.contains("&lt;script&gt;card()&lt;/script&gt; &quot;MIT&quot; {{{page}}}"), "card text shown escaped and literal")
            #expect(modelPage.contains("@prod"), "aliases and their history")
            #expect(modelPage.contains("v2") && modelPage.contains("v1"), "versions")
            let versionPage = String(buffer: try await client.webGet(model + "/versions/2", browser).body)
            #expect(versionPage.contains("Model card of this version"), "the version's own card")
            #expect(versionPage.contains("v2 &lt;script&gt;card()&lt;/script&gt;"), "version card text shown escaped")
            let promotionPage = String(buffer: try await client.webGet("/ui/promotions/" + promotion, browser).body)
            #expect(promotionPage.contains("&lt;script&gt;c()&lt;/script&gt; please &quot;ship&quot; it {{layout.user}}"))
            #expect(promotionPage.contains(#"action="/ui/promotions/\#(promotion)/approve""#))
            let catalog = String(buffer: try await client.webGet("/ui/catalog?task=%3Cb%3Eclassify%3C%2Fb%3E", browser).body)
            #expect(catalog.contains(#"name="task" value="&lt;b&gt;classify&lt;/b&gt;" checked"#), "the selected facet stays checked")
            #expect(catalog.contains("<h2 id=\"results-h\">1 models</h2>"), "the facet narrows the results and the total counts them")
            let stylesheet = try await client.webGet("/ui/static/steward.css", nil)
            #expect(stylesheet.status == .ok && stylesheet.headers[.contentType] == "text/css; charset=utf-8")
            #expect(String(buffer: stylesheet.body).contains(":focus-visible"))
        }
    }

    @Test func signInIsRequiredAndTheRootSendsBrowsersToTheUI() async throws {
        try await TestApp.run(.sqlite) { client, app in
            let anonymous = try await client.webGet("/ui/models/x?y=1", nil)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.headers[.location] == "/ui/sign-in?next=%2Fui%2Fmodels%2Fx%3Fy%3D1")
            let signIn = try await client.webGet("/ui/sign-in?next=%2F%2Fevil.example", nil)
            #expect(signIn.status == .ok && signIn.headers[.contentSecurityPolicy] == Self.csp)
            #expect(String(buffer: signIn.body).contains(#"name="next" value="/ui/catalog""#), "an off-site next is dropped")
            #expect(signIn.headers[values: .setCookie].contains { $0.contains("HttpOnly") && $0.contains("SameSite=Strict") && $0.contains("Path=/ui") })
            let root = try await client.webGet("/", nil)
            #expect(root.status == .seeOther && root.headers[.location] == "/ui")
            let apiRoot = try await client.execute(uri: "/", method: .get)
            #expect(apiRoot.status == .notFound, "API clients still get a 404 at the root")
            let health = try await client.execute(uri: "/healthz", method: .get)
            #expect(health.status == .ok)
            _ = app
        }
    }

    @Test func passwordSignInAndSignOutRevokesTheSession() async throws {
        try await TestApp.run(.sqlite) { client, app in
            try await client.api(.post, "/api/v1/accounts", app, json: #"{"name":"vera","roles":["viewer"],"password":"correct horse battery"}"#)
            // A wrong password: 401 and the form again, no session cookie.
            let form = try await client.execute(uri: "/ui/sign-in", method: .get)
            let pre = try #require(form.cookie("steward_signin"))
            let csrf = try #require(String(buffer: form.body).firstMatch(#"name="csrf" value="([^"]+)""#))
            var headers = HTTPFields()
            headers[.contentType] = "application/x-www-form-urlencoded"
            headers[.cookie] = "steward_signin=\(pre)"
            let wrong = try await client.execute(uri: "/ui/sign-in", method: .post, headers: headers,
                                                 body: .init(string: formBody([("csrf", csrf), ("username", "vera"), ("password", "nope")])))
            #expect(wrong.status == .unauthorized && wrong.cookie("steward_session") == nil)
            #expect(String(buffer: wrong.body).contains("Those credentials are not valid."))

            let vera = try await client.webSignIn(username: "vera", password: "correct horse battery")
            let catalog = try await client.webGet("/ui/catalog", vera)
            #expect(catalog.status == .ok && String(buffer: catalog.body).contains("vera"))
            let admin = try await client.webGet("/ui/admin/users", vera)
            #expect(admin.status == .forbidden, "a viewer is refused by the same policy as the API")
            let audit = try await client.webGet("/ui/audit", vera)
            #expect(audit.status == .forbidden)
            let tokens = try await client.webGet("/ui/admin/tokens", vera)
            #expect(tokens.status == .ok && String(buffer: tokens.body).contains("web session"), "the session is an ordinary token of hers")

            let out = try await client.webPost("/ui/sign-out", vera)
            #expect(out.status == .seeOther && out.headers[.location] == "/ui/sign-in")
            #expect(out.headers[values: .setCookie].contains { $0.hasPrefix("steward_session=;") && $0.contains("Max-Age=0") })
            let after = try await client.webGet("/ui/catalog", vera)
            #expect(after.status == .seeOther, "the revoked session no longer signs in")
            var bearer = HTTPFields()
            bearer[.authorization] = "Bearer \(vera.cookie)"
            let api = try await client.execute(uri: "/api/v1/models", method: .get, headers: bearer)
            #expect(api.status == .unauthorized, "the session token is revoked for the API too")
        }
    }
}
