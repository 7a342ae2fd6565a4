import Foundation

/// Naming rules for registry objects. Each returns the name unchanged when valid, or throws
/// `validation_failed` naming the field.
public enum Names {
    /// Maximum length of a registered model name, in characters.
    public static let maxModelNameLength = 256
    /// Maximum length of an alias name.
    public static let maxAliasLength = 64
    /// Maximum length of a tag, parameter or metric key.
    public static let maxKeyLength = 250
    /// Maximum length of a tag or parameter value.
    public static let maxValueLength = 5000
    /// Maximum length of descriptions (Markdown).
    public static let maxDescriptionLength = 65_536

    /// Model names: 1–256 characters, no control characters, no `/`; case-sensitive.
    @discardableResult
    public static func modelName(_ name: String, field: String = "name") throws -> String {
        if name.isEmpty { throw DomainError.invalidField(field, "must not be empty") }
        if name.count > maxModelNameLength {
            throw DomainError.invalidField(field, "must be at most \(maxModelNameLength) characters")
        }
        if name.containsControlCharacter { throw DomainError.invalidField(field, "must not contain control characters") }
        if name.contains("/") { throw DomainError.invalidField(field, "must not contain '/'") }
        if name.trimmingCharacters(in: .whitespaces) != name {
            throw DomainError.invalidField(field, "must not start or end with whitespace")
        }
        return name
    }

    /// Alias names: a letter, then letters, digits, `_` or `-`, at most 64; `v<digits>` is reserved
    /// because `model@v3` means version 3.
    @discardableResult
    public static func aliasName(_ alias: String, field: String = "alias") throws -> String {
        let scalars = Array(alias.unicodeScalars)
        guard let first = scalars.first else { throw DomainError.invalidField(field, "must not be empty") }
        if scalars.count > maxAliasLength {
            throw DomainError.invalidField(field, "must be at most \(maxAliasLength) characters")
        }
        let isLetter: (Unicode.Scalar) -> Bool = { ("a"..."z").contains($0) || ("A"..."Z").contains($0) }
        let isDigit: (Unicode.Scalar) -> Bool = { ("0"..."9").contains($0) }
        if !isLetter(first) { throw DomainError.invalidField(field, "must start with a letter") }
        if !scalars.allSatisfy({ isLetter($0) || isDigit($0) || $0 == "_" || $0 == "-" }) {
            throw DomainError.invalidField(field, "may only contain letters, digits, '_' and '-'")
        }
        if (first == "v" || first == "V"), scalars.count > 1, scalars.dropFirst().allSatisfy(isDigit) {
            throw DomainError.invalidField(field, "'\(alias)' is reserved: v<number> refers to a version")
        }
        return alias
    }

    /// Keys of tags, parameters and metrics.
    @discardableResult
    public static func key(_ key: String, field: String) throws -> String {
        if key.isEmpty { throw DomainError.invalidField(field, "keys must not be empty") }
        if key.count > maxKeyLength { throw DomainError.invalidField(field, "key '\(key.prefix(40))…' is longer than \(maxKeyLength) characters") }
        if key.containsControlCharacter { throw DomainError.invalidField(field, "keys must not contain control characters") }
        return key
    }

    /// Validates a string map (tags, params): keys and value lengths.
    public static func stringMap(_ map: [String: String], field: String, into validator: inout Validator) {
        for (k, v) in map {
            validator.capture { try key(k, field: field) }
            validator.check(v.count <= maxValueLength, "\(field).\(k)", "value must be at most \(maxValueLength) characters")
        }
    }

    /// Validates a description.
    public static func description(_ text: String, field: String = "description", into validator: inout Validator) {
        validator.check(text.count <= maxDescriptionLength, field, "must be at most \(maxDescriptionLength) characters")
    }
}
