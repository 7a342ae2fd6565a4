import Foundation
import HTTPTypes
import OpenAPIRuntime

/// Turns every error response (status 400 and above) into a thrown ``ServerProblem``, so commands
/// only handle the success cases of each operation and all errors are reported the same way.
struct ProblemMiddleware: ClientMiddleware {
    /// Problem documents are small; a larger error body is cut here.
    static let maxBodyBytes = 64 * 1024

    func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        baseURL: URL,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, URL) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let (response, responseBody) = try await next(request, body, baseURL)
        guard response.status.code >= 400 else { return (response, responseBody) }
        var bytes: [UInt8] = []
        if let responseBody {
            for try await chunk in responseBody {
                bytes += chunk.prefix(Self.maxBodyBytes - bytes.count)
                if bytes.count >= Self.maxBodyBytes { break }
            }
        }
        throw ServerProblem(
            status: response.status.code,
            reasonPhrase: response.status.reasonPhrase,
            body: bytes,
            requestID: HTTPField.Name("X-Request-Id").flatMap { response.headerFields[$0] })
    }
}
