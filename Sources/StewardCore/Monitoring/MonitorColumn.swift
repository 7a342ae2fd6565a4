import Foundation

/// One input column of a monitored version, read from its `inputSchema` (see `InputSchema`).
public struct MonitorColumn: Sendable, Equatable {
    /// How the column's values are summarised.
    public enum Kind: String, Sendable, Codable {
        /// Quantiles, moments, distinct counts.
        case numeric
        /// Frequencies of categories.
        case categorical
        /// Checked, never profiled (datetimes, binary payloads).
        case unprofiled
    }

    /// The declared type (MLflow's column types, plus `any` for schema-less monitoring).
    public enum ValueType: String, Sendable, Codable {
        case double, float, integer, long, boolean, string, datetime, binary, any
    }

    public var name: String
    public var type: ValueType
    public var kind: Kind
    /// MLflow's `required` (default true): a missing or null value rejects the row.
    public var required: Bool
    /// Allowed values (canonical text, see `FeatureValue.text`); nil = any.
    public var categories: Set<String>?
    public var minimum: Double?
    public var maximum: Double?
    /// Whether NaN and ±infinity (sent as "NaN", "Infinity", "-Infinity") are accepted.
    public var allowNonFinite: Bool

    public init(name: String, type: ValueType, kind: Kind? = nil, required: Bool = true, categories: Set<String>? = nil,
                minimum: Double? = nil, maximum: Double? = nil, allowNonFinite: Bool = false) {
        self.name = name
        self.type = type
        self.kind = kind ?? Self.defaultKind(type, hasCategories: categories != nil)
        self.required = required
        self.categories = categories
        self.minimum = minimum
        self.maximum = maximum
        self.allowNonFinite = allowNonFinite
    }

    /// Numbers are numeric unless categories are declared; booleans and strings are categorical.
    static func defaultKind(_ type: ValueType, hasCategories: Bool) -> Kind {
        switch type {
        case .double, .float, .integer, .long: hasCategories ? .categorical : .numeric
        case .boolean, .string, .any: .categorical
        case .datetime, .binary: .unprofiled
        }
    }

    public var isNumericType: Bool { [.double, .float, .integer, .long].contains(type) }
}

/// The columns of a monitor: the declared ones in schema order, or (without a schema) the ones
/// seen so far, in order of first appearance.
public struct MonitorColumns: Sendable, Equatable {
    public private(set) var columns: [MonitorColumn]
    /// Whether unknown features are added as new columns (no schema) or ignored (schema declared;
    /// MLflow likewise ignores extra columns).
    public let open: Bool
    private var index: [String: Int]

    public init(_ columns: [MonitorColumn], open: Bool) {
        self.columns = columns
        self.open = open
        self.index = Dictionary(columns.enumerated().map { ($0.element.name, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    public var count: Int { columns.count }
    public subscript(_ position: Int) -> MonitorColumn { columns[position] }

    /// The index of a feature; in an open set, a new feature becomes a new column (numeric when
    /// its first value is a number, categorical otherwise). Nil when the feature is not monitored.
    public mutating func position(of name: String, firstValue: FeatureValue) -> Int? {
        if let known = index[name] { return known }
        guard open, columns.count < 1000 else { return nil }
        let numeric = firstValue.number != nil
        columns.append(MonitorColumn(name: name, type: numeric ? .double : .any, required: false))
        index[name] = columns.count - 1
        return columns.count - 1
    }

    /// The index of a known feature.
    public func position(of name: String) -> Int? { index[name] }
}
