import Foundation
import Hummingbird
import Logging
import StewardCore
import StewardStorage

/// An MLflow error reply: `{"error_code": …, "message": …}` with the HTTP status MLflow uses. The
/// client branches on `error_code` (for example RESOURCE_ALREADY_EXISTS lets `register_model`
/// continue), and retries any 5xx for minutes, so a deterministic failure is never a 5xx.
struct MLflowError: Error, Sendable {
    var status: HTTPResponse.Status
    var code: String
    var message: String

    static func invalid(_ message: String) -> MLflowError { MLflowError(status: .badRequest, code: "INVALID_PARAMETER_VALUE", message: message) }
    static func notFound(_ message: String) -> MLflowError { MLflowError(status: .notFound, code: "RESOURCE_DOES_NOT_EXIST", message: message) }

    /// The one mapping from Steward's errors to MLflow's codes and statuses.
    init(_ error: any Error, logger: Logger) {
        switch error {
        case let error as MLflowError:
            self = error
        case let error as DomainError:
            self = Self(domain: error)
        case let error as DecodingError:
            self = .invalid(Problem.describe(error))
        case let error as any HTTPResponseError:
            self = error.status == .notFound
                ? MLflowError(status: .notFound, code: "ENDPOINT_NOT_FOUND", message: "No such endpoint.")
                : MLflowError(status: error.status.code >= 500 ? .serviceUnavailable : error.status, code: "BAD_REQUEST",
                              message: error.status.reasonPhrase)
        case is CancellationError:
            self = MLflowError(status: .serviceUnavailable, code: "TEMPORARILY_UNAVAILABLE", message: "The request was cancelled.")
        case let error as StoreFailure:
            logger.error("database failure", metadata: ["error": "\(error)"])
            self = MLflowError(status: .serviceUnavailable, code: "TEMPORARILY_UNAVAILABLE", message: "The database is unavailable; try again.")
        case let error as BlobStoreError:
            logger.error("blob store failure", metadata: ["error": "\(error)"])
            self = MLflowError(status: .serviceUnavailable, code: "TEMPORARILY_UNAVAILABLE", message: "Artifact storage is unavailable; try again.")
        default:
            logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            self = MLflowError(status: .internalServerError, code: "INTERNAL_ERROR", message: "An internal error occurred.")
        }
    }

    init(status: HTTPResponse.Status, code: String, message: String) {
        self.status = status
        self.code = code
        self.message = message
    }

    private init(domain error: DomainError) {
        switch error.kind {
        case .invalid, .unsupportedMedia: self = .invalid(error.message)
        case .notFound, .gone: self = .notFound(error.message)
        case .conflict where error.code.hasSuffix("_already_exists"):
            self.init(status: .badRequest, code: "RESOURCE_ALREADY_EXISTS", message: error.message)
        case .conflict, .preconditionFailed: self.init(status: .badRequest, code: "INVALID_STATE", message: error.message)
        case .unauthenticated: self.init(status: .unauthorized, code: "UNAUTHENTICATED", message: error.message)
        case .forbidden: self.init(status: .forbidden, code: "PERMISSION_DENIED", message: error.message)
        case .tooLarge: self.init(status: .contentTooLarge, code: "INVALID_PARAMETER_VALUE", message: error.message)
        case .rangeNotSatisfiable: self.init(status: .rangeNotSatisfiable, code: "INVALID_PARAMETER_VALUE", message: error.message)
        case .unavailable: self.init(status: .serviceUnavailable, code: "TEMPORARILY_UNAVAILABLE", message: error.message)
        // The client retries 429 honouring Retry-After, which is what a rate limit wants.
        case .tooManyRequests: self.init(status: .tooManyRequests, code: "RESOURCE_EXHAUSTED", message: error.message)
        }
    }

    func response() -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        if status == .unauthorized { headers[.wwwAuthenticate] = "Basic realm=\"steward\", Bearer realm=\"steward\"" }
        let body = MLflowJSON.object([("error_code", .string(code)), ("message", .string(message))]).text
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}

/// Turns every error of the MLflow routes into MLflow's error JSON (the native routes keep RFC 9457
/// problem documents).
struct MLflowErrorMiddleware: RouterMiddleware {
    typealias Context = StewardRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let refusal as LimitRefusal {
            // A limit's Retry-After and RateLimit fields must reach the client in MLflow's format too.
            var response = MLflowError(refusal.error, logger: context.logger).response()
            for field in refusal.headers { response.headers[field.name] = field.value }
            return response
        } catch {
            return MLflowError(error, logger: context.logger).response()
        }
    }
}
