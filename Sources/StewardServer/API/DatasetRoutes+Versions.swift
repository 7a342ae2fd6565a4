import Hummingbird
import StewardCore

extension DatasetRoutes {
    func registerVersions(on api: RouterGroup<StewardRequestContext>) {
        api.post("datasets/:dataset/versions") { request, context in
            let body = try await request.decodeJSON(DatasetVersionCreateBody.self, context: context)
            let version = try await lineage.createDatasetVersion(datasetName: try context.parameters.decoded("dataset"), body.draft,
                                                                 by: try context.requirePrincipal())
            return try JSONResponse.make(DatasetVersionBody(version: version), status: .created,
                                         location: "/api/v1/datasets/\(pathSegment(version.datasetName))/versions/\(version.number)")
        }
        api.get("datasets/:dataset/versions") { request, context in
            let page = try await lineage.datasetVersions(datasetName: try context.parameters.decoded("dataset"),
                                                         maxResults: try request.queryInt("max_results"),
                                                         pageToken: request.queryValue("page_token"), by: try context.requirePrincipal())
            return try JSONResponse.make(DatasetVersionListBody(versions: page.items.map { DatasetVersionBody(version: $0) },
                                                                nextPageToken: page.nextPageToken))
        }
        api.get("datasets/:dataset/versions/:version") { _, context in
            let version = try await lineage.datasetVersion(datasetName: try context.parameters.decoded("dataset"),
                                                           number: try context.parameters.positiveInt("version"), by: try context.requirePrincipal())
            return try JSONResponse.make(DatasetVersionBody(version: version))
        }
        api.put("datasets/:dataset/versions/:version/taint") { request, context in
            let body = try await request.decodeJSON(TaintSetBody.self, context: context)
            let change = try await lineage.flagTaint(datasetName: try context.parameters.decoded("dataset"),
                                                     number: try context.parameters.positiveInt("version"), reason: try body.taintReason,
                                                     comment: body.comment, by: try context.requirePrincipal())
            return try JSONResponse.make(TaintChangeBody(change))
        }
        api.delete("datasets/:dataset/versions/:version/taint") { request, context in
            let change = try await lineage.clearTaint(datasetName: try context.parameters.decoded("dataset"),
                                                      number: try context.parameters.positiveInt("version"),
                                                      comment: request.queryValue("comment"), by: try context.requirePrincipal())
            return try JSONResponse.make(TaintChangeBody(change))
        }
    }
}
