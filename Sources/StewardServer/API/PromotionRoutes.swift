import Foundation
import Hummingbird
import NIOCore
import StewardCore

/// Handlers of alias protection and promotion requests (see openapi.yaml). Each only translates
/// between HTTP and a `Registry` use case; the rules (who may approve, quorum, gates, the alias
/// move) live in `StewardCore`.
struct PromotionRoutes: Sendable {
    let registry: Registry

    func register(on api: RouterGroup<StewardRequestContext>) {
        api.get("models/:name/aliases/:alias/protection") { _, context in
            let protection = try await registry.aliasProtection(modelName: try context.parameters.decoded("name"),
                                                                alias: try context.parameters.decoded("alias"), by: try context.requirePrincipal())
            return try JSONResponse.make(ProtectionBody(protection: protection), etag: protection.etag)
        }
        api.put("models/:name/aliases/:alias/protection") { request, context in
            let body = try await request.decodeJSON(ProtectionSetBody.self, context: context)
            let protection = try await registry.protectAlias(modelName: try context.parameters.decoded("name"),
                                                             alias: try context.parameters.decoded("alias"), policy: try body.policy(),
                                                             ifMatch: request.headers[.ifMatch], by: try context.requirePrincipal())
            return try JSONResponse.make(ProtectionBody(protection: protection), etag: protection.etag)
        }
        api.delete("models/:name/aliases/:alias/protection") { request, context in
            try await registry.unprotectAlias(modelName: try context.parameters.decoded("name"), alias: try context.parameters.decoded("alias"),
                                              comment: request.queryValue("comment"), by: try context.requirePrincipal())
            return JSONResponse.noContent()
        }
        api.post("models/:name/promotions") { request, context in
            let body = try await request.decodeJSON(PromotionCreateBody.self, context: context)
            let detail = try await registry.requestPromotion(modelName: try context.parameters.decoded("name"), alias: body.alias,
                                                             version: body.version, comment: body.comment ?? "", by: try context.requirePrincipal())
            return try JSONResponse.make(PromotionBody(detail: detail), status: .created,
                                         location: "/api/v1/promotions/\(detail.request.id)")
        }
        api.get("models/:name/promotions") { request, context in
            try await list(request, context, model: try context.parameters.decoded("name"))
        }
        api.get("promotions") { request, context in
            try await list(request, context, model: nil)
        }
        api.get("promotions/:promotion") { _, context in
            let detail = try await registry.promotion(id: try context.parameters.decoded("promotion"), by: try context.requirePrincipal())
            return try JSONResponse.make(PromotionBody(detail: detail))
        }
        api.post("promotions/:promotion/approve") { request, context in
            let body = try await request.decodeOptionalJSON(PromotionCommentBody.self, context: context)
            let detail = try await registry.approvePromotion(id: try context.parameters.decoded("promotion"), comment: body?.comment ?? "",
                                                             by: try context.requirePrincipal())
            return try JSONResponse.make(PromotionBody(detail: detail))
        }
        api.post("promotions/:promotion/reject") { request, context in
            let body = try await request.decodeOptionalJSON(PromotionCommentBody.self, context: context)
            let detail = try await registry.rejectPromotion(id: try context.parameters.decoded("promotion"), comment: body?.comment ?? "",
                                                            by: try context.requirePrincipal())
            return try JSONResponse.make(PromotionBody(detail: detail))
        }
        api.post("promotions/:promotion/cancel") { request, context in
            let body = try await request.decodeOptionalJSON(PromotionCommentBody.self, context: context)
            let detail = try await registry.cancelPromotion(id: try context.parameters.decoded("promotion"), comment: body?.comment ?? "",
                                                            by: try context.requirePrincipal())
            return try JSONResponse.make(PromotionBody(detail: detail))
        }
    }

    /// Lists requests of one model or of every visible model (`state`, `alias`, paging).
    func list(_ request: Request, _ context: StewardRequestContext, model: String?) async throws -> Response {
        let state = try request.queryValue("state").map { raw in
            guard let state = PromotionState(rawValue: raw) else {
                throw DomainError.invalidField("state", "must be one of \(PromotionState.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return state
        }
        let page = try await registry.promotions(modelName: model, alias: request.queryValue("alias"), state: state,
                                                 maxResults: try request.queryInt("max_results"), pageToken: request.queryValue("page_token"),
                                                 by: try context.requirePrincipal())
        return try JSONResponse.make(PromotionListBody(promotions: page.items.map { PromotionBody(detail: $0) }, nextPageToken: page.nextPageToken))
    }
}

extension Request {
    /// Like `decodeJSON`, but an empty body is allowed and gives nil (review comments are optional).
    func decodeOptionalJSON<T: Decodable>(_ type: T.Type, context: StewardRequestContext) async throws -> T? {
        var request = self
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch is NIOTooManyBytesError {
            throw DomainError(.tooLarge, code: "payload_too_large", "The JSON body is larger than \(context.maxUploadSize) bytes.")
        }
        guard buffer.readableBytes > 0 else { return nil }
        return try await request.decodeJSON(type, context: context)
    }
}
