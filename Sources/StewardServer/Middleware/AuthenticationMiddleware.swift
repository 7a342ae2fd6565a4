import Hummingbird
import StewardCore

/// Requires credentials on the native API and puts the principal in the context (see
/// `Authenticator` for what is accepted). Failures are answered with the same 401 whatever the reason.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = StewardRequestContext
    let authenticator: Authenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var principal = try await authenticator.principal(for: request.headers[.authorization], logger: context.logger)
        // The CLI is a client of this API; its user agent tells the trail which door a change came through.
        let door = request.headers[.userAgent]?.hasPrefix("steward-cli/") == true ? "cli" : "api"
        principal.origin = context.origin(of: request, door: door)
        context.principal = principal
        context.logger[metadataKey: "principal"] = .string(principal.name)
        return try await next(request, context)
    }
}
