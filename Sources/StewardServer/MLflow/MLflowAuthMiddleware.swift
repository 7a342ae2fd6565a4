import Foundation
import Hummingbird
import StewardCore

/// Authenticates MLflow clients exactly like the native API (`Authenticator`: a Steward token as
/// `Bearer` from `MLFLOW_TRACKING_TOKEN`, or `Basic` from `MLFLOW_TRACKING_USERNAME`/`PASSWORD` with an
/// account password or a token as the password, or an OIDC JWT), answering failures with one
/// MLflow-shaped 401.
struct MLflowAuthMiddleware: RouterMiddleware {
    typealias Context = StewardRequestContext
    let authenticator: Authenticator

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        do {
            var principal = try await authenticator.principal(for: request.headers[.authorization], logger: context.logger)
            principal.origin = context.origin(of: request, door: "mlflow")
            context.principal = principal
        } catch let error as DomainError where error.kind == .unauthenticated {
            throw MLflowError(status: .unauthorized, code: "UNAUTHENTICATED",
                              message: "Authentication required: set MLFLOW_TRACKING_TOKEN to a Steward token, or MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD.")
        }
        context.logger[metadataKey: "principal"] = .string(context.principal!.name)
        return try await next(request, context)
    }
}
