import Foundation
import Hummingbird
import StewardCore

/// Browser single sign-on: `/ui/sso/start` sends the browser to the identity provider with a fresh
/// state, nonce and PKCE challenge; `/ui/sso/callback` checks the state, has the server redeem the
/// code and verify the ID token, and starts the same session a password or token sign-in starts.
/// Every failure is the sign-in page with the reason and a 4xx, and creates nothing.
extension WebRoutes {
    func registerSingleSignOn(on ui: RouterGroup<Context>) {
        guard let sso = singleSignOn else { return }
        ui.get("sso/start") { request, _ in
            let attempt = SingleSignOnAttempt.start(next: Self.safeNext(request.uri.queryParameters.get("next")))
            guard let redirect = redirectURI(sso, request) else {
                return try signInPage(next: attempt.next, error: "Single sign-on cannot start: the request names no usable host to come back to.",
                                      status: .badRequest)
            }
            let query = URLText.query([
                ("response_type", "code"), ("client_id", sso.clientID), ("redirect_uri", redirect), ("scope", sso.scope),
                ("state", attempt.state), ("nonce", attempt.nonce),
                ("code_challenge", attempt.codeChallenge), ("code_challenge_method", "S256"),
            ])
            let separator = sso.authorizationEndpoint.contains("?") ? "&" : "?"
            return WebResponse.redirect(sso.authorizationEndpoint + separator + query, setCookies: [
                SingleSignOnAttempt.setCookie(attempt.cookieValue, maxAge: SingleSignOnAttempt.lifetime, secure: services.secureCookies),
            ])
        }
        ui.get("sso/callback") { request, context in
            let query = request.uri.queryParameters
            // Whatever happens next, this attempt is over: its cookie goes.
            let clear = [SingleSignOnAttempt.setCookie("", maxAge: 0, secure: services.secureCookies)]
            func refuse(_ message: String, _ status: HTTPResponse.Status, next: String = "/ui/catalog") throws -> Response {
                context.logger.notice("single sign-on refused", metadata: ["reason": "\(message)"])
                return try signInPage(next: next, error: message, status: status, setCookies: clear)
            }
            guard let cookie = WebSession.cookie(SingleSignOnAttempt.cookieName, in: request),
                  let attempt = SingleSignOnAttempt(cookie: cookie) else {
                return try refuse("This single sign-on attempt has expired or was started in another browser. Please sign in again.", .badRequest)
            }
            let next = Self.safeNext(attempt.next)
            // The state ties the callback to the attempt this browser started (no login CSRF).
            guard WebSession.same(query.get("state"), attempt.state) else {
                return try refuse("The answer from the identity provider does not belong to this sign-in. Please sign in again.", .badRequest, next: next)
            }
            if let error = query.get("error") {
                let detail = query.get("error_description").map { ": " + String($0.prefix(300)) } ?? ""
                return try refuse("The identity provider did not sign you in (\(String(error.prefix(100)))\(detail)).", .unauthorized, next: next)
            }
            guard let code = query.get("code"), !code.isEmpty, code.count <= 4096 else {
                return try refuse("The identity provider sent no authorization code. Please sign in again.", .badRequest, next: next)
            }
            let principal: Principal
            do {
                guard let redirect = redirectURI(sso, request) else { throw SingleSignOnFailure("The request names no usable host.") }
                principal = try await sso.redeem(.init(code: code, codeVerifier: attempt.codeVerifier, nonce: attempt.nonce,
                                                       redirectURI: redirect), request, context)
            } catch let failure as SingleSignOnFailure {
                return try refuse(failure.message, .unauthorized, next: next)
            } catch let error as DomainError where error.kind == .unauthenticated || error.kind == .invalid {
                return try refuse("The identity provider's answer could not be verified, or your account is disabled.", .unauthorized, next: next)
            }
            let cookies = try await startSession(principal)
            // A page that moves on by itself rather than a redirect: the session cookie is
            // SameSite=Strict, and a browser withholds it on a redirect chain that began at the
            // identity provider's site, but sends it on a navigation this page starts.
            return try render(Layout(title: "Signed in", user: nil, refresh: next),
                              MessageView(heading: "Signed in", message: "You are signed in as \(principal.name).", link: next),
                              "message", setCookies: clear + cookies)
        }
    }

    /// The `redirect_uri`: configured, or this server's own callback under the request's host (nil
    /// when the request names none that is a plain host name or address). The identity provider
    /// only redirects to callbacks registered for the client, so a forged host goes nowhere.
    func redirectURI(_ sso: WebSingleSignOn<Context>, _ request: Request) -> String? {
        if let configured = sso.redirectURL { return configured }
        guard let host = request.head.authority, !host.isEmpty, host.count <= 255,
              host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || ".-:[]".contains($0)) }) else { return nil }
        return (services.secureCookies ? "https" : "http") + "://" + host + "/ui/sso/callback"
    }
}
