/// A failure the caller can act on: bad input, a missing resource, a conflicting state.
///
/// Every door maps `kind` to its own status codes (RFC 9457 problem details for the native API,
/// MLflow error codes for the MLflow API) and shows `code` verbatim, so clients can branch on it.
public struct DomainError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What sort of failure this is; decides the HTTP status.
    public enum Kind: String, Sendable, Equatable {
        case invalid            // 400
        case unauthenticated    // 401
        case forbidden          // 403
        case notFound           // 404
        case conflict           // 409
        case gone               // 410
        case preconditionFailed // 412
        case tooLarge           // 413
        case unsupportedMedia   // 415
        case rangeNotSatisfiable // 416
        case tooManyRequests    // 429
        case unavailable        // 503
    }

    public var kind: Kind
    /// Stable machine-readable code, for example `model_not_found`.
    public var code: String
    /// Human-readable explanation; never contains secrets or SQL.
    public var message: String
    /// Per-field problems of a validation failure.
    public var fieldErrors: [FieldError]

    public init(_ kind: Kind, code: String, _ message: String, fieldErrors: [FieldError] = []) {
        self.kind = kind
        self.code = code
        self.message = message
        self.fieldErrors = fieldErrors
    }

    public var description: String { "\(code): \(message)" }
}

/// One invalid field of a request.
public struct FieldError: Sendable, Equatable, Codable {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

extension DomainError {
    /// A validation failure listing each bad field.
    public static func validation(_ errors: [FieldError]) -> DomainError {
        let summary = errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
        return DomainError(.invalid, code: "validation_failed", summary, fieldErrors: errors)
    }

    /// A validation failure of one field.
    public static func invalidField(_ field: String, _ message: String) -> DomainError {
        .validation([FieldError(field: field, message: message)])
    }

    public static func modelNotFound(_ name: String) -> DomainError {
        DomainError(.notFound, code: "model_not_found", "Registered model '\(name)' does not exist.")
    }

    public static func versionNotFound(_ name: String, _ version: Int) -> DomainError {
        DomainError(.notFound, code: "version_not_found", "Version \(version) of model '\(name)' does not exist.")
    }

    public static func aliasNotFound(_ name: String, _ alias: String) -> DomainError {
        DomainError(.notFound, code: "alias_not_found", "Model '\(name)' has no alias '\(alias)'.")
    }

    public static func fileNotFound(_ path: String) -> DomainError {
        DomainError(.notFound, code: "file_not_found", "No file '\(path)' in this version.")
    }

    public static func versionSealed(_ name: String, _ version: Int) -> DomainError {
        DomainError(.conflict, code: "version_sealed",
                    "Version \(version) of model '\(name)' is sealed; its files and manifest can no longer change.")
    }
}
