import SQLKit
import StewardCore

/// Compiles a validated filter to a SQL condition with bound parameters. Only column names chosen
/// here are spliced into the text; every user value is a bind.
struct FilterSQL {
    let entity: SearchEntity

    func compile(_ filter: ResolvedFilter) -> SQLQueryString {
        switch filter {
        case .and(let lhs, let rhs): return "(" + compile(lhs) + " AND " + compile(rhs) + ")"
        case .or(let lhs, let rhs): return "(" + compile(lhs) + " OR " + compile(rhs) + ")"
        case .term(let attribute, let op, let value): return term(attribute, op, value)
        }
    }

    /// The column holding a plain attribute (`m` is models, `v` versions).
    static func column(_ attribute: SearchAttribute, _ entity: SearchEntity) -> String? {
        let owner = entity == .models ? "m" : "v"
        switch attribute {
        case .name: return "m.name"
        case .description: return "\(owner).description"
        case .createdBy: return "\(owner).created_by"
        case .createdAt: return "\(owner).created_at"
        case .updatedAt: return "\(owner).updated_at"
        case .owner: return "m.owner"
        case .task: return "m.task"
        case .framework: return "m.framework"
        case .source: return "v.source"
        case .status: return "v.status"
        case .version: return "v.number"
        case .tag, .metric, .param: return nil
        }
    }

    private func term(_ attribute: SearchAttribute, _ op: FilterOperator, _ value: ResolvedValue) -> SQLQueryString {
        if let column = Self.column(attribute, entity) { return Self.predicate(column, op, value) }
        // Keyed attributes: an IN-subquery lets both databases use the (key, value, owner) index.
        let (table, ownerColumn, idColumn, key): (String, String, String, String) = switch (attribute, entity) {
        case (.tag(let key), .models): ("model_tags", "model_id", "m.id", key)
        case (.tag(let key), .versions): ("version_tags", "version_id", "v.id", key)
        case (.metric(let key), _): ("version_metrics", "version_id", "v.id", key)
        case (.param(let key), _): ("version_params", "version_id", "v.id", key)
        default: ("", "", "", "")
        }
        return "\(unsafeRaw: idColumn) IN (SELECT \(ident: ownerColumn) FROM \(ident: table) WHERE key = \(bind: key) AND "
            + Self.predicate("value", op, value) + ")"
    }

    static func predicate(_ column: String, _ op: FilterOperator, _ value: ResolvedValue) -> SQLQueryString {
        switch op {
        case .like: return "\(unsafeRaw: column) LIKE " + bind(value) + " ESCAPE '\\'"
        case .ilike: return "LOWER(\(unsafeRaw: column)) LIKE LOWER(" + bind(value) + ") ESCAPE '\\'"
        case .in, .notIn:
            let items: [ResolvedValue] = if case .list(let items) = value { items } else { [value] }
            let list = items.map(bind).joined(separator: ", ")
            return "\(unsafeRaw: column) \(unsafeRaw: op == .in ? "IN" : "NOT IN") (" + list + ")"
        default:
            let sqlOperator = op == .notEqual ? "<>" : op.rawValue
            return "\(unsafeRaw: column) \(unsafeRaw: sqlOperator) " + bind(value)
        }
    }

    static func bind(_ value: ResolvedValue) -> SQLQueryString {
        switch value {
        case .text(let text): return "\(bind: text)"
        case .number(let number): return "\(bind: number)"
        case .integer(let integer): return "\(bind: integer)"
        case .list(let items): return items.map(bind).joined(separator: ", ")
        }
    }
}
