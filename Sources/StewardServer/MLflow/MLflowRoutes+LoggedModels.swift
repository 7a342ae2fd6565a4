import Hummingbird
import StewardCore

extension MLflowRoutes {
    func registerLoggedModels(on api: RouterGroup<StewardRequestContext>) {
        let tracking = self.tracking
        api.post("logged-models", use: Self.endpoint { p, who in
            let draft = Tracking.LoggedModelDraft(experimentID: try p.require("experiment_id"), name: try p.string("name"),
                                                  modelType: try p.string("model_type"), sourceRunID: try p.string("source_run_id"),
                                                  params: try p.keyValueMap("params"), tags: try p.keyValueMap("tags"))
            return .object([("model", MLflowWire.loggedModel(try await tracking.createLoggedModel(draft, by: who)))])
        })
        api.post("logged-models/search", use: Self.endpoint { p, who in
            // order_by arrives as [{field_name, ascending}]; turn it into the shared "field ASC" form.
            let order = try p.objects("order_by").map { key in
                "\(try key.require("field_name")) \(try key.bool("ascending") == false ? "DESC" : "ASC")"
            }
            let query = try TrackingQuery.make(.loggedModels, filter: try p.string("filter"), orderBy: order,
                                               maxResults: try Self.maxResults(p, default: 100, maximum: 1000),
                                               defaultMaxResults: 100, maxMaxResults: 1000, pageToken: try p.string("page_token"))
            let result = try await tracking.searchLoggedModels(experimentIDs: try p.strings("experiment_ids"), query, by: who)
            return Self.page("models", result.items.map(MLflowWire.loggedModel), offset: query.offset, hasMore: result.hasMore)
        })
        api.get("logged-models/:model_id", use: Self.modelEndpoint { id, p, who in
            .object([("model", MLflowWire.loggedModel(try await tracking.loggedModel(id: id, allowDeleted: try p.bool("allow_deleted") ?? false, by: who)))])
        })
        api.patch("logged-models/:model_id", use: Self.modelEndpoint { id, p, who in
            guard let status = LoggedModelStatus(rawValue: try p.require("status").uppercased()) else {
                throw MLflowError.invalid("Invalid status: expected LOGGED_MODEL_READY or LOGGED_MODEL_UPLOAD_FAILED.")
            }
            return .object([("model", MLflowWire.loggedModel(try await tracking.finalizeLoggedModel(id: id, status: status, by: who)))])
        })
        api.delete("logged-models/:model_id", use: Self.modelEndpoint { id, _, who in
            try await tracking.deleteLoggedModel(id: id, by: who)
            return Self.empty
        })
        api.patch("logged-models/:model_id/tags", use: Self.modelEndpoint { id, p, who in
            try await tracking.setLoggedModelTags(id: id, try p.keyValueMap("tags"), by: who)
            return Self.empty
        })
        api.delete("logged-models/:model_id/tags/:key", use: { request, context in
            let id = try context.parameters.decoded("model_id")
            let key = try context.parameters.decoded("key")
            try await tracking.deleteLoggedModelTag(id: id, key: key, by: try context.requirePrincipal())
            return Self.empty.response()
        })
        api.post("logged-models/:model_id/params", use: Self.modelEndpoint { id, p, who in
            try await tracking.logLoggedModelParams(id: id, try p.keyValueMap("params"), by: who)
            return Self.empty
        })
    }

    /// An endpoint under `logged-models/{model_id}`.
    static func modelEndpoint(_ body: @escaping @Sendable (String, MLflowParams, Principal) async throws -> MLflowJSON)
        -> @Sendable (Request, StewardRequestContext) async throws -> Response {
        { request, context in
            let id = try context.parameters.decoded("model_id")
            let params = try await MLflowParams.read(request, context: context)
            return try await body(id, params, try context.requirePrincipal()).response()
        }
    }
}
