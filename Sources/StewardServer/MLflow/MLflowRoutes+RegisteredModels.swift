import Hummingbird
import StewardCore

extension MLflowRoutes {
    func registerRegisteredModels(on api: RouterGroup<StewardRequestContext>) {
        let registry = self.registry
        let tracking = self.tracking
        api.post("registered-models/create", use: Self.endpoint { p, who in
            let draft = ModelDraft(name: try p.require("name"), description: try p.string("description") ?? "",
                                   tags: try p.keyValueMap("tags"))
            let model = try await registry.createModel(draft, by: who)
            return .object([("registered_model", MLflowWire.registeredModel(model, latest: [], tracking: [:]))])
        })
        api.get("registered-models/get", use: Self.endpoint { p, who in
            .object([("registered_model", try await modelJSON(try await registry.model(named: try p.require("name"), by: who), who))])
        })
        api.post("registered-models/rename", use: Self.endpoint { p, who in
            let model = try await registry.renameModel(named: try p.require("name"), to: try p.require("new_name"), by: who)
            return .object([("registered_model", try await modelJSON(model, who))])
        })
        api.patch("registered-models/update", use: Self.endpoint { p, who in
            let model = try await registry.updateModel(named: try p.require("name"),
                                                       ModelPatch(description: try p.string("description") ?? ""), by: who)
            return .object([("registered_model", try await modelJSON(model, who))])
        })
        api.delete("registered-models/delete", use: Self.endpoint { p, who in
            // MLflow cascades to versions; Steward lets only those allowed to force a deletion do that.
            try await registry.deleteModel(named: try p.require("name"), force: who.isAdmin, by: who)
            return Self.empty
        })
        api.get("registered-models/search", use: Self.endpoint { p, who in
            let filter = try MLflowFilters.registeredModels(try p.string("filter"))
            let query = try ListQuery.make(entity: .models, scope: "mlflow-models", filter: filter,
                                           orderBy: MLflowFilters.registeredModelOrder(try p.strings("order_by")),
                                           defaultOrder: SortOrder([SortKey(.name)]),
                                           maxResults: try Self.maxResults(p, default: 100, maximum: 1000), pageToken: try p.string("page_token"))
            let page = try await registry.listModels(query, by: who)
            let shown = page.items.filter { $0.tags[MLflowFilters.promptTag]?.lowercased() != "true" }
            let latest = try await tracking.latestVersions(of: shown, by: who)
            let models = shown.map { model in
                MLflowWire.registeredModel(model, latest: latest[model.id]?.versions ?? [], tracking: latest[model.id]?.tracking ?? [:])
            }
            return .object([("registered_models", .array(models)), ("next_page_token", MLflowWire.pageToken(page.nextPageToken))])
        })
        let latest = Self.endpoint { p, who in
            let stages = try p.strings("stages").map(VersionStage.parse)
            let versions = try await tracking.latestVersions(modelName: try p.require("name"), stages: stages.isEmpty ? nil : stages, by: who)
            return .object([("model_versions", .array(try await versionsJSON(versions, who)))])
        }
        api.post("registered-models/get-latest-versions", use: latest)
        api.get("registered-models/get-latest-versions", use: latest)
        api.post("registered-models/set-tag", use: Self.endpoint { p, who in
            _ = try await registry.updateModel(named: try p.require("name"),
                                               ModelPatch(tags: [try p.require("key"): try p.string("value") ?? ""]), by: who)
            return Self.empty
        })
        api.delete("registered-models/delete-tag", use: Self.endpoint { p, who in
            _ = try await registry.updateModel(named: try p.require("name"), ModelPatch(tags: [try p.require("key"): nil]), by: who)
            return Self.empty
        })
        api.post("registered-models/alias", use: Self.endpoint { p, who in
            _ = try await registry.setAlias(modelName: try p.require("name"), alias: try p.require("alias"),
                                            version: try Self.versionNumber(p), by: who)
            return Self.empty
        })
        api.get("registered-models/alias") { request, context in
            let p = try await MLflowParams.read(request, context: context)
            let who = try context.requirePrincipal()
            do {
                // The version (MLflow shows no file list) with its stage and source run, in one read.
                let (version, facts) = try await registry.resolveServingAlias(modelName: try p.require("name"), alias: try p.require("alias"), by: who)
                try? await Lineage(store: tracking.store).recordConsumption(of: version, by: who) // telemetry, never fatal
                // Issue 6: a deprecated version carries Deprecation, Sunset and Link on this door too.
                return DeprecationHeaders.adding(version, to: MLflowJSON.object([("model_version", MLflowWire.modelVersion(version, facts))]).response())
            } catch let error as DomainError where error.code == "alias_not_found" {
                // MLflow answers an unknown alias with 400, not 404.
                throw MLflowError.invalid(error.message)
            }
        }
        api.delete("registered-models/alias", use: Self.endpoint { p, who in
            do {
                try await registry.deleteAlias(modelName: try p.require("name"), alias: try p.require("alias"), by: who)
            } catch let error as DomainError where error.code == "alias_not_found" {
                // Deleting an absent alias succeeds in MLflow.
            }
            return Self.empty
        })
    }

    /// A registered model with its latest version per stage.
    func modelJSON(_ model: RegisteredModel, _ who: Principal) async throws -> MLflowJSON {
        // The model was just read (and authorized) by name; the batched form takes one read transaction.
        let latest = try await tracking.latestVersions(of: [model], by: who)[model.id]
        return MLflowWire.registeredModel(model, latest: latest?.versions ?? [], tracking: latest?.tracking ?? [:])
    }

    /// Versions with their stages and source runs.
    func versionsJSON(_ versions: [ModelVersion], _ who: Principal) async throws -> [MLflowJSON] {
        let facts = try await tracking.versionTracking(versions, by: who)
        return versions.map { MLflowWire.modelVersion($0, facts[$0.id]) }
    }

    /// The `version` field as a positive number (MLflow sends it as a string).
    static func versionNumber(_ p: MLflowParams) throws -> Int {
        let raw = try p.require("version")
        guard let number = Int(raw), number >= 1 else {
            throw MLflowError.invalid("Invalid value '\(raw.prefix(40))' for parameter 'version': expected a positive integer.")
        }
        return number
    }
}
