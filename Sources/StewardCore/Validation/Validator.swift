/// Collects field errors so one response can list every bad field at once.
public struct Validator: Sendable {
    public private(set) var errors: [FieldError] = []

    public init() {}

    public mutating func check(_ condition: Bool, _ field: String, _ message: @autoclosure () -> String) {
        if !condition { errors.append(FieldError(field: field, message: message())) }
    }

    public mutating func add(_ field: String, _ message: String) {
        errors.append(FieldError(field: field, message: message))
    }

    /// Runs a throwing validation and records a `DomainError`'s field errors instead of propagating it.
    public mutating func capture(_ body: () throws -> Void) {
        do { try body() } catch let error as DomainError {
            errors.append(contentsOf: error.fieldErrors.isEmpty
                          ? [FieldError(field: "", message: error.message)] : error.fieldErrors)
        } catch {
            errors.append(FieldError(field: "", message: "\(error)"))
        }
    }

    /// Throws `validation_failed` when any check failed.
    public func finish() throws {
        if !errors.isEmpty { throw DomainError.validation(errors) }
    }
}

extension String {
    /// True when the string contains a Unicode control character (C0, DEL, C1) or a line/paragraph separator.
    public var containsControlCharacter: Bool {
        unicodeScalars.contains { $0.properties.generalCategory == .control || $0.value == 0x2028 || $0.value == 0x2029 }
    }
}
