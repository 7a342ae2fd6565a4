import Foundation

extension TrackingFilter {
    /// Parses filter text with the shared grammar and checks it against `entity`. Empty text means no
    /// filter. `checkTypes: false` skips value checks (used to parse `order_by` fields).
    public static func parse(_ text: String?, for entity: TrackingEntity, checkTypes: Bool = true) throws -> TrackingFilter? {
        guard let text, !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return nil }
        let expression: FilterExpression?
        do {
            expression = try FilterParser.parse(text)
        } catch {
            throw DomainError(.invalid, code: "invalid_filter", "Invalid filter: \(error.message) at position \(error.position).",
                              fieldErrors: [FieldError(field: "filter", message: error.description)])
        }
        return try expression.map { try resolve($0, entity, checkTypes) }
    }

    private static func resolve(_ expression: FilterExpression, _ entity: TrackingEntity, _ checkTypes: Bool) throws -> TrackingFilter {
        switch expression {
        case .and(let lhs, let rhs): return .and(try resolve(lhs, entity, checkTypes), try resolve(rhs, entity, checkTypes))
        case .or(let lhs, let rhs): return .or(try resolve(lhs, entity, checkTypes), try resolve(rhs, entity, checkTypes))
        case .comparison(let comparison): return .term(try resolve(comparison, entity, checkTypes))
        }
    }

    private static func resolve(_ term: FilterComparison, _ entity: TrackingEntity, _ checkTypes: Bool) throws -> TrackingTerm {
        func fail(_ message: String) -> DomainError {
            DomainError(.invalid, code: "invalid_filter", "Invalid filter: \(message) at position \(term.position).",
                        fieldErrors: [FieldError(field: "filter", message: "\(message) at position \(term.position)")])
        }
        let field: TrackingTerm.Field
        let numeric: Bool
        switch term.field.namespace {
        case nil:
            guard let attribute = entity.attributes[term.field.name] else {
                throw fail("unknown attribute '\(term.field.name)' for \(entity.rawValue) (known: \(entity.attributes.keys.sorted().joined(separator: ", ")))")
            }
            field = .attribute(attribute.canonical)
            numeric = attribute.numeric
        case let namespace? where entity.namespaces.contains(namespace):
            switch namespace {
            case "metric": field = .metric(term.field.name); numeric = true
            case "param": field = .param(term.field.name); numeric = false
            default: field = .tag(term.field.name); numeric = false
            }
        case let namespace?:
            throw fail("\(entity.rawValue) have no '\(namespace)' fields")
        }
        guard checkTypes else { return TrackingTerm(field: field, op: term.op, value: .text("")) }
        let allowed: Set<FilterOperator> = numeric
            ? [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual]
            : (field.isKeyed ? [.equal, .notEqual, .like, .ilike] : [.equal, .notEqual, .like, .ilike, .in, .notIn])
        guard allowed.contains(term.op) else { throw fail("operator \(term.op.rawValue) cannot be used with '\(term.field)'") }
        func convert(_ value: FilterValue) throws -> ResolvedValue {
            switch (numeric, value) {
            case (true, .number(let number)):
                return .number(number)
            case (true, .string(let text)):
                guard let number = Double(text), number.isFinite else { throw fail("'\(term.field)' is numeric; '\(text)' is not a number") }
                return .number(number)
            case (false, .string(let text)):
                return .text(text)
            case (false, .number):
                throw fail("'\(term.field)' holds text; quote the value")
            case (_, .list):
                throw fail("lists cannot be nested")
            }
        }
        if case .list(let items) = term.value { return TrackingTerm(field: field, op: term.op, value: .list(try items.map(convert))) }
        return TrackingTerm(field: field, op: term.op, value: try convert(term.value))
    }
}

extension TrackingTerm.Field {
    /// True for metrics, params and tags (compared per key).
    public var isKeyed: Bool {
        if case .attribute = self { false } else { true }
    }
}
