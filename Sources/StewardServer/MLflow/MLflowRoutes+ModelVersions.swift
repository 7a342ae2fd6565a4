import Hummingbird
import StewardCore

extension MLflowRoutes {
    func registerModelVersions(on api: RouterGroup<StewardRequestContext>) {
        let registry = self.registry
        let tracking = self.tracking
        api.post("model-versions/create", use: Self.endpoint { p, who in
            var source = try p.string("source") ?? ""
            if source.isEmpty, let modelID = try p.string("model_id"), !modelID.isEmpty { source = "models:/\(modelID)" }
            guard !source.isEmpty else { throw MLflowError.invalid("Missing value for required parameter 'source'.") }
            let draft = Tracking.RegistrationDraft(source: source, runID: try p.string("run_id"), runLink: try p.string("run_link"),
                                                   description: try p.string("description") ?? "", tags: try p.keyValueMap("tags"))
            let (version, facts) = try await tracking.registerVersion(modelName: try p.require("name"), draft, by: who)
            return .object([("model_version", MLflowWire.modelVersion(version, facts))])
        })
        api.get("model-versions/get", use: Self.endpoint { p, who in
            let version = try await registry.version(modelName: try p.require("name"), number: try Self.versionNumber(p), by: who)
            return .object([("model_version", try await versionsJSON([version], who)[0])])
        })
        api.patch("model-versions/update", use: Self.endpoint { p, who in
            let version = try await registry.updateVersion(modelName: try p.require("name"), number: try Self.versionNumber(p),
                                                           VersionPatch(description: try p.string("description")), by: who)
            return .object([("model_version", try await versionsJSON([version], who)[0])])
        })
        api.delete("model-versions/delete", use: Self.endpoint { p, who in
            try await registry.deleteVersionDetachingAliases(modelName: try p.require("name"), number: try Self.versionNumber(p), by: who)
            return Self.empty
        })
        api.get("model-versions/search", use: Self.endpoint { p, who in
            let (filter, runCondition) = try MLflowFilters.modelVersions(try p.string("filter"))
            // Steward pages at most 1000 versions at a time; the client follows next_page_token.
            let size = min(try Self.maxResults(p, default: 1000, maximum: 200_000), ListQuery.maxMaxResults)
            let scope = "mlflow-versions|" + (runCondition.map { "\($0.op.rawValue) \($0.value)" } ?? "")
            let query = try ListQuery.make(entity: .versions, scope: scope, filter: filter, orderBy: try p.strings("order_by"),
                                           defaultOrder: SortOrder([SortKey(.name), SortKey(.version, descending: true)]),
                                           maxResults: size, pageToken: try p.string("page_token"))
            let page = try await tracking.searchVersions(query, runCondition: runCondition, by: who)
            return .object([("model_versions", .array(try await versionsJSON(page.items, who))),
                            ("next_page_token", MLflowWire.pageToken(page.nextPageToken))])
        })
        api.post("model-versions/set-tag", use: Self.endpoint { p, who in
            _ = try await registry.updateVersion(modelName: try p.require("name"), number: try Self.versionNumber(p),
                                                 VersionPatch(tags: [try p.require("key"): try p.string("value") ?? ""]), by: who)
            return Self.empty
        })
        api.delete("model-versions/delete-tag", use: Self.endpoint { p, who in
            _ = try await registry.updateVersion(modelName: try p.require("name"), number: try Self.versionNumber(p),
                                                 VersionPatch(tags: [try p.require("key"): nil]), by: who)
            return Self.empty
        })
        api.post("model-versions/transition-stage", use: Self.endpoint { p, who in
            let version = try await tracking.transitionStage(modelName: try p.require("name"), number: try Self.versionNumber(p),
                                                             to: try VersionStage.parse(try p.require("stage")),
                                                             archiveExisting: try p.bool("archive_existing_versions") ?? false, by: who)
            return .object([("model_version", try await versionsJSON([version], who)[0])])
        })
        api.get("model-versions/get-download-uri", use: Self.endpoint { p, who in
            let version = try await registry.version(modelName: try p.require("name"), number: try Self.versionNumber(p), by: who)
            let facts = try await tracking.versionTracking([version], by: who)[version.id]
            return .object([("artifact_uri", .string(facts?.artifactURI ?? version.source ?? ""))])
        })
    }
}
