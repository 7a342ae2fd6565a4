import Hummingbird

/// Token-bucket rate limits per authenticated principal and route class. Installed after
/// authentication, so it knows who is calling; requests without a principal pass (they were
/// limited by address already, see `AddressLimitMiddleware`).
struct PrincipalRateLimitMiddleware: RouterMiddleware {
    typealias Context = StewardRequestContext
    let limits: Limits

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let principal = context.principal else { return try await next(request, context) }
        return try await limits.limit(request, subject: "principal:" + principal.id) { request in
            try await next(request, context)
        }
    }
}
