import Hummingbird

/// Cross-origin access for the configured origins only (installed only when `--cors-origin` is
/// set; without it no CORS header is ever sent, so browsers keep other sites out).
///
/// A preflight (`OPTIONS` with `Access-Control-Request-Method`) from a listed origin is answered
/// 204 with the allowed methods and headers; from any other origin 403 `cors_origin_not_allowed`.
/// Actual requests from a listed origin get `Access-Control-Allow-Origin` with that origin (never
/// `*`) and the response headers clients need exposed, error responses included: the middleware
/// sits outside the error middleware, so it sees every response already rendered. Credentials mode is not enabled: the API
/// authenticates with an explicit `Authorization` header, never cookies.
struct CORSAllowlistMiddleware: RouterMiddleware {
    typealias Context = StewardRequestContext
    let origins: Set<String>

    init(origins: [String]) {
        self.origins = Set(origins.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 })
    }

    static let allowMethods = "GET, HEAD, POST, PUT, PATCH, DELETE"
    static let allowHeaders = "Authorization, Content-Type, If-Match, If-None-Match, If-Range, Range, Idempotency-Key, X-Request-Id, X-Checksum-SHA256"
    static let exposeHeaders = "ETag, Location, Content-Range, X-Request-Id, RateLimit, RateLimit-Policy, Retry-After"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let origin = request.headers[.origin] else { return try await next(request, context) }
        let allowed = origins.contains(origin)
        if request.method == .options, request.headers[.accessControlRequestMethod] != nil {
            guard allowed else {
                return Problem(status: .forbidden, code: "cors_origin_not_allowed",
                               detail: "Cross-origin requests from this origin are not allowed.", requestID: context.requestID).response()
            }
            return Response(status: .noContent, headers: [
                .accessControlAllowOrigin: origin,
                .accessControlAllowMethods: Self.allowMethods,
                .accessControlAllowHeaders: Self.allowHeaders,
                .accessControlMaxAge: "600",
                .vary: "Origin",
            ])
        }
        var response = try await next(request, context)
        if allowed {
            response.headers[.accessControlAllowOrigin] = origin
            response.headers[.accessControlExposeHeaders] = Self.exposeHeaders
            response.headers[.vary] = "Origin"
        }
        return response
    }
}
