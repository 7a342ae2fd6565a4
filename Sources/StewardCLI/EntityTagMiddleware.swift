import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Sends `If-Match` as written. The generated client encodes header parameters like URI components,
/// so an entity tag's quotes would go out as `%22t1%22`, which matches no `ETag`; this undoes that.
struct EntityTagMiddleware: ClientMiddleware {
    func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var request = request
        if let value = request.headerFields[.ifMatch], value.contains("%"), let decoded = value.removingPercentEncoding {
            request.headerFields[.ifMatch] = decoded
        }
        return try await next(request, body, baseURL)
    }
}
