/// A validated list or search request: filter, order, page size and position.
public struct ListQuery: Sendable {
    public static let defaultMaxResults = 100
    public static let maxMaxResults = 1000

    public var filter: ResolvedFilter?
    public var order: SortOrder
    public var maxResults: Int
    public var after: PageToken?
    /// The fingerprint a next-page token must carry.
    public var fingerprint: String
    /// What the caller may see; set by the use case from the principal. Nil sees everything.
    public var visibility: VisibilityScope?

    public init(filter: ResolvedFilter?, order: SortOrder, maxResults: Int, after: PageToken?, fingerprint: String) {
        self.filter = filter
        self.order = order
        self.maxResults = maxResults
        self.after = after
        self.fingerprint = fingerprint
    }

    /// Builds a query from request text, validating everything (400 on any problem).
    /// `scope` distinguishes, for example, the versions of one model from a search across models.
    public static func make(entity: SearchEntity, scope: String, filter: String?, orderBy: [String],
                            defaultOrder: SortOrder, maxResults: Int?, pageToken: String?) throws -> ListQuery {
        let resolved = try ResolvedFilter.parse(filter, for: entity)
        let order = try SortOrder.parse(orderBy, for: entity, default: defaultOrder)
        let size = maxResults ?? defaultMaxResults
        guard (1...maxMaxResults).contains(size) else {
            throw DomainError.invalidField("max_results", "must be between 1 and \(maxMaxResults)")
        }
        let fingerprint = PageToken.fingerprint(scope: scope, filter: filter, order: order)
        let after = try pageToken.flatMap { $0.isEmpty ? nil : try PageToken.decode($0, fingerprint: fingerprint, keyCount: order.keys.count) }
        return ListQuery(filter: resolved, order: order, maxResults: size, after: after, fingerprint: fingerprint)
    }
}

/// One page of results.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var nextPageToken: String?

    public init(items: [Item], nextPageToken: String?) {
        self.items = items
        self.nextPageToken = nextPageToken
    }
}
