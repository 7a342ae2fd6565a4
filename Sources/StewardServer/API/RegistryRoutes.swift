import Hummingbird
import StewardCore
import StewardStorage

/// Handlers of the native `/api/v1` registry API (see openapi.yaml). Each handler only translates
/// between HTTP and a `Registry` use case; rules live in `StewardCore`.
struct RegistryRoutes: Sendable {
    let registry: Registry
    let blobs: LocalBlobStore
    let maxArtifactBytes: Int64
    /// Datasets and lineage: versions created with a `run_id`, consumption of resolved aliases.
    var lineage: Lineage? = nil

    func register(on api: RouterGroup<StewardRequestContext>) {
        registerModels(on: api)
        registerVersions(on: api)
        registerFiles(on: api)
        registerAliases(on: api)
    }

    /// A validated list query from `filter`, `order_by`, `max_results` and `page_token`.
    static func listQuery(_ request: Request, entity: SearchEntity, scope: String, defaultOrder: SortOrder) throws -> ListQuery {
        try ListQuery.make(entity: entity, scope: scope, filter: request.queryValue("filter"),
                           orderBy: request.queryValues("order_by"), defaultOrder: defaultOrder,
                           maxResults: try request.queryInt("max_results"), pageToken: request.queryValue("page_token"))
    }
}
