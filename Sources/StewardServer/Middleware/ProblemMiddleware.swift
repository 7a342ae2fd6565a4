import Foundation
import Hummingbird
import Logging
import StewardCore
import StewardStorage

/// Turns every error into an RFC 9457 problem response with a stable `code`. Domain errors keep
/// their status; framework errors (bad route, oversized body) get theirs; anything else is logged
/// server-side and answered without internals (no SQL, no stack traces).
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = StewardRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let refusal as LimitRefusal {
            var response = Problem(refusal.error, requestID: context.requestID, logger: context.logger).response()
            response.headers.append(contentsOf: refusal.headers)
            return response
        } catch {
            let problem = Problem(error, requestID: context.requestID, logger: context.logger)
            return problem.response()
        }
    }
}

/// An RFC 9457 problem details document.
struct Problem: Codable, Sendable {
    var type: String
    var title: String
    var status: Int
    var detail: String
    var code: String
    var requestID: String?
    var errors: [FieldError]?

    enum CodingKeys: String, CodingKey {
        case type, title, status, detail, code, errors
        case requestID = "request_id"
    }

    init(status: HTTPResponse.Status, code: String, detail: String, requestID: String?, errors: [FieldError]? = nil) {
        self.type = "https://steward.dev/problems/\(code)"
        self.title = status.reasonPhrase
        self.status = status.code
        self.detail = detail
        self.code = code
        self.requestID = requestID
        self.errors = errors?.isEmpty == true ? nil : errors
    }

    init(_ error: any Error, requestID: String, logger: Logger) {
        switch error {
        case let error as DomainError:
            self.init(status: Self.status(error.kind), code: error.code, detail: error.message, requestID: requestID,
                      errors: error.fieldErrors)
        case let error as DecodingError:
            self.init(status: .badRequest, code: "invalid_json", detail: Self.describe(error), requestID: requestID)
        case let error as any HTTPResponseError:
            let (code, detail) = Self.describe(error.status)
            self.init(status: error.status, code: code, detail: detail, requestID: requestID)
        case is CancellationError:
            self.init(status: .serviceUnavailable, code: "unavailable", detail: "The request was cancelled.", requestID: requestID)
        case let error as StoreFailure:
            logger.error("database failure", metadata: ["error": "\(error)"])
            self.init(status: .serviceUnavailable, code: "unavailable", detail: "The database is unavailable; try again.", requestID: requestID)
        case let error as BlobStoreError:
            logger.error("blob store failure", metadata: ["error": "\(error)"])
            self.init(status: .serviceUnavailable, code: "unavailable", detail: "Artifact storage is unavailable; try again.", requestID: requestID)
        default:
            logger.error("unexpected error", metadata: ["error": "\(String(reflecting: error))"])
            self.init(status: .internalServerError, code: "internal_error",
                      detail: "An internal error occurred; quote request id \(requestID) when reporting it.", requestID: requestID)
        }
    }

    func response() -> Response {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        var headers = HTTPFields()
        headers[.contentType] = "application/problem+json"
        if status == 401 { headers[.wwwAuthenticate] = "Bearer realm=\"steward\"" }
        return Response(status: .init(code: status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func status(_ kind: DomainError.Kind) -> HTTPResponse.Status {
        switch kind {
        case .invalid: .badRequest
        case .unauthenticated: .unauthorized
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .conflict: .conflict
        case .gone: .gone
        case .preconditionFailed: .preconditionFailed
        case .tooLarge: .contentTooLarge
        case .unsupportedMedia: .unsupportedMediaType
        case .rangeNotSatisfiable: .rangeNotSatisfiable
        case .tooManyRequests: .tooManyRequests
        case .unavailable: .serviceUnavailable
        }
    }

    static func describe(_ status: HTTPResponse.Status) -> (String, String) {
        switch status {
        case .notFound: ("route_not_found", "No such route or method.")
        case .contentTooLarge: ("payload_too_large", "The request body is too large.")
        case .methodNotAllowed: ("method_not_allowed", "This method is not allowed here.")
        case .unsupportedMediaType: ("unsupported_media_type", "Unsupported Content-Type.")
        case .badRequest: ("bad_request", "The request is malformed.")
        default: (status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_"), status.reasonPhrase)
        }
    }

    /// A readable account of a JSON decoding failure, naming the field.
    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            let text = codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return text.isEmpty ? "the body" : "'\(text)'"
        }
        switch error {
        case .typeMismatch(let type, let context): return "Wrong type at \(path(context.codingPath)): expected \(type)."
        case .valueNotFound(let type, let context): return "Missing value at \(path(context.codingPath)): expected \(type)."
        case .keyNotFound(let key, let context): return "Missing field '\((context.codingPath + [key]).map(\.stringValue).joined(separator: "."))'."
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "The body is not valid JSON." : "Invalid value at \(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "The body is not valid JSON."
        }
    }
}
