import Hummingbird
import StewardCore

/// Handlers of `/api/v1/datasets…` (see openapi.yaml): registered datasets, their immutable
/// versions and taint flags. Each handler only translates between HTTP and a `Lineage` use case.
struct DatasetRoutes: Sendable {
    let lineage: Lineage

    func register(on api: RouterGroup<StewardRequestContext>) {
        api.post("datasets") { request, context in
            let body = try await request.decodeJSON(DatasetCreateBody.self, context: context)
            let dataset = try await lineage.createDataset(body.draft, by: try context.requirePrincipal())
            return try JSONResponse.make(DatasetBody(dataset: dataset), status: .created,
                                         location: "/api/v1/datasets/\(pathSegment(dataset.name))")
        }
        api.get("datasets") { request, context in
            let page = try await lineage.datasets(maxResults: try request.queryInt("max_results"), pageToken: request.queryValue("page_token"),
                                                  by: try context.requirePrincipal())
            return try JSONResponse.make(DatasetListBody(datasets: page.items.map { DatasetBody(dataset: $0) }, nextPageToken: page.nextPageToken))
        }
        api.get("datasets/:dataset") { _, context in
            let dataset = try await lineage.dataset(named: try context.parameters.decoded("dataset"), by: try context.requirePrincipal())
            return try JSONResponse.make(DatasetBody(dataset: dataset))
        }
        api.patch("datasets/:dataset") { request, context in
            let body = try await request.decodeJSON(DatasetUpdateBody.self, context: context)
            let dataset = try await lineage.updateDataset(name: try context.parameters.decoded("dataset"), body.patch,
                                                          by: try context.requirePrincipal())
            return try JSONResponse.make(DatasetBody(dataset: dataset))
        }
        registerVersions(on: api)
    }
}

extension Parameters {
    /// A positive integer path parameter.
    func positiveInt(_ name: String) throws -> Int {
        let raw = try decoded(name)
        guard let number = Int(raw), number >= 1 else {
            throw DomainError.invalidField(name, "'\(raw.prefix(32))' is not a version number (a positive integer)")
        }
        return number
    }
}
