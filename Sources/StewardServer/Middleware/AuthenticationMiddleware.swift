import Hummingbird
import StewardCore

/// Requires `Authorization: Bearer <token>` and puts the principal in the context. Failures are
/// logged without the token and answered with the same 401 whatever the reason.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = StewardRequestContext
    let registry: Registry

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        guard let header = request.headers[.authorization], let token = Self.bearerToken(header) else {
            context.logger.notice("authentication failed", metadata: ["reason": "missing or non-bearer credentials"])
            throw DomainError(.unauthenticated, code: "unauthenticated", "A valid bearer token is required.")
        }
        do {
            context.principal = try await registry.authenticate(token: token)
        } catch let error as DomainError where error.kind == .unauthenticated {
            context.logger.notice("authentication failed", metadata: ["reason": "unknown, revoked or expired token"])
            throw error
        }
        context.logger[metadataKey: "principal"] = .string(context.principal!.name)
        return try await next(request, context)
    }

    /// The token of a `Bearer` authorization header (scheme case-insensitive).
    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }
}

import Foundation
