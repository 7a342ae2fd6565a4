import Foundation
import StewardAPI

/// Tables for catalog results: one row per entry, then each facet's values with their counts.
enum CatalogPrinting {
    static let facetOrder = ["task", "framework", "owner", "lifecycle", "license", "source", "health"]

    static func page(_ page: Components.Schemas.CatalogPage) -> String {
        var table = TableFormatter(headers: ["NAME", "TASK", "FRAMEWORK", "OWNER", "SOURCE", "LICENSE", "LIFECYCLE", "HEALTH", "ALERTS",
                                             "CARD", "METRICS"])
        for entry in page.entries {
            let source = entry.source.kind == .thirdParty ? "third-party" + (entry.source.provider.map { " (\($0))" } ?? "") : "internal"
            table.append([entry.name, Cells.text(entry.task), Cells.text(entry.framework), Cells.text(entry.owner), source,
                          Cells.text(entry.license), entry.lifecycle.rawValue, entry.quality.health.rawValue,
                          String(entry.quality.openAlerts), "\(Int((entry.cardCompleteness * 100).rounded()))%",
                          Cells.metrics(entry.quality.metrics.additionalProperties)])
        }
        var lines = [page.entries.isEmpty ? "No models match." : table.render(), "",
                     "\(page.total) model\(page.total == 1 ? "" : "s") match."]
        var facets = TableFormatter(headers: ["FACET", "VALUES"])
        let all = page.facets.additionalProperties
        for name in facetOrder + all.keys.sorted().filter({ !facetOrder.contains($0) }) {
            guard let counts = all[name], !counts.isEmpty else { continue }
            facets.append([name, counts.map { "\($0.value) (\($0.count))" }.joined(separator: ", ")])
        }
        if !facets.rows.isEmpty { lines += ["", facets.render()] }
        if let next = page.nextPageToken { lines += ["", "More results: --page-token \(next)"] }
        return lines.joined(separator: "\n")
    }

    static func template(_ template: Components.Schemas.Template) -> String {
        TableFormatter(rows: [
            ["Name:", template.name], ["Description:", template.description],
            ["Required card fields:", Cells.list(template.requiredCardFields)],
            ["Recommended card fields:", Cells.list(template.recommendedCardFields)],
            ["Required metrics:", Cells.list(template.requiredMetrics)],
            ["Params schema:", Cells.json(template.paramsSchema)], ["Input schema:", Cells.json(template.inputSchema)],
            ["Created:", "\(Cells.date(template.createdAt)) by \(template.createdBy)"],
        ], spacing: 1).render()
    }

    static func templates(_ templates: [Components.Schemas.Template]) -> String {
        var table = TableFormatter(headers: ["NAME", "REQUIRED CARD FIELDS", "REQUIRED METRICS", "PARAMS SCHEMA", "INPUT SCHEMA", "DESCRIPTION"])
        for template in templates {
            table.append([template.name, Cells.list(template.requiredCardFields), Cells.list(template.requiredMetrics),
                          template.paramsSchema == nil ? "-" : "yes", template.inputSchema == nil ? "-" : "yes",
                          Cells.summary(template.description)])
        }
        return templates.isEmpty ? "No templates." : table.render()
    }
}
