import Foundation

/// Catalog queries of the registry store (issue 8): full-text search with facets, templates, the
/// catalog facts of a model (source, template) and version cards. `RegistryReader` includes them,
/// so catalog rules run in the same transaction as the registry change they guard.
public protocol CatalogReader: Sendable {
    /// The facet combinations of every model matching `search`'s text, filter and visibility (not its
    /// facet selections), with their counts: one scan answers every facet and the total.
    func catalogFacetCombos(_ search: CatalogSearch) async throws -> [FacetCombo]
    /// One page of entries matching `search` including its selections, in its order, with quality signals.
    func catalogEntries(_ search: CatalogSearch) async throws -> [CatalogEntry]
    /// A model's source and template name.
    func catalogInfo(modelID: String) async throws -> ModelCatalogInfo
    func template(named name: String) async throws -> ModelTemplate?
    func templates() async throws -> [ModelTemplate]
    /// Number of models created from the template.
    func templateUseCount(name: String) async throws -> Int
    /// The card a version was registered with (nil for versions older than cards).
    func versionCard(versionID: String) async throws -> JSONValue?
}

/// Catalog changes available inside `write`.
public protocol CatalogWriter: CatalogReader {
    func insertTemplate(_ template: ModelTemplate) async throws
    func deleteTemplate(id: String) async throws
    /// Replaces the template with `template.id` (every field but id, name, created by and at).
    func updateTemplate(_ template: ModelTemplate) async throws
    func setCatalogInfo(modelID: String, _ info: ModelCatalogInfo) async throws
    func putVersionCard(versionID: String, modelID: String, card: JSONValue, by actor: String, at date: Date) async throws
}

/// The catalog facts kept on a model beside its registry fields.
public struct ModelCatalogInfo: Sendable, Equatable {
    public var source: ModelSource
    /// Name of the template the model was created from.
    public var template: String?

    public init(source: ModelSource = .internal, template: String? = nil) {
        self.source = source
        self.template = template
    }
}

/// A validated catalog search as the store runs it.
public struct CatalogSearch: Sendable, Equatable {
    /// Words to match (all of them); empty matches every model.
    public var terms: [String]
    public var filter: ResolvedFilter?
    public var selected: [CatalogFacet: [String]]
    public var order: CatalogOrder
    public var limit: Int
    public var offset: Int
    public var visibility: VisibilityScope

    public init(terms: [String], filter: ResolvedFilter?, selected: [CatalogFacet: [String]], order: CatalogOrder,
                limit: Int, offset: Int, visibility: VisibilityScope) {
        self.terms = terms
        self.filter = filter
        self.selected = selected
        self.order = order
        self.limit = limit
        self.offset = offset
        self.visibility = visibility
    }
}

/// The facet values shared by `count` matching models (nil: the model has no value for that facet).
public struct FacetCombo: Sendable, Equatable {
    public var values: [CatalogFacet: String]
    public var count: Int

    public init(values: [CatalogFacet: String], count: Int) {
        self.values = values
        self.count = count
    }
}
