import Foundation
import SQLKit
import StewardCore

/// Catalog search: one query counts every facet combination of the matching models, one reads the
/// page. Text, filter and visibility are conditions of both, so restricted models never appear in
/// entries, counts or totals. User text reaches the full-text engines only as quoted words (FTS5) or
/// as `plainto_tsquery`'s argument (PostgreSQL): never as query syntax.
extension SQLRegistryAccess {
    /// Monitoring health of `m`: open alerts, or rules watching it, or neither.
    static let healthExpression = """
        CASE WHEN m.id IN (SELECT a.model_id FROM alerts a WHERE a.state = 'open') THEN 'alerting' \
        WHEN m.id IN (SELECT r.model_id FROM alert_rules r) THEN 'healthy' ELSE 'unmonitored' END
        """

    /// Each word a quoted FTS5 string: the engine sees literals only (words hold letters and digits).
    static func ftsMatch(_ terms: [String]) -> String {
        terms.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: " ")
    }

    static func facetColumn(_ facet: CatalogFacet) -> String {
        switch facet {
        case .task: "m.task"
        case .framework: "m.framework"
        case .owner: "m.owner"
        case .lifecycle: "m.lifecycle"
        case .license: "m.license"
        case .source: "m.source_kind"
        case .health: healthExpression
        }
    }

    /// `FROM … WHERE …` of the models matching text, filter and visibility.
    func catalogBase(_ search: CatalogSearch) -> SQLQueryString {
        var sql: SQLQueryString
        if search.terms.isEmpty {
            sql = "FROM models m WHERE 1 = 1"
        } else if dialect == .sqlite {
            sql = """
                FROM catalog_fts JOIN catalog_documents d ON d.doc = catalog_fts.rowid JOIN models m ON m.id = d.model_id
                WHERE catalog_fts MATCH \(bind: Self.ftsMatch(search.terms))
                """
        } else {
            sql = """
                FROM catalog_documents d JOIN models m ON m.id = d.model_id
                WHERE d.tsv @@ plainto_tsquery('english', \(bind: search.terms.joined(separator: " ")))
                """
        }
        sql += " AND " + Self.visibleModels(search.visibility)
        if let filter = search.filter { sql += " AND (" + FilterSQL(entity: .models).compile(filter) + ")" }
        return sql
    }

    func catalogFacetCombos(_ search: CatalogSearch) async throws -> [FacetCombo] {
        // Without a filter, from memory when the index is current: every visible model counts, or
        // those whose documents match the text (SQLite lists them in one row; one row per match
        // cost more than the counting).
        if search.filter == nil, let facets {
            if let snapshot = facets.index.current() {
                if search.terms.isEmpty { return snapshot.combos(visibleTo: search.visibility) }
                let documents = try await db.raw("SELECT group_concat(rowid) AS docs FROM catalog_fts WHERE catalog_fts MATCH \(bind: Self.ftsMatch(search.terms))")
                    .all().first?.optionalString("docs") ?? ""
                return snapshot.combos(visibleTo: search.visibility, among: snapshot.positions(documents: documents))
            }
            facets.index.rebuildInBackground(facets.backend)
        }
        let columns = CatalogFacet.allCases.map { "\(Self.facetColumn($0)) AS f_\($0.rawValue)" }.joined(separator: ", ")
        let ordinals = (1...CatalogFacet.allCases.count).map(String.init).joined(separator: ", ")
        let sql: SQLQueryString = "SELECT \(unsafeRaw: columns), COUNT(*) AS n " + catalogBase(search) + " GROUP BY \(unsafeRaw: ordinals)"
        return try await db.raw(sql).all().map { row in
            var values: [CatalogFacet: String] = [:]
            for facet in CatalogFacet.allCases { values[facet] = try row.optionalString("f_\(facet.rawValue)") }
            return FacetCombo(values: values, count: try row.int("n"))
        }
    }

    func catalogEntries(_ search: CatalogSearch) async throws -> [CatalogEntry] {
        // Name hits weigh most, then tags/task/framework/owner/provider, then description, then the card.
        let score: SQLQueryString = search.terms.isEmpty ? "0.0"
            : dialect == .sqlite ? "-bm25(catalog_fts, 10.0, 4.0, 2.0, 1.0)"
            : "ts_rank(d.tsv, plainto_tsquery('english', \(bind: search.terms.joined(separator: " "))))"
        // Two steps (a deferred join): rank and cut the page over narrow rows, then read the page's
        // models. Sorting carries every selected column, so selecting all of them (and the health
        // expression) for tens of thousands of matches cost more than the ranking itself.
        var sql: SQLQueryString = "SELECT m.id, " + score + " AS score "
        sql += catalogBase(search)
        for facet in CatalogFacet.allCases {
            guard let values = search.selected[facet], !values.isEmpty else { continue }
            sql += " AND \(unsafeRaw: Self.facetColumn(facet)) IN (\(binds: values))"
        }
        let order = switch search.order {
        case .relevance: search.terms.isEmpty ? "m.name ASC, m.id ASC" : "score DESC, m.name ASC, m.id ASC"
        case .name: "m.name ASC, m.id ASC"
        case .updated: "m.updated_at DESC, m.id DESC"
        }
        sql += " ORDER BY \(unsafeRaw: order) LIMIT \(literal: search.limit) OFFSET \(literal: search.offset)"
        var ranked: [(id: String, score: Double)] = []
        for row in try await db.raw(sql).all() { ranked.append((try row.string("id"), try row.decode(column: "score", as: Double.self))) }
        guard !ranked.isEmpty else { return [] }
        var byID: [String: any SQLRow] = [:]
        for row in try await db.raw("""
            SELECT m.id, m.name, m.description, m.owner, m.task, m.framework, m.tags, m.license, m.source_kind, m.provider,
                   m.source_url, m.source_revision, m.source_license, m.terms, m.template, m.card_completeness, m.lifecycle,
                   m.updated_at, \(unsafeRaw: Self.healthExpression) AS health
            FROM models m WHERE m.id IN (\(binds: ranked.map(\.id)))
            """).all() {
            byID[try row.string("id")] = row
        }
        let rows = ranked.compactMap { ranked in byID[ranked.id].map { (row: $0, score: ranked.score) } }
        var entries: [(id: String, entry: CatalogEntry)] = []
        for (row, score) in rows {
            let lastChange = try row.date("updated_at")
            let quality = QualitySignals(health: MonitoringHealth(rawValue: try row.string("health")) ?? .unmonitored, lastChange: lastChange,
                                         lifecycle: CatalogLifecycle(rawValue: try row.string("lifecycle")) ?? .draft)
            let entry = CatalogEntry(name: try row.string("name"), description: try row.string("description"),
                                     owner: try row.optionalString("owner"), task: try row.optionalString("task"),
                                     framework: try row.optionalString("framework"), tags: try row.json("tags", as: [String: String].self),
                                     license: try row.optionalString("license"), source: try Self.decodeSource(row),
                                     template: try row.optionalString("template"),
                                     cardCompleteness: try row.decode(column: "card_completeness", as: Double.self), quality: quality,
                                     score: score)
            entries.append((try row.string("id"), entry))
        }
        return try await withQualitySignals(entries)
    }
}
