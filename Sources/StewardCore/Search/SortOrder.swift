/// One key of an ordering, such as `created_at DESC`.
public struct SortKey: Sendable, Equatable {
    public var attribute: SearchAttribute
    public var descending: Bool

    public init(_ attribute: SearchAttribute, descending: Bool = false) {
        self.attribute = attribute
        self.descending = descending
    }
}

/// How results are ordered. Stores always add the internal id as the final tie-breaker, so the order
/// is total and keyset paging never skips or repeats a row.
public struct SortOrder: Sendable, Equatable {
    public var keys: [SortKey]

    public init(_ keys: [SortKey]) { self.keys = keys }

    /// Parses `order_by` text such as `created_at DESC, name` (comma-separated; each key optionally
    /// followed by ASC or DESC). Several `order_by` values (MLflow style) may be passed as a list.
    public static func parse(_ clauses: [String], for entity: SearchEntity, default fallback: SortOrder) throws -> SortOrder {
        let parts = clauses.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
        if parts.isEmpty { return fallback }
        var keys: [SortKey] = []
        for part in parts {
            let words = part.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            func fail(_ message: String) -> DomainError {
                DomainError(.invalid, code: "invalid_order_by", "Invalid order_by '\(part)': \(message).",
                            fieldErrors: [FieldError(field: "order_by", message: message)])
            }
            guard words.count == 1 || words.count == 2 else { throw fail("expected '<attribute> [ASC|DESC]'") }
            var name = words[0].lowercased()
            if name.hasPrefix("attributes.") { name.removeFirst("attributes.".count) }
            if name.hasPrefix("attribute.") { name.removeFirst("attribute.".count) }
            guard let attribute = entity.orderableAttributes[name] else {
                throw fail("cannot order \(entity.rawValue) by '\(words[0])' (allowed: \(entity.orderableAttributes.keys.sorted().joined(separator: ", ")))")
            }
            var descending = false
            if words.count == 2 {
                switch words[1].uppercased() {
                case "ASC": descending = false
                case "DESC": descending = true
                default: throw fail("direction must be ASC or DESC")
                }
            }
            if keys.contains(where: { $0.attribute == attribute }) { throw fail("'\(words[0])' appears twice") }
            keys.append(SortKey(attribute, descending: descending))
        }
        return SortOrder(keys)
    }
}

import Foundation
