/// The parsed form of a search filter such as
/// `name LIKE 'fraud-%' AND (tag.env = 'prod' OR metric.auc >= 0.9)`.
///
/// One grammar serves every door (REST API, MLflow API, CLI, UI). `FilterParser` turns text into this
/// tree; each store compiles the tree to SQL for the entity being searched and rejects fields that
/// entity does not have (`FilterField` is only syntax, not a promise that a field exists).
public indirect enum FilterExpression: Sendable, Equatable {
    /// A single comparison, for example `metric.auc >= 0.9`.
    case comparison(FilterComparison)
    /// Both sides must hold.
    case and(FilterExpression, FilterExpression)
    /// Either side must hold.
    case or(FilterExpression, FilterExpression)
}

/// One `field operator value` term of a filter.
public struct FilterComparison: Sendable, Equatable {
    public var field: FilterField
    public var op: FilterOperator
    public var value: FilterValue
    /// Offset (in characters, from 0) of the field in the filter text, for error messages.
    public var position: Int

    public init(field: FilterField, op: FilterOperator, value: FilterValue, position: Int) {
        self.field = field
        self.op = op
        self.value = value
        self.position = position
    }
}

/// The left-hand side of a comparison: a plain attribute (`name`, `status`, `created_at`, `version`)
/// or a keyed attribute (`tag.<key>`, `metric.<key>`, `param.<key>`).
public struct FilterField: Sendable, Equatable, CustomStringConvertible {
    /// Lower-cased namespace: `nil` for plain attributes, else `tag`, `metric` or `param`
    /// (the plural spellings `tags`, `metrics`, `params` are normalised to the singular).
    public var namespace: String?
    /// The attribute name (lower-cased for plain attributes) or the key (case preserved).
    public var name: String

    public init(namespace: String? = nil, name: String) {
        self.namespace = namespace
        self.name = name
    }

    public var description: String { namespace.map { "\($0).\(name)" } ?? name }
}

/// Comparison operators of the filter grammar.
public enum FilterOperator: String, Sendable, Equatable, CaseIterable {
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    /// Case-sensitive pattern match, `%` and `_` wildcards.
    case like = "LIKE"
    /// Case-insensitive pattern match.
    case ilike = "ILIKE"
    /// Membership in a parenthesised list.
    case `in` = "IN"
    case notIn = "NOT IN"
}

/// The right-hand side of a comparison.
public enum FilterValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    /// Only with `IN` / `NOT IN`; never empty.
    case list([FilterValue])
}

/// A filter that could not be parsed. `position` is the character offset where the problem starts.
public struct FilterSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var position: Int

    public init(message: String, position: Int) {
        self.message = message
        self.position = position
    }

    public var description: String { "\(message) at position \(position)" }
}
