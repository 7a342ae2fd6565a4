import Foundation

/// The catalog use cases (issue 8): search with facets, model cards, templates and third-party
/// sources. Every door (REST, CLI, web UI) calls these; the rules that guard registrations
/// (`admit`) are called by `Registry` inside the registration's own transaction.
public struct Catalog: Sendable {
    public let store: any RegistryStore
    let clock: @Sendable () -> Date

    public init(store: any RegistryStore, clock: @escaping @Sendable () -> Date = { Timestamp.now() }) {
        self.store = store
        self.clock = clock
    }

    /// Searches models the principal may see: access rules are part of the query, so entries,
    /// facet counts, the total and paging only ever include visible models.
    public func search(_ query: CatalogQuery, by principal: Principal) async throws -> CatalogPage {
        guard (1...CatalogQuery.maxMaxResults).contains(query.maxResults) else {
            throw DomainError.invalidField("max_results", "must be between 1 and \(CatalogQuery.maxMaxResults)")
        }
        var validator = Validator()
        validator.check((query.text ?? "").count <= 1000, "q", "must be at most 1000 characters")
        for (facet, values) in query.selected {
            validator.check(values.count <= 50, "facet", "at most 50 values per facet")
            for value in values { validator.check(value.count <= 256 && !value.containsControlCharacter, "facet", "\(facet.rawValue) value is too long or has control characters") }
        }
        try validator.finish()
        let filter = try ResolvedFilter.parse(query.filter, for: .models)
        let fingerprint = CatalogPageToken.fingerprint(query)
        let offset = try CatalogPageToken.decode(query.pageToken, fingerprint: fingerprint)
        let search = CatalogSearch(terms: CatalogText.terms(query.text), filter: filter, selected: query.selected.filter { !$0.value.isEmpty },
                                   order: query.orderBy, limit: query.maxResults, offset: offset, visibility: VisibilityScope(principal))
        return try await store.read { reader in
            let combos = try await reader.catalogFacetCombos(search)
            let (facets, total) = FacetTally.tally(combos, selected: search.selected)
            let entries = offset < total ? try await reader.catalogEntries(search) : []
            let next = offset + entries.count < total && offset + entries.count <= CatalogPageToken.maxOffset
                ? CatalogPageToken.encode(offset: offset + entries.count, fingerprint: fingerprint) : nil
            return CatalogPage(entries: entries, facets: facets, total: total, nextPageToken: next)
        }
    }

    /// The catalog facts of a model (source, template).
    public func info(modelName: String, by principal: Principal) async throws -> ModelCatalogInfo {
        try await store.read { tx in try await tx.catalogInfo(modelID: try await Registry.requireModel(tx, modelName, principal, .readModel).id) }
    }

    /// Marks a model internal or third-party (with provider, URL, revision, license and terms).
    public func setSource(modelName: String, _ source: ModelSource, by principal: Principal) async throws -> ModelCatalogInfo {
        try source.validate()
        let now = clock()
        return try await store.write { tx in
            let model = try await Registry.requireModel(tx, modelName, principal, .updateModel)
            var info = try await tx.catalogInfo(modelID: model.id)
            let before = info.source.auditSummary
            info.source = source
            try await tx.setCatalogInfo(modelID: model.id, info)
            try await tx.auditChange("model.source", .model(model.name), from: before, to: source.auditSummary, by: principal, at: now)
            return info
        }
    }

    /// Attaches a template to a model (or detaches it with nil). Maintainers only: later versions must satisfy it.
    public func setTemplate(modelName: String, template: String?, by principal: Principal) async throws -> ModelCatalogInfo {
        let now = clock()
        return try await store.write { tx in
            let model = try await Registry.requireModel(tx, modelName, principal, .manageGrants)
            if let template, try await tx.template(named: template) == nil { throw Self.templateNotFound(template) }
            var info = try await tx.catalogInfo(modelID: model.id)
            let before = info.template
            info.template = template
            try await tx.setCatalogInfo(modelID: model.id, info)
            try await tx.audit("model.template", .model(model.name), before: ["template": before.map(JSONValue.string) ?? .null],
                               after: ["template": template.map(JSONValue.string) ?? .null], by: principal, at: now)
            return info
        }
    }

    /// Records the source and template a model is created with, in its creation's transaction.
    static func attach(_ tx: any RegistryWriter, _ model: RegisteredModel, template: String?, source: ModelSource,
                       by principal: Principal, at date: Date) async throws {
        guard template != nil || source != .internal else { return }
        if let template, try await tx.template(named: template) == nil { throw templateNotFound(template) }
        try await tx.setCatalogInfo(modelID: model.id, ModelCatalogInfo(source: source, template: template))
        try await tx.audit("model.catalog", .model(model.name), after: ["template": template.map(JSONValue.string) ?? .null,
                                                                         "source": source.auditSummary], by: principal, at: date)
    }

    static func templateNotFound(_ name: String) -> DomainError {
        DomainError(.notFound, code: "template_not_found", "Template '\(name)' does not exist.")
    }
}

extension ModelSource {
    /// What the audit trail records about a source.
    public var auditSummary: JSONValue {
        .object(["kind": .string(kind.rawValue), "provider": provider.map(JSONValue.string) ?? .null,
                 "url": url.map(JSONValue.string) ?? .null, "revision": revision.map(JSONValue.string) ?? .null,
                 "license": license.map(JSONValue.string) ?? .null, "terms": terms.map(JSONValue.string) ?? .null])
    }
}
