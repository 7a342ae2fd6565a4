/// Renders a parsed filter back to text that `FilterParser` reads as the same expression. Doors
/// that translate another product's filter dialect (MLflow's field names) rewrite the tree, then
/// render it for the shared parser and validation.
extension FilterExpression {
    public var text: String {
        switch self {
        case .comparison(let comparison): comparison.text
        case .and(let lhs, let rhs): "(\(lhs.text) AND \(rhs.text))"
        case .or(let lhs, let rhs): "(\(lhs.text) OR \(rhs.text))"
        }
    }
}

extension FilterComparison {
    public var text: String {
        let quotedName = { (name: String) in "`" + name.replacingOccurrences(of: "`", with: "``") + "`" }
        let name = field.namespace.map { "\($0).\(quotedName(field.name))" } ?? quotedName(field.name)
        return "\(name) \(op.rawValue) \(value.text)"
    }
}

extension FilterValue {
    public var text: String {
        switch self {
        case .string(let string):
            // The lexer reads `\\` as one backslash and `''` as one quote.
            "'" + string.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "''") + "'"
        case .number(let number): "\(number)"
        case .list(let items): "(" + items.map(\.text).joined(separator: ", ") + ")"
        }
    }
}
