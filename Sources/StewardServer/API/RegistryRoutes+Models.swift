import Hummingbird
import StewardCore

extension RegistryRoutes {
    func registerModels(on api: RouterGroup<StewardRequestContext>) {
        api.post("models") { request, context in
            let body = try await request.decodeJSON(ModelCreateBody.self, context: context)
            let model = try await registry.createModel(body.draft, idempotencyKey: request.headers[.idempotencyKey],
                                                       by: try context.requirePrincipal())
            return try JSONResponse.make(ModelBody(model), status: .created, etag: model.etag,
                                         location: "/api/v1/models/\(pathSegment(model.name))")
        }
        api.get("models") { request, context in
            let query = try Self.listQuery(request, entity: .models, scope: "models", defaultOrder: SortOrder([SortKey(.name)]))
            let page = try await registry.listModels(query, by: try context.requirePrincipal())
            return try JSONResponse.make(ModelListBody(models: page.items.map(ModelBody.init), nextPageToken: page.nextPageToken))
        }
        api.get("models/:name") { _, context in
            let model = try await registry.model(named: try context.parameters.decoded("name"), by: try context.requirePrincipal())
            return try JSONResponse.make(ModelBody(model), etag: model.etag)
        }
        api.patch("models/:name") { request, context in
            let body = try await request.decodeJSON(ModelUpdateBody.self, context: context)
            let model = try await registry.updateModel(named: try context.parameters.decoded("name"), body.patch,
                                                       ifMatch: request.headers[.ifMatch], by: try context.requirePrincipal())
            return try JSONResponse.make(ModelBody(model), etag: model.etag)
        }
        api.delete("models/:name") { request, context in
            try await registry.deleteModel(named: try context.parameters.decoded("name"), force: try request.queryBool("force"),
                                           by: try context.requirePrincipal())
            return JSONResponse.noContent()
        }
        api.post("models/:name/rename") { request, context in
            let body = try await request.decodeJSON(ModelRenameBody.self, context: context)
            let model = try await registry.renameModel(named: try context.parameters.decoded("name"), to: body.newName,
                                                       by: try context.requirePrincipal())
            return try JSONResponse.make(ModelBody(model), etag: model.etag)
        }
    }
}
