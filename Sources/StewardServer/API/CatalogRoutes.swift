import Hummingbird
import StewardCore

/// Handlers of the catalog API (issue 8): search with facets, model and version cards, a model's
/// source (internal or third-party) and template, and the templates themselves.
struct CatalogRoutes: Sendable {
    let catalog: Catalog

    func register(on api: RouterGroup<StewardRequestContext>) {
        api.get("catalog") { request, context in
            let order = try request.queryValue("order_by").map { text in
                guard let order = CatalogOrder(rawValue: text) else {
                    throw DomainError.invalidField("order_by", "must be one of relevance, name, updated")
                }
                return order
            } ?? .relevance
            let query = CatalogQuery(text: request.queryValue("q"), filter: request.queryValue("filter"),
                                     selected: try CatalogQuery.selections(request.queryValues("facet")), orderBy: order,
                                     maxResults: try request.queryInt("max_results") ?? CatalogQuery.defaultMaxResults,
                                     pageToken: request.queryValue("page_token"))
            return try JSONResponse.make(CatalogPageBody(try await catalog.search(query, by: try context.requirePrincipal())))
        }
        api.get("models/:name/card") { _, context in
            try JSONResponse.make(CardBody(try await catalog.modelCard(modelName: try context.parameters.decoded("name"),
                                                                       by: try context.requirePrincipal())))
        }
        api.put("models/:name/card") { request, context in
            let body = try await request.decodeJSON(CardUpdateBody.self, context: context)
            let view = try await catalog.updateModelCard(modelName: try context.parameters.decoded("name"), body.card,
                                                         ifMatch: request.headers[.ifMatch], by: try context.requirePrincipal())
            return try JSONResponse.make(CardBody(view))
        }
        api.get("models/:name/versions/:version/card") { _, context in
            try JSONResponse.make(CardBody(try await catalog.versionCard(modelName: try context.parameters.decoded("name"),
                                                                         number: try context.parameters.versionNumber(),
                                                                         by: try context.requirePrincipal())))
        }
        api.put("models/:name/versions/:version/card") { request, context in
            let body = try await request.decodeJSON(CardUpdateBody.self, context: context)
            let view = try await catalog.updateVersionCard(modelName: try context.parameters.decoded("name"),
                                                           number: try context.parameters.versionNumber(), body.card,
                                                           by: try context.requirePrincipal())
            return try JSONResponse.make(CardBody(view))
        }
        api.get("models/:name/catalog") { _, context in
            try JSONResponse.make(CatalogInfoBody(try await catalog.info(modelName: try context.parameters.decoded("name"),
                                                                         by: try context.requirePrincipal())))
        }
        api.put("models/:name/source") { request, context in
            let body = try await request.decodeJSON(ModelSourceBody.self, context: context)
            let info = try await catalog.setSource(modelName: try context.parameters.decoded("name"), body.source,
                                                   by: try context.requirePrincipal())
            return try JSONResponse.make(CatalogInfoBody(info))
        }
        api.put("models/:name/template") { request, context in
            let body = try await request.decodeJSON(TemplateAttachBody.self, context: context)
            let info = try await catalog.setTemplate(modelName: try context.parameters.decoded("name"), template: body.template,
                                                     by: try context.requirePrincipal())
            return try JSONResponse.make(CatalogInfoBody(info))
        }
        registerTemplates(on: api)
    }

    func registerTemplates(on api: RouterGroup<StewardRequestContext>) {
        api.post("templates") { request, context in
            let body = try await request.decodeJSON(TemplateCreateBody.self, context: context)
            let template = try await catalog.createTemplate(body.draft, by: try context.requirePrincipal())
            return try JSONResponse.make(TemplateBody(template), status: .created, etag: template.etag,
                                         location: "/api/v1/templates/\(pathSegment(template.name))")
        }
        api.get("templates") { _, context in
            try JSONResponse.make(TemplateListBody(templates: try await catalog.templates(by: try context.requirePrincipal()).map(TemplateBody.init)))
        }
        api.get("templates/:template") { _, context in
            let template = try await catalog.template(named: try context.parameters.decoded("template"), by: try context.requirePrincipal())
            return try JSONResponse.make(TemplateBody(template), etag: template.etag)
        }
        api.put("templates/:template") { request, context in
            let name: String = try context.parameters.decoded("template")
            let body = try await request.decodeJSON(TemplateUpdateBody.self, context: context)
            let template = try await catalog.updateTemplate(named: name, body.draft(name: name), ifMatch: request.headers[.ifMatch],
                                                            by: try context.requirePrincipal())
            return try JSONResponse.make(TemplateBody(template), etag: template.etag)
        }
        api.delete("templates/:template") { _, context in
            try await catalog.deleteTemplate(named: try context.parameters.decoded("template"), by: try context.requirePrincipal())
            return JSONResponse.noContent()
        }
    }
}
