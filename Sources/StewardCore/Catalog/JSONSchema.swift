import Foundation

/// A small, strict subset of JSON Schema (draft 2020-12 semantics) for templates: `type` (one name or
/// a list of `string`, `number`, `integer`, `boolean`, `object`, `array`, `null`), `properties`,
/// `required`, `enum`, `minimum`, `maximum`, `items` (one schema) and `additionalProperties`
/// (boolean or schema). Annotations (`title`, `description`, `default`, `examples`, `$schema`,
/// `$comment`) are allowed and ignored. Any other keyword is refused when the schema is saved, so a
/// template never silently ignores a rule its author wrote.
public struct JSONSchema: Sendable, Equatable {
    public static let keywords: Set<String> = ["type", "properties", "required", "enum", "minimum", "maximum", "items",
                                               "additionalProperties"]
    public static let annotations: Set<String> = ["title", "description", "default", "examples", "$schema", "$comment"]
    static let typeNames: Set<String> = ["string", "number", "integer", "boolean", "object", "array", "null"]

    public let json: JSONValue

    /// Checks that `json` is a schema of the subset; field errors name the offending path.
    public init(_ json: JSONValue, field: String = "schema") throws {
        var validator = Validator()
        Self.check(json, path: field, into: &validator, depth: 0)
        try validator.finish()
        self.json = json
    }

    /// One violation: where (`$.a.b[2]`) and why.
    public struct Violation: Sendable, Equatable, CustomStringConvertible {
        public var path: String
        public var message: String
        public var description: String { "\(path): \(message)" }
    }

    /// The violations of `value`, in document order. With `coercingStrings`, a string that spells a
    /// number, integer or boolean satisfies those types (MLflow parameters are always strings).
    public func violations(of value: JSONValue, coercingStrings: Bool = false) -> [Violation] {
        var found: [Violation] = []
        Self.validate(value, against: json, path: "$", coercing: coercingStrings, into: &found)
        return found
    }

    // MARK: Checking the schema itself

    private static func check(_ schema: JSONValue, path: String, into validator: inout Validator, depth: Int) {
        guard depth < 32 else { return validator.add(path, "is nested too deeply") }
        if case .bool = schema { return } // true/false schemas
        guard case .object(let members) = schema else { return validator.add(path, "must be a JSON object (a schema)") }
        for key in members.keys.sorted() where !keywords.contains(key) && !annotations.contains(key) {
            validator.add("\(path).\(key)", "is not supported (supported: \(keywords.sorted().joined(separator: ", ")))")
        }
        switch members["type"] {
        case nil: break
        case .string(let name)?: validator.check(typeNames.contains(name), "\(path).type", "unknown type '\(name)'")
        case .array(let names)?:
            validator.check(!names.isEmpty && names.allSatisfy { if case .string(let n) = $0 { typeNames.contains(n) } else { false } },
                            "\(path).type", "must list known type names")
        default: validator.add("\(path).type", "must be a type name or a list of them")
        }
        if let properties = members["properties"] {
            if case .object(let children) = properties {
                for (name, child) in children { check(child, path: "\(path).properties.\(name)", into: &validator, depth: depth + 1) }
            } else { validator.add("\(path).properties", "must be an object of schemas") }
        }
        if let required = members["required"] {
            let ok = if case .array(let names) = required { names.allSatisfy { if case .string = $0 { true } else { false } } } else { false }
            validator.check(ok, "\(path).required", "must be a list of property names")
        }
        if let values = members["enum"] {
            let ok = if case .array(let items) = values { !items.isEmpty } else { false }
            validator.check(ok, "\(path).enum", "must be a non-empty list")
        }
        for bound in ["minimum", "maximum"] {
            if let value = members[bound] {
                let ok = if case .number = value { true } else { false }
                validator.check(ok, "\(path).\(bound)", "must be a number")
            }
        }
        if let items = members["items"] { check(items, path: "\(path).items", into: &validator, depth: depth + 1) }
        if let extra = members["additionalProperties"] { check(extra, path: "\(path).additionalProperties", into: &validator, depth: depth + 1) }
    }
}
