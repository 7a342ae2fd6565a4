import Foundation

/// A filter checked against an entity's schema, with values converted to the attribute's type.
/// Stores compile this (never the raw text) to SQL with bound parameters.
public indirect enum ResolvedFilter: Sendable, Equatable {
    case term(SearchAttribute, FilterOperator, ResolvedValue)
    case and(ResolvedFilter, ResolvedFilter)
    case or(ResolvedFilter, ResolvedFilter)
}

/// A typed filter value.
public enum ResolvedValue: Sendable, Equatable {
    case text(String)
    case number(Double)
    /// Milliseconds since the Unix epoch (timestamps), or version numbers.
    case integer(Int64)
    case list([ResolvedValue])
}

extension ResolvedFilter {
    /// Parses and validates filter text for `entity`. Empty text means no filter.
    /// Throws `invalid_filter` (400) naming the position of the problem.
    public static func parse(_ text: String?, for entity: SearchEntity) throws -> ResolvedFilter? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        let expression: FilterExpression?
        do {
            expression = try FilterParser.parse(text)
        } catch let error as FilterSyntaxError {
            throw DomainError(.invalid, code: "invalid_filter", "Invalid filter: \(error.message) at position \(error.position).",
                              fieldErrors: [FieldError(field: "filter", message: error.description)])
        }
        guard let expression else { return nil }
        return try resolve(expression, entity)
    }

    private static func resolve(_ expression: FilterExpression, _ entity: SearchEntity) throws -> ResolvedFilter {
        switch expression {
        case .and(let lhs, let rhs): return .and(try resolve(lhs, entity), try resolve(rhs, entity))
        case .or(let lhs, let rhs): return .or(try resolve(lhs, entity), try resolve(rhs, entity))
        case .comparison(let comparison): return try resolve(comparison, entity)
        }
    }

    private static func resolve(_ term: FilterComparison, _ entity: SearchEntity) throws -> ResolvedFilter {
        func fail(_ message: String) -> DomainError {
            DomainError(.invalid, code: "invalid_filter", "Invalid filter: \(message) at position \(term.position).",
                        fieldErrors: [FieldError(field: "filter", message: "\(message) at position \(term.position)")])
        }
        let attribute: SearchAttribute
        switch term.field.namespace {
        case nil:
            guard let plain = entity.plainAttributes[term.field.name] else {
                let known = entity.plainAttributes.keys.sorted().joined(separator: ", ")
                throw fail("unknown attribute '\(term.field.name)' for \(entity.rawValue) (known: \(known), or \(entity.namespaces.sorted().map { "\($0).<key>" }.joined(separator: ", ")))")
            }
            attribute = plain
        case let namespace? where entity.namespaces.contains(namespace):
            _ = try? Names.key(term.field.name, field: "filter")
            switch namespace {
            case "tag": attribute = .tag(term.field.name)
            case "metric": attribute = .metric(term.field.name)
            default: attribute = .param(term.field.name)
            }
        case let namespace?:
            throw fail("\(entity.rawValue) have no '\(namespace)' attributes")
        }
        let allowed: Set<FilterOperator> = switch attribute.valueType {
        case .text: Set(FilterOperator.allCases)
        case .number, .timestamp: [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in, .notIn]
        case .status: [.equal, .notEqual, .in, .notIn]
        }
        guard allowed.contains(term.op) else {
            throw fail("operator \(term.op.rawValue) cannot be used with '\(term.field)'")
        }
        let value: ResolvedValue
        if case .list(let items) = term.value {
            value = .list(try items.map { try convert($0, attribute, term.field, fail) })
        } else {
            value = try convert(term.value, attribute, term.field, fail)
        }
        return .term(attribute, term.op, value)
    }

    private static func convert(_ value: FilterValue, _ attribute: SearchAttribute, _ field: FilterField,
                                _ fail: (String) -> DomainError) throws -> ResolvedValue {
        switch (attribute.valueType, value) {
        case (.text, .string(let text)):
            return .text(text)
        case (.text, .number):
            throw fail("'\(field)' holds text; quote the value")
        case (.number, .number(let number)):
            if attribute == .version {
                guard number.rounded() == number, abs(number) < 9e15 else { throw fail("a version number must be a whole number") }
                return .integer(Int64(number))
            }
            return .number(number)
        case (.number, .string(let text)):
            guard let number = Double(text), number.isFinite else { throw fail("'\(field)' is numeric; '\(text)' is not a number") }
            return attribute == .version ? .integer(Int64(number)) : .number(number)
        case (.timestamp, .number(let number)):
            guard number.isFinite, abs(number) < 1e16 else { throw fail("timestamp out of range") }
            return .integer(Int64(number))
        case (.timestamp, .string(let text)):
            guard let date = Timestamp.parse(text) else {
                throw fail("'\(text)' is not a timestamp (use RFC 3339 such as 2026-01-31T12:00:00Z, a date 2026-01-31, or epoch milliseconds)")
            }
            return .integer(Timestamp.milliseconds(date))
        case (.status, .string(let text)):
            guard let status = VersionStatus(rawValue: text.lowercased()) else {
                throw fail("unknown status '\(text)' (expected one of \(VersionStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return .text(status.rawValue)
        case (.status, .number):
            throw fail("status values are strings; quote the value")
        case (_, .list):
            throw fail("lists cannot be nested")
        }
    }
}
