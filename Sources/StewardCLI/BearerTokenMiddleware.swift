import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Adds `Authorization: Bearer <token>` to every request when a token is known, and a
/// `User-Agent` naming the CLI (the audit trail records changes made through it as the `cli` door).
struct BearerTokenMiddleware: ClientMiddleware {
    /// The API token; nil sends no `Authorization` header.
    let token: String?

    func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        if let token { request.headerFields[.authorization] = "Bearer \(token)" }
        request.headerFields[.userAgent] = "steward-cli/1"
        return try await next(request, body, baseURL)
    }
}
