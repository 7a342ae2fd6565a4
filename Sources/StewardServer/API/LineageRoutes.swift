import Hummingbird
import StewardCore

/// Handlers of the lineage API (see openapi.yaml): runs with their inputs, upstream lineage of a
/// model version, downstream lineage of a dataset version and the comparison of two versions.
struct LineageRoutes: Sendable {
    let lineage: Lineage

    func register(on api: RouterGroup<StewardRequestContext>) {
        api.post("runs") { request, context in
            let body = try await request.decodeJSON(RunCreateBody.self, context: context)
            let record = try await lineage.createRun(try body.draft, by: try context.requirePrincipal())
            return try JSONResponse.make(RunBody(record: record), status: .created, location: "/api/v1/runs/\(record.run.info.id)")
        }
        api.get("runs/:run") { _, context in
            let record = try await lineage.runRecord(id: try context.parameters.decoded("run"), by: try context.requirePrincipal())
            return try JSONResponse.make(RunBody(record: record))
        }
        api.get("models/:name/versions/:version/lineage") { _, context in
            let upstream = try await lineage.upstream(modelName: try context.parameters.decoded("name"),
                                                      number: try context.parameters.versionNumber(), by: try context.requirePrincipal())
            return try JSONResponse.make(UpstreamBody(upstream))
        }
        api.get("datasets/:dataset/versions/:version/lineage") { _, context in
            let downstream = try await lineage.downstream(datasetName: try context.parameters.decoded("dataset"),
                                                          number: try context.parameters.positiveInt("version"), by: try context.requirePrincipal())
            return try DownstreamBody.response(downstream)
        }
        api.get("models/:name/compare") { request, context in
            guard let from = try request.queryInt("from"), let to = try request.queryInt("to") else {
                throw DomainError.invalidField("from", "both from and to (version numbers) are required")
            }
            let comparison = try await lineage.compare(modelName: try context.parameters.decoded("name"), from: from, to: to,
                                                       by: try context.requirePrincipal())
            return try JSONResponse.make(ComparisonBody(comparison))
        }
    }
}
