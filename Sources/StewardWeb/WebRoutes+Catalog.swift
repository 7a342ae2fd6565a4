import Foundation
import Hummingbird
import StewardCore

/// The catalog: full-text search with facets and quality signals over every model the user may
/// read (`Catalog.search`, which applies the access rules inside the query, counts included).
extension WebRoutes {
    func registerCatalog(on ui: RouterGroup<Context>) {
        page(ui, "catalog") { request, _, user in
            let query = FormData(request.uri.query ?? "")
            var view = try await catalogView(query, user: user)
            view.canCreate = (try? AccessPolicy.authorize(user.principal, .createModel)) != nil
            return try render(Layout(title: "Catalog", user: user, section: .catalog), view, "catalog")
        }
    }

    func catalogView(_ query: FormData, user: WebUser) async throws -> CatalogView {
        let text = query["q"] ?? ""
        let filter = query["filter"] ?? ""
        var selected: [CatalogFacet: [String]] = [:]
        for facet in CatalogFacet.allCases {
            let values = query.all(facet.rawValue)
            if !values.isEmpty { selected[facet] = values }
        }
        guard let order = CatalogOrder(rawValue: query["order"] ?? "relevance") else {
            throw DomainError.invalidField("order", "must be relevance, name or updated")
        }
        let page = try await services.catalog.search(
            CatalogQuery(text: text.isEmpty ? nil : text, filter: filter.isEmpty ? nil : filter, selected: selected, orderBy: order,
                         maxResults: 25, pageToken: query["page_token"]),
            by: user.principal)
        let rows = page.entries.map(CatalogRow.init)
        let facets = FacetGroup.fields.compactMap { field, label -> FacetGroup? in
            guard let facet = CatalogFacet(rawValue: field) else { return nil }
            let counts = (page.facets[facet.rawValue] ?? []).map { ($0.value, $0.count) }
            let group = FacetGroup.make(facet.rawValue, label, counts: counts, selected: selected[facet] ?? [])
            return group.values.isEmpty ? nil : group
        }
        var next: String?
        if let token = page.nextPageToken {
            var pairs = query.fields.filter { $0.key != "page_token" }.flatMap { key, values in values.map { (key, $0) } }
            pairs.append(("page_token", token))
            next = "/ui/catalog?" + URLText.query(pairs)
        }
        return CatalogView(q: text, filter: filter, entries: rows, facets: facets, total: String(page.total), nextLink: next, note: nil,
                           orderRelevance: order == .relevance, orderName: order == .name, orderUpdated: order == .updated)
    }
}

extension CatalogRow {
    init(_ entry: CatalogEntry) {
        let quality = entry.quality
        var signals: [Signal] = quality.metrics.sorted { $0.key < $1.key }.prefix(3).map {
            Signal(label: $0.key, value: Format.number($0.value) + (quality.version.map { " (v\($0))" } ?? ""))
        }
        signals.append(Signal(label: "monitoring", value: quality.health.rawValue + (quality.openAlerts > 0 ? ", \(quality.openAlerts) open alerts" : ""),
                              warn: quality.health == .alerting))
        if !quality.dataOrigin.isEmpty { signals.append(Signal(label: "data", value: quality.dataOrigin.joined(separator: ", "))) }
        signals.append(Signal(label: "consumers", value: String(quality.consumers)))
        self.init(name: entry.name, link: "/ui/models/" + URLText.segment(entry.name), description: String(entry.description.prefix(280)),
                  owner: entry.owner, task: entry.task, framework: entry.framework, lifecycle: quality.lifecycle.rawValue,
                  license: entry.license,
                  origin: entry.source.kind == .thirdParty ? "third-party" + (entry.source.provider.map { " (\($0))" } ?? "") : "internal",
                  completeness: "\(Int((entry.cardCompleteness * 100).rounded()))% complete", signals: signals,
                  updated: Format.time(quality.lastChange))
    }
}
