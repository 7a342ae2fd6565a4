import Hummingbird

/// Applies the configured limit on bodies decoded in full (JSON) through the request context,
/// where `Request.decodeJSON` reads it. Streamed artifact uploads are not bound by it.
struct JSONBodyLimitMiddleware: RouterMiddleware {
    typealias Context = StewardRequestContext
    let maxBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.maxUploadSize = maxBytes
        return try await next(request, context)
    }
}
