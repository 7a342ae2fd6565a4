import Foundation

/// The facets of the catalog: each is a column of a catalog entry that search results are counted by.
public enum CatalogFacet: String, Sendable, CaseIterable, Hashable, Codable {
    case task, framework
    /// The owning team.
    case owner
    /// `CatalogLifecycle` of the model.
    case lifecycle
    case license
    /// `internal` or `third_party`.
    case source
    /// `MonitoringHealth` of the model.
    case health
}

/// How catalog results are ordered.
public enum CatalogOrder: String, Sendable, CaseIterable, Codable {
    /// Best text match first (by name when there is no text); ties by name.
    case relevance
    case name
    /// Most recently changed first.
    case updated
}

/// A catalog search: free text (names, descriptions, tags, model cards) combined with the registry
/// filter grammar over models and facet selections (within a facet values are alternatives, across
/// facets all must hold).
public struct CatalogQuery: Sendable, Equatable {
    public static let defaultMaxResults = 20
    public static let maxMaxResults = 200

    public var text: String?
    /// The filter grammar of model search (`name LIKE 'churn%' AND tags.team = 'risk'`).
    public var filter: String?
    public var selected: [CatalogFacet: [String]]
    public var orderBy: CatalogOrder
    public var maxResults: Int
    public var pageToken: String?

    public init(text: String? = nil, filter: String? = nil, selected: [CatalogFacet: [String]] = [:],
                orderBy: CatalogOrder = .relevance, maxResults: Int = CatalogQuery.defaultMaxResults, pageToken: String? = nil) {
        self.text = text
        self.filter = filter
        self.selected = selected
        self.orderBy = orderBy
        self.maxResults = maxResults
        self.pageToken = pageToken
    }

    /// Parses `name:value` facet selections (repeatable; the same name twice means either value).
    public static func selections(_ items: [String]) throws -> [CatalogFacet: [String]] {
        var selected: [CatalogFacet: [String]] = [:]
        for item in items {
            guard let colon = item.firstIndex(of: ":"), let facet = CatalogFacet(rawValue: String(item[..<colon])) else {
                throw DomainError.invalidField("facet", "'\(item)' is not name:value with a name among \(CatalogFacet.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            selected[facet, default: []].append(String(item[item.index(after: colon)...]))
        }
        return selected
    }
}

/// One value of a facet and how many matching models have it.
public struct FacetCount: Sendable, Equatable, Codable {
    public var value: String
    public var count: Int

    public init(value: String, count: Int) {
        self.value = value
        self.count = count
    }
}

/// One page of catalog results with the facet counts of the whole result set.
public struct CatalogPage: Sendable, Equatable {
    public var entries: [CatalogEntry]
    /// Facet name → values with counts, largest first. A facet's counts apply every selection except
    /// its own (so the alternatives to a selected value stay visible with their counts).
    public var facets: [String: [FacetCount]]
    /// Models matching text, filter and every selection (that the caller may see).
    public var total: Int
    public var nextPageToken: String?

    public init(entries: [CatalogEntry], facets: [String: [FacetCount]], total: Int, nextPageToken: String?) {
        self.entries = entries
        self.facets = facets
        self.total = total
        self.nextPageToken = nextPageToken
    }
}
