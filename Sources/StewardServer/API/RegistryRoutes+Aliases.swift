import Hummingbird
import StewardCore

extension RegistryRoutes {
    func registerAliases(on api: RouterGroup<StewardRequestContext>) {
        api.get("models/:name/aliases") { _, context in
            let aliases = try await registry.aliases(modelName: try context.parameters.decoded("name"), by: try context.requirePrincipal())
            return try JSONResponse.make(["aliases": aliases.map(AliasBody.init)])
        }
        api.put("models/:name/aliases/:alias") { request, context in
            let body = try await request.decodeJSON(AliasSetBody.self, context: context)
            let alias = try await registry.setAlias(modelName: try context.parameters.decoded("name"),
                                                    alias: try context.parameters.decoded("alias"), version: body.version,
                                                    by: try context.requirePrincipal())
            return try JSONResponse.make(AliasBody(alias))
        }
        api.get("models/:name/aliases/:alias") { _, context in
            let principal = try context.requirePrincipal()
            let version = try await registry.resolveAlias(modelName: try context.parameters.decoded("name"),
                                                          alias: try context.parameters.decoded("alias"), by: principal)
            // Telemetry for downstream lineage; a failure to count must not fail the resolution.
            try? await lineage?.recordConsumption(of: version, by: principal)
            return DeprecationHeaders.adding(version, to: try JSONResponse.make(VersionBody(version: version), etag: version.etag))
        }
        api.delete("models/:name/aliases/:alias") { _, context in
            try await registry.deleteAlias(modelName: try context.parameters.decoded("name"),
                                           alias: try context.parameters.decoded("alias"), by: try context.requirePrincipal())
            return JSONResponse.noContent()
        }
        api.get("models/:name/aliases/:alias/history") { _, context in
            let name = try context.parameters.decoded("name")
            let events = try await registry.aliasHistory(modelName: name, alias: try context.parameters.decoded("alias"),
                                                         by: try context.requirePrincipal())
            return try JSONResponse.make(["history": events.map {
                AliasEventBody(alias: $0.alias, model: name, action: $0.action.rawValue, fromVersion: $0.fromVersion,
                               toVersion: $0.toVersion, at: Timestamp.format($0.at), by: $0.by, promotionID: $0.promotionID)
            }])
        }
    }
}
