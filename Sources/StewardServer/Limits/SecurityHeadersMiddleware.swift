import HTTPTypes
import Hummingbird

/// Safe-default response headers, added to every response (the middleware is outermost, so error
/// responses carry them too):
///
///     X-Content-Type-Options: nosniff
///     X-Frame-Options: DENY
///     Referrer-Policy: no-referrer
///     Content-Security-Policy: default-src 'none'; frame-ancestors 'none'   (unless the route set one)
///     Cache-Control: no-store        (API paths and any request with credentials, unless the route set one)
///     Strict-Transport-Security: max-age=N; includeSubDomains               (only when configured)
///
/// Routes that serve HTML (the future web UI) set their own `Content-Security-Policy`, and routes
/// that may be cached set their own `Cache-Control`; everything else gets the strictest value.
public struct SecurityHeadersMiddleware: RouterMiddleware {
    public typealias Context = StewardRequestContext
    static let strictCSP = "default-src 'none'; frame-ancestors 'none'"
    let hstsMaxAge: Int?

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            // Only reachable if a middleware outside the error middleware throws; keep the headers anyway.
            response = Problem(error, requestID: context.requestID, logger: context.logger).response()
        }
        apply(to: &response.headers, request: request)
        return response
    }

    func apply(to headers: inout HTTPFields, request: Request) {
        headers[.xContentTypeOptions] = "nosniff"
        headers[.xFrameOptions] = "DENY"
        headers[.referrerPolicy] = "no-referrer"
        if headers[.contentSecurityPolicy] == nil { headers[.contentSecurityPolicy] = Self.strictCSP }
        if headers[.cacheControl] == nil, request.headers[.authorization] != nil || request.uri.path.hasPrefix("/api/") {
            headers[.cacheControl] = "no-store"
        }
        if let hstsMaxAge { headers[.strictTransportSecurity] = "max-age=\(hstsMaxAge); includeSubDomains" }
    }
}

extension HTTPField.Name {
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
}
