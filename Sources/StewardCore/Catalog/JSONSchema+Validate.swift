import Foundation

extension JSONSchema {
    /// Validates `value` against `schema` (already checked to be of the subset), appending violations.
    static func validate(_ value: JSONValue, against schema: JSONValue, path: String, coercing: Bool,
                         into found: inout [Violation]) {
        if case .bool(let allowed) = schema {
            if !allowed { found.append(Violation(path: path, message: "is not allowed")) }
            return
        }
        guard case .object(let rules) = schema else { return }
        if let type = rules["type"] {
            let names: [String] = switch type {
            case .string(let name): [name]
            case .array(let items): items.compactMap { if case .string(let n) = $0 { n } else { nil } }
            default: []
            }
            if !names.contains(where: { matches(value, type: $0, coercing: coercing) }) {
                found.append(Violation(path: path, message: "must be of type \(names.joined(separator: " or "))"))
                return // the other rules assume the type
            }
        }
        if case .array(let allowed)? = rules["enum"], !allowed.contains(where: { equal(value, $0, coercing: coercing) }) {
            found.append(Violation(path: path, message: "must be one of \(allowed.map(\.jsonText).joined(separator: ", "))"))
        }
        if let number = numeric(value, coercing: coercing) {
            if case .number(let minimum)? = rules["minimum"], number < minimum {
                found.append(Violation(path: path, message: "must be at least \(format(minimum))"))
            }
            if case .number(let maximum)? = rules["maximum"], number > maximum {
                found.append(Violation(path: path, message: "must be at most \(format(maximum))"))
            }
        }
        if case .object(let members) = value {
            let properties: [String: JSONValue] = if case .object(let p)? = rules["properties"] { p } else { [:] }
            if case .array(let required)? = rules["required"] {
                for case .string(let name) in required where members[name] == nil {
                    found.append(Violation(path: "\(path).\(name)", message: "is required"))
                }
            }
            for name in members.keys.sorted() {
                let child = members[name]!
                if let rule = properties[name] {
                    validate(child, against: rule, path: "\(path).\(name)", coercing: coercing, into: &found)
                } else if let extra = rules["additionalProperties"] {
                    validate(child, against: extra, path: "\(path).\(name)", coercing: coercing, into: &found)
                }
            }
        }
        if case .array(let items) = value, let rule = rules["items"] {
            for (index, item) in items.enumerated() {
                validate(item, against: rule, path: "\(path)[\(index)]", coercing: coercing, into: &found)
            }
        }
    }

    static func matches(_ value: JSONValue, type: String, coercing: Bool) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("number", .number), ("string", .string), ("object", .object), ("array", .array):
            return true
        case ("integer", .number(let number)): return number.rounded() == number && number.isFinite
        case ("number", .string(let text)) where coercing: return Double(text)?.isFinite == true
        case ("integer", .string(let text)) where coercing: return Int64(text) != nil
        case ("boolean", .string(let text)) where coercing: return ["true", "false"].contains(text.lowercased())
        default: return false
        }
    }

    static func numeric(_ value: JSONValue, coercing: Bool) -> Double? {
        switch value {
        case .number(let number): number
        case .string(let text) where coercing: Double(text)
        default: nil
        }
    }

    static func equal(_ value: JSONValue, _ allowed: JSONValue, coercing: Bool) -> Bool {
        if value == allowed { return true }
        guard coercing, case .string(let text) = value else { return false }
        switch allowed {
        case .number(let number): return Double(text) == number
        case .bool(let flag): return text.lowercased() == String(flag)
        default: return false
        }
    }

    static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}
