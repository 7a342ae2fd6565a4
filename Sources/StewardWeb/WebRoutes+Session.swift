import Foundation
import Hummingbird
import StewardCore

/// Sign-in and sign-out.
extension WebRoutes {
    func registerSession(on ui: RouterGroup<Context>) {
        ui.get("sign-in") { request, context in
            let next = Self.safeNext(request.uri.queryParameters.get("next"))
            if try await signedInUser(request, context) != nil { return WebResponse.redirect(next) }
            return try signInPage(next: next, error: nil, status: .ok)
        }
        ui.post("sign-in") { request, context in
            let form = try await Self.readForm(request)
            let next = Self.safeNext(form["next"])
            // Double-submit: the form's token must match the cookie set with the form, which a
            // third-party page can neither read nor set (SameSite=Strict, HttpOnly).
            guard WebSession.same(form["csrf"], WebSession.cookie(WebSession.signInCookieName, in: request)) else {
                return try signInPage(next: next, error: "The sign-in form expired. Please try again.", status: .forbidden)
            }
            let header: String
            if let token = form["token"] {
                header = "Bearer " + token
            } else if let user = form["username"], let password = form.fields["password"]?.last, !password.isEmpty {
                header = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
            } else {
                return try signInPage(next: next, error: "Enter a user name and password, or a token.", status: .badRequest)
            }
            let principal: Principal
            do {
                principal = try await authenticate(header, request, context)
            } catch let error as DomainError where error.kind == .unauthenticated {
                return try signInPage(next: next, error: "Those credentials are not valid.", status: .unauthorized)
            }
            return WebResponse.redirect(next, setCookies: try await startSession(principal) + [
                WebSession.setCookie(WebSession.signInCookieName, "", maxAge: 0, secure: services.secureCookies),
            ])
        }
        action(ui, "sign-out") { _, _, user, _ in
            if let id = WebSession.tokenID(of: user.principal) {
                try await registry.revokeToken(id: id, by: user.principal)
            }
            return WebResponse.redirect("/ui/sign-in", setCookies: [
                WebSession.setCookie(WebSession.cookieName, "", maxAge: 0, secure: services.secureCookies),
            ])
        }
    }

    /// Starts the browser session of a principal who just signed in (with a password, a token or
    /// single sign-on): the session is a token of its own (never the password or the pasted token),
    /// no wider than the credential that signed in, so signing out revokes exactly this session.
    /// Creating it is audited like any token, with the request's origin (door `web`).
    /// Returns the `Set-Cookie` values.
    func startSession(_ principal: Principal) async throws -> [String] {
        let scopes = principal.scopes ?? [.read, .write, .admin]
        let (_, secret) = try await registry.createToken(name: "web session", scopes: scopes,
                                                          expiresAt: Date().addingTimeInterval(services.sessionLifetime), by: principal)
        return [WebSession.setCookie(WebSession.cookieName, secret, maxAge: Int(services.sessionLifetime), secure: services.secureCookies)]
    }

    func signInPage(next: String, error: String?, status: HTTPResponse.Status, setCookies: [String] = []) throws -> Response {
        let token = WebSession.randomToken()
        let sso = singleSignOn.map { _ in "/ui/sso/start?" + URLText.query([("next", next)]) }
        let view = SignInView(csrf: token, next: next, error: error, oidcURL: sso)
        return try render(Layout(title: "Sign in", user: nil), view, "sign-in", status: status,
                          setCookies: setCookies + [WebSession.setCookie(WebSession.signInCookieName, token, maxAge: 3600, secure: services.secureCookies)])
    }

    /// Where to go after signing in: a path inside the UI, never another site (`//host`, `/\host`).
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/ui"), !next.hasPrefix("//"), !next.contains("\\"), !next.contains("\r"), !next.contains("\n"),
              next.count < 2048 else { return "/ui/catalog" }
        return next
    }
}

struct SignInView: Sendable {
    var csrf: String
    var next: String
    var error: String?
    var oidcURL: String?
}
