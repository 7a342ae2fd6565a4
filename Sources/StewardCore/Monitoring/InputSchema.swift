import Foundation

/// Reads a version's `inputSchema` into monitor columns. Accepted forms:
///
/// - MLflow's column signature, a list `[{"name": "age", "type": "double", "required": true}, …]`
///   with MLflow's types (`boolean`, `integer`, `long`, `float`, `double`, `string`, `datetime`,
///   `binary`; `required` defaults to true), extended with optional `categories` (or `enum`: the
///   allowed values), `minimum`, `maximum`, `allow_non_finite` (default false) and `kind`
///   (`numeric`/`categorical`, to override the default: numbers numeric, the rest categorical).
/// - MLflow's signature object `{"inputs": [...]}`, where `inputs` may also be the JSON text of the
///   list, as `ModelSignature.to_dict()` writes it.
/// - No schema: every feature is accepted and typed by its first value (open columns).
///
/// Anything else (tensor specs, columns without names) is `unsupported_input_schema`: monitoring
/// cannot check rows against a schema it does not understand.
public enum InputSchema {
    public static func columns(_ schema: JSONValue?) throws -> MonitorColumns {
        guard let schema, schema != .null else { return MonitorColumns([], open: true) }
        switch schema {
        case .array(let items):
            return MonitorColumns(try items.enumerated().map { try column($0.element, at: $0.offset) }, open: false)
        case .object(let members):
            if case .string(let text)? = members["inputs"], let parsed = JSONValue(jsonText: text) { return try columns(parsed) }
            if let inputs = members["inputs"], case .array = inputs { return try columns(inputs) }
            throw unsupported("an object schema needs an \"inputs\" list of columns")
        default:
            throw unsupported("the schema must be a list of columns or {\"inputs\": [...]}")
        }
    }

    static func column(_ value: JSONValue, at position: Int) throws -> MonitorColumn {
        guard case .object(let spec) = value, case .string(let name)? = spec["name"], !name.isEmpty else {
            throw unsupported("column \(position) has no \"name\" (tensor specs cannot be monitored)")
        }
        guard case .string(let typeName)? = spec["type"], let type = MonitorColumn.ValueType(rawValue: typeName) else {
            throw unsupported("column '\(name)' has no supported \"type\"")
        }
        var categories: Set<String>?
        if case .array(let allowed)? = spec["categories"] ?? spec["enum"] {
            categories = Set(allowed.compactMap { scalar($0).text })
        }
        var kind: MonitorColumn.Kind?
        if case .string(let text)? = spec["kind"] {
            guard let parsed = MonitorColumn.Kind(rawValue: text) else { throw unsupported("column '\(name)': kind must be numeric or categorical") }
            kind = parsed
        }
        if kind == .numeric && !([.double, .float, .integer, .long].contains(type)) {
            throw unsupported("column '\(name)': only number columns can be numeric")
        }
        return MonitorColumn(name: name, type: type, kind: kind, required: flag(spec["required"]) ?? true, categories: categories,
                             minimum: number(spec["minimum"]), maximum: number(spec["maximum"]),
                             allowNonFinite: flag(spec["allow_non_finite"]) ?? false)
    }

    static func scalar(_ value: JSONValue) -> FeatureValue {
        switch value {
        case .string(let text): .string(text)
        case .number(let number): .number(number)
        case .bool(let flag): .bool(flag)
        default: .other
        }
    }

    static func flag(_ value: JSONValue?) -> Bool? { if case .bool(let flag)? = value { flag } else { nil } }
    static func number(_ value: JSONValue?) -> Double? { if case .number(let number)? = value { number } else { nil } }

    static func unsupported(_ message: String) -> DomainError {
        DomainError(.conflict, code: "unsupported_input_schema", "The version's input schema cannot be monitored: \(message).")
    }
}
