import Foundation
import Hummingbird
import StewardCore

/// The web UI under `/ui`: server-rendered pages over the Core use cases. Pages are GETs; every
/// change is a form POST carrying the session's CSRF token, answered with a redirect (post/redirect/get).
public struct WebRoutes<Context: RequestContext>: Sendable {
    /// Authenticates an `Authorization` header value (`Bearer …` or `Basic …`) exactly as the API
    /// does, returning the principal with the request's origin set for the audit trail.
    public typealias Authenticate = @Sendable (_ authorization: String, _ request: Request, _ context: Context) async throws -> Principal

    let services: WebServices
    let templates: WebTemplates
    let authenticate: Authenticate
    /// Browser single sign-on, when the server is configured for it.
    let singleSignOn: WebSingleSignOn<Context>?
    /// Largest form body accepted.
    static var maxFormBytes: Int { 64 << 10 }

    public init(services: WebServices, templates: WebTemplates, singleSignOn: WebSingleSignOn<Context>? = nil,
                authenticate: @escaping Authenticate) {
        self.services = services
        self.templates = templates
        self.singleSignOn = singleSignOn
        self.authenticate = authenticate
    }

    var registry: Registry { services.registry }

    /// Adds the UI's routes to `router`, and sends browsers asking for `/` to the UI.
    public func register(on router: Router<Context>) {
        router.get("/") { request, _ in
            // Browsers ask for HTML; API clients probing the root keep getting the plain 404.
            guard request.headers[.accept]?.contains("text/html") == true else { throw HTTPError(.notFound) }
            return WebResponse.redirect("/ui")
        }
        let ui = router.group("ui")
        let css = templates.stylesheet
        ui.get("static/steward.css") { _, _ in WebResponse.stylesheet(css) }
        ui.get("/") { _, _ in WebResponse.redirect("/ui/catalog") }
        registerSession(on: ui)
        registerSingleSignOn(on: ui)
        registerCatalog(on: ui)
        registerModels(on: ui)
        registerModelForms(on: ui)
        registerFiles(on: ui)
        registerPromotions(on: ui)
        registerDatasets(on: ui)
        registerAudit(on: ui)
        registerAdmin(on: ui)
    }

    // MARK: Page and action wrappers

    /// A signed-in page: without a valid session the browser is sent to sign in and come back.
    func page(_ group: RouterGroup<Context>, _ path: RouterPath,
              _ handler: @escaping @Sendable (Request, Context, WebUser) async throws -> Response) {
        group.get(path) { request, context in
            guard let user = try await signedInUser(request, context) else {
                let next = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
                return WebResponse.redirect("/ui/sign-in?" + URLText.query([("next", next)]))
            }
            do {
                return try await handler(request, context, user)
            } catch {
                return try errorPage(error, user: user)
            }
        }
    }

    /// A form post of a signed-in user: refused (401) without a session and (403) without the
    /// session's CSRF token, before anything is read or changed.
    func action(_ group: RouterGroup<Context>, _ path: RouterPath,
                _ handler: @escaping @Sendable (Request, Context, WebUser, FormData) async throws -> Response) {
        group.post(path) { request, context in
            guard let user = try await signedInUser(request, context) else { return try sessionEndedPage() }
            let form = try await Self.readForm(request)
            guard WebSession.same(form["csrf"], user.csrf) else { return try formExpiredPage(user) }
            do {
                return try await handler(request, context, user, form)
            } catch {
                return try errorPage(error, user: user)
            }
        }
    }

    /// The answer to a form posted without a (valid) session: 401, nothing read or changed.
    func sessionEndedPage() throws -> Response {
        try render(Layout(title: "Sign in again", user: nil), MessageView(heading: "Your session has ended",
                   message: "Sign in again, then repeat what you were doing.", link: "/ui/sign-in"), "message", status: .unauthorized)
    }

    /// The answer to a form without this session's CSRF token: 403, nothing changed.
    func formExpiredPage(_ user: WebUser) throws -> Response {
        try render(Layout(title: "Form expired", user: user), MessageView(heading: "This form has expired",
                   message: "The form did not carry this session's security token. Go back, reload the page and try again.",
                   link: "/ui"), "message", status: .forbidden)
    }

    /// The user of the session cookie, or nil when there is none or it is no longer valid.
    func signedInUser(_ request: Request, _ context: Context) async throws -> WebUser? {
        guard let secret = WebSession.cookie(WebSession.cookieName, in: request) else { return nil }
        do {
            let principal = try await authenticate("Bearer " + secret, request, context)
            return WebUser(principal: principal, csrf: WebSession.csrfToken(session: secret))
        } catch let error as DomainError where error.kind == .unauthenticated {
            return nil
        }
    }

    static func readForm(_ request: Request) async throws -> FormData {
        let body = try await request.body.collect(upTo: maxFormBytes)
        return FormData(String(buffer: body))
    }

    func render<Content: Sendable>(_ layout: Layout, _ page: Content, _ template: String, status: HTTPResponse.Status = .ok,
                                   setCookies: [String] = []) throws -> Response {
        WebResponse.html(try templates.render(PageView(layout: layout, page: page), template), status: status, setCookies: setCookies)
    }

    /// A domain error as a page with the status the API would give (a 5xx says nothing internal).
    func errorPage(_ error: any Error, user: WebUser) throws -> Response {
        guard let domain = error as? DomainError else {
            if let http = error as? HTTPError, http.status.code < 500 {
                return try render(Layout(title: "Error", user: user), MessageView(heading: "The request was not accepted",
                                  message: http.body ?? http.status.reasonPhrase, link: "/ui"), "message", status: http.status)
            }
            throw error
        }
        let status: HTTPResponse.Status = switch domain.kind {
        case .invalid: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .gone: .gone
        case .preconditionFailed: .preconditionFailed
        case .tooLarge: .contentTooLarge
        case .unsupportedMedia: .unsupportedMediaType
        case .rangeNotSatisfiable: .rangeNotSatisfiable
        case .tooManyRequests: .tooManyRequests
        case .unavailable: .serviceUnavailable
        }
        let details = domain.fieldErrors.map { "\($0.field): \($0.message)" }
        return try render(Layout(title: "Error", user: user),
                          MessageView(heading: status == .notFound ? "Not found" : status == .forbidden ? "Not allowed" : "The request was not accepted",
                                      message: domain.message, details: details, code: domain.code, link: "/ui"),
                          "message", status: status)
    }
}

/// A page with one message (errors, expired sessions).
struct MessageView: Sendable {
    var heading: String
    var message: String
    var details: [String] = []
    var code: String?
    var link: String
}
