import Foundation
import Hummingbird
import StewardCore

/// Authenticates MLflow clients with Steward tokens: `Authorization: Bearer <token>` (from
/// `MLFLOW_TRACKING_TOKEN`) or `Basic base64(user:token)` (from `MLFLOW_TRACKING_USERNAME` and
/// `MLFLOW_TRACKING_PASSWORD`; the user name is informational until users with passwords exist).
/// No anonymous access; every failure is the same MLflow-shaped 401.
struct MLflowAuthMiddleware: RouterMiddleware {
    typealias Context = StewardRequestContext
    let registry: Registry

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        let unauthenticated = MLflowError(status: .unauthorized, code: "UNAUTHENTICATED",
                                          message: "Authentication required: set MLFLOW_TRACKING_TOKEN, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, to a Steward token.")
        guard let header = request.headers[.authorization], let token = Self.token(header) else {
            context.logger.notice("authentication failed", metadata: ["reason": "missing or unsupported credentials"])
            throw unauthenticated
        }
        do {
            context.principal = try await registry.authenticate(token: token)
        } catch let error as DomainError where error.kind == .unauthenticated {
            context.logger.notice("authentication failed", metadata: ["reason": "unknown, revoked or expired token"])
            throw unauthenticated
        }
        context.logger[metadataKey: "principal"] = .string(context.principal!.name)
        return try await next(request, context)
    }

    /// The Steward token in a Bearer or Basic authorization header.
    static func token(_ header: String) -> String? {
        if let bearer = AuthenticationMiddleware.bearerToken(header) { return bearer }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "basic", parts[1].count <= 2048,
              let data = Data(base64Encoded: parts[1].trimmingCharacters(in: .whitespaces)),
              let credentials = String(data: data, encoding: .utf8),
              let colon = credentials.firstIndex(of: ":") else { return nil }
        let password = String(credentials[credentials.index(after: colon)...])
        return password.isEmpty ? nil : password
    }
}
