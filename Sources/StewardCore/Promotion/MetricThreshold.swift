import Foundation

/// An evaluation metric bound such as `accuracy >= 0.9`, checked against a version's metrics.
public struct MetricThreshold: Sendable, Equatable, Codable, CustomStringConvertible {
    public enum Comparison: String, Sendable, Equatable, Codable, CaseIterable {
        case greaterOrEqual = ">=", greater = ">", lessOrEqual = "<=", less = "<", equal = "=="
    }

    public var metric: String
    public var comparison: Comparison
    public var value: Double

    public init(metric: String, comparison: Comparison, value: Double) {
        self.metric = metric
        self.comparison = comparison
        self.value = value
    }

    /// Parses `name OP number` (OP one of `>=`, `>`, `<=`, `<`, `==`); spaces around OP are optional.
    public init(parsing text: String) throws {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        // Two-character operators first, so `>=` is not read as `>` followed by `=0.9`.
        for op in [Comparison.greaterOrEqual, .lessOrEqual, .equal, .greater, .less] {
            guard let range = trimmed.range(of: op.rawValue) else { continue }
            let name = trimmed[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            let number = trimmed[range.upperBound...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.count <= 250, !name.contains(where: { "<>=".contains($0) }),
                  let value = Double(number), value.isFinite else { break }
            self.init(metric: name, comparison: op, value: value)
            return
        }
        throw DomainError.invalidField("gates.metrics", "'\(text.prefix(80))' is not a threshold like 'accuracy >= 0.9'")
    }

    /// True when `actual` satisfies the bound.
    public func holds(_ actual: Double) -> Bool {
        switch comparison {
        case .greaterOrEqual: actual >= value
        case .greater: actual > value
        case .lessOrEqual: actual <= value
        case .less: actual < value
        case .equal: actual == value
        }
    }

    /// `accuracy >= 0.9`.
    public var description: String { "\(metric) \(comparison.rawValue) \(Self.format(value))" }

    /// Numbers without a trailing `.0` when they are whole.
    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        try self.init(parsing: try decoder.singleValueContainer().decode(String.self))
    }
}
