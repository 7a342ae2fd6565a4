import SQLKit
import StewardCore

extension SQLRegistryAccess {
    /// Runs a list query with keyset paging: adds the "after the last row" condition, the order
    /// (always ending in the row id, so the order is total) and a limit one past the page size to
    /// learn whether another page exists.
    func fetchPage<Item: Sendable>(
        _ base: SQLQueryString, query: ListQuery, entity: SearchEntity, idColumn: String,
        decode: (any SQLRow) throws -> (Item, id: String, keys: [PageToken.Value])
    ) async throws -> Page<Item> {
        var sql = base
        let columns = query.order.keys.map { FilterSQL.column($0.attribute, entity) ?? idColumn }
        if let after = query.after {
            sql += " AND (" + (try keysetCondition(query.order, columns, after, idColumn: idColumn)) + ")"
        }
        // The id tie-breaker runs in the direction of the last key, so an index on (key, id) can be
        // walked in one direction and the scan stops after a page (mixed directions force a sort of
        // every matching row).
        let idDescending = query.order.keys.last?.descending ?? false
        let orderTerms = zip(columns, query.order.keys).map { "\($0) \($1.descending ? "DESC" : "ASC")" }
            + ["\(idColumn) \(idDescending ? "DESC" : "ASC")"]
        sql += " ORDER BY \(unsafeRaw: orderTerms.joined(separator: ", ")) LIMIT \(literal: query.maxResults + 1)"
        let rows = try await db.raw(sql).all()
        var items: [Item] = []
        var last: (id: String, keys: [PageToken.Value])?
        for row in rows.prefix(query.maxResults) {
            let (item, id, keys) = try decode(row)
            items.append(item)
            last = (id, keys)
        }
        let next = rows.count > query.maxResults ? last.map {
            PageToken(keys: $0.keys, lastID: $0.id, fingerprint: query.fingerprint).encoded
        } : nil
        return Page(items: items, nextPageToken: next)
    }

    /// `(k1 > v1) OR (k1 = v1 AND k2 > v2) OR … OR (k1 = v1 AND … AND id > lastID)`, with `<` for
    /// descending keys (the id follows the last key's direction).
    private func keysetCondition(_ order: SortOrder, _ columns: [String], _ after: PageToken, idColumn: String) throws -> SQLQueryString {
        let values = try zip(order.keys, after.keys).map { key, value in try Self.bindable(value, for: key.attribute) }
        var disjuncts: [SQLQueryString] = []
        for index in 0...columns.count {
            var parts: [SQLQueryString] = []
            for prior in 0..<index { parts.append("\(unsafeRaw: columns[prior]) = " + values[prior]) }
            if index < columns.count {
                parts.append("\(unsafeRaw: columns[index]) \(unsafeRaw: order.keys[index].descending ? "<" : ">") " + values[index])
            } else {
                let idDescending = order.keys.last?.descending ?? false
                parts.append("\(unsafeRaw: idColumn) \(unsafeRaw: idDescending ? "<" : ">") \(bind: after.lastID)")
            }
            disjuncts.append("(" + parts.joined(separator: " AND ") + ")")
        }
        return disjuncts.joined(separator: " OR ")
    }

    /// A token value as a bind, checked against the attribute's type (a forged token is a 400, not a 500).
    private static func bindable(_ value: PageToken.Value, for attribute: SearchAttribute) throws -> SQLQueryString {
        switch (attribute.valueType, value) {
        case (.text, .text(let text)): return "\(bind: text)"
        case (.timestamp, .integer(let integer)), (.number, .integer(let integer)): return "\(bind: integer)"
        case (.number, .number(let number)): return "\(bind: number)"
        default:
            throw DomainError(.invalid, code: "invalid_page_token", "Invalid page_token: it is malformed or belongs to a different query.")
        }
    }

    /// The sort-key values of a model, in order.
    static func keyValues(_ order: SortOrder, model: RegisteredModel) throws -> [PageToken.Value] {
        order.keys.map { key in
            switch key.attribute {
            case .createdAt: .integer(Timestamp.milliseconds(model.createdAt))
            case .updatedAt: .integer(Timestamp.milliseconds(model.updatedAt))
            default: .text(model.name)
            }
        }
    }

    /// The sort-key values of a version, in order.
    static func keyValues(_ order: SortOrder, version: ModelVersion) throws -> [PageToken.Value] {
        order.keys.map { key in
            switch key.attribute {
            case .createdAt: .integer(Timestamp.milliseconds(version.createdAt))
            case .updatedAt: .integer(Timestamp.milliseconds(version.updatedAt))
            case .version: .integer(Int64(version.number))
            default: .text(version.modelName)
            }
        }
    }
}
