import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id (the caller's `X-Request-Id` when it is sane, else a new one), puts it
/// on every log line of the request and echoes it in the response.
struct RequestIDMiddleware: RouterMiddleware {
    typealias Context = StewardRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let supplied = request.headers[.requestID].flatMap { value in
            value.count <= 128 && value.utf8.allSatisfy { (0x21...0x7e).contains($0) } ? value : nil
        }
        context.requestID = supplied ?? UUID().uuidString.lowercased()
        context.logger[metadataKey: "request_id"] = .string(context.requestID)
        var response = try await next(request, context)
        response.headers[.requestID] = context.requestID
        return response
    }
}

extension HTTPField.Name {
    static let requestID = Self("X-Request-Id")!
    static let checksumSHA256 = Self("X-Checksum-SHA256")!
    static let idempotencyKey = Self("Idempotency-Key")!
}
