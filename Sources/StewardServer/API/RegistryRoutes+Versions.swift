import Hummingbird
import StewardCore

extension RegistryRoutes {
    func registerVersions(on api: RouterGroup<StewardRequestContext>) {
        api.post("models/:name/versions") { request, context in
            let body = try await request.decodeJSON(VersionCreateBody.self, context: context)
            let name = try context.parameters.decoded("name")
            let version = if let runID = body.runID, let lineage {
                try await lineage.createVersion(modelName: name, body.draft, runID: runID, idempotencyKey: request.headers[.idempotencyKey],
                                                by: try context.requirePrincipal())
            } else {
                try await registry.createVersion(modelName: name, body.draft, idempotencyKey: request.headers[.idempotencyKey],
                                                 by: try context.requirePrincipal())
            }
            return try JSONResponse.make(VersionBody(version: version), status: .created, etag: version.etag,
                                         location: "/api/v1/models/\(pathSegment(version.modelName))/versions/\(version.number)")
        }
        api.get("models/:name/versions") { request, context in
            let name = try context.parameters.decoded("name")
            let query = try Self.listQuery(request, entity: .versions, scope: "versions:\(name)",
                                           defaultOrder: SortOrder([SortKey(.version, descending: true)]))
            let page = try await registry.listVersions(modelName: name, query, by: try context.requirePrincipal())
            return try JSONResponse.make(VersionListBody(versions: page.items.map { VersionBody(version: $0) },
                                                         nextPageToken: page.nextPageToken))
        }
        api.get("versions") { request, context in
            let query = try Self.listQuery(request, entity: .versions, scope: "versions",
                                           defaultOrder: SortOrder([SortKey(.createdAt, descending: true)]))
            let page = try await registry.searchVersions(query, by: try context.requirePrincipal())
            return try JSONResponse.make(VersionListBody(versions: page.items.map { VersionBody(version: $0) },
                                                         nextPageToken: page.nextPageToken))
        }
        api.get("models/:name/versions/:version") { _, context in
            let version = try await registry.version(modelName: try context.parameters.decoded("name"),
                                                     number: try context.parameters.versionNumber(), by: try context.requirePrincipal())
            return DeprecationHeaders.adding(version, to: try JSONResponse.make(VersionBody(version: version), etag: version.etag))
        }
        api.patch("models/:name/versions/:version") { request, context in
            let body = try await request.decodeJSON(VersionUpdateBody.self, context: context)
            let version = try await registry.updateVersion(modelName: try context.parameters.decoded("name"),
                                                           number: try context.parameters.versionNumber(), body.patch,
                                                           ifMatch: request.headers[.ifMatch], by: try context.requirePrincipal())
            return try JSONResponse.make(VersionBody(version: version), etag: version.etag)
        }
        api.delete("models/:name/versions/:version") { _, context in
            try await registry.deleteVersion(modelName: try context.parameters.decoded("name"),
                                             number: try context.parameters.versionNumber(), by: try context.requirePrincipal())
            return JSONResponse.noContent()
        }
        api.post("models/:name/versions/:version/finalize") { _, context in
            let version = try await registry.finalizeVersion(modelName: try context.parameters.decoded("name"),
                                                             number: try context.parameters.versionNumber(),
                                                             by: try context.requirePrincipal())
            return try JSONResponse.make(VersionBody(version: version), etag: version.etag)
        }
        api.get("models/:name/versions/:version/files") { _, context in
            let version = try await registry.version(modelName: try context.parameters.decoded("name"),
                                                     number: try context.parameters.versionNumber(), by: try context.requirePrincipal())
            return try JSONResponse.make(FileListBody(files: version.files, manifestDigest: version.manifestDigest))
        }
    }
}
