import Foundation
import Hummingbird
import StewardCore

/// Requires credentials and puts the principal in the context: `Authorization: Bearer <token>`, or
/// `Basic` with an account's password (or with a token as the password, as the MLflow client sends
/// `MLFLOW_TRACKING_USERNAME`/`PASSWORD`). Failures are logged without secrets and answered with the
/// same 401 whatever the reason.
struct AuthenticationMiddleware: RouterMiddleware {
    typealias Context = StewardRequestContext
    let registry: Registry

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.principal = try await Self.authenticate(request.headers[.authorization], registry: registry, logger: context.logger)
        context.logger[metadataKey: "principal"] = .string(context.principal!.name)
        return try await next(request, context)
    }

    /// The principal for an `Authorization` header value, shared by every door.
    static func authenticate(_ header: String?, registry: Registry, logger: Logger) async throws -> Principal {
        let failure = DomainError(.unauthenticated, code: "unauthenticated", "Valid credentials are required.")
        guard let header else {
            logger.notice("authentication failed", metadata: ["reason": "no credentials"])
            throw failure
        }
        do {
            if let token = bearerToken(header) { return try await registry.authenticate(token: token) }
            if let (user, password) = basicCredentials(header) { return try await registry.authenticate(username: user, password: password) }
            logger.notice("authentication failed", metadata: ["reason": "unsupported authorization scheme"])
        } catch let error as DomainError where error.kind == .unauthenticated {
            logger.notice("authentication failed", metadata: ["reason": "unknown, revoked or expired credentials"])
        }
        throw failure
    }

    /// The token of a `Bearer` authorization header (scheme case-insensitive).
    static func bearerToken(_ header: String) -> String? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// User name and password of a `Basic` authorization header.
    static func basicCredentials(_ header: String) -> (String, String)? {
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic", parts[1].count <= 2048,
              let data = Data(base64Encoded: String(parts[1]).trimmingCharacters(in: .whitespaces)),
              let text = String(data: data, encoding: .utf8), let colon = text.firstIndex(of: ":") else { return nil }
        return (String(text[..<colon]), String(text[text.index(after: colon)...]))
    }
}

import Logging
