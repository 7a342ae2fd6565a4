import Foundation

extension Tracking {
    /// What a caller supplies to log a model.
    public struct LoggedModelDraft: Sendable {
        public var experimentID: String
        public var name: String?
        public var modelType: String?
        public var sourceRunID: String?
        public var params: [String: String]
        public var tags: [String: String]

        public init(experimentID: String, name: String?, modelType: String?, sourceRunID: String?,
                    params: [String: String], tags: [String: String]) {
            self.experimentID = experimentID
            self.name = name.flatMap { $0.isEmpty ? nil : $0 }
            self.modelType = modelType.flatMap { $0.isEmpty ? nil : $0 }
            self.sourceRunID = sourceRunID.flatMap { $0.isEmpty ? nil : $0 }
            self.params = params
            self.tags = tags
        }
    }

    /// Creates a `pending` logged model whose artifacts go to
    /// `mlflow-artifacts:/<experiment>/models/<id>/artifacts`.
    public func createLoggedModel(_ draft: LoggedModelDraft, by principal: Principal) async throws -> LoggedModel {
        try Self.authorizeWrite(principal)
        var validator = Validator()
        validator.check(draft.params.count <= 100, "params", "at most 100 params may be sent at once")
        Self.validateParams(draft.params, into: &validator)
        Self.validateTags(draft.tags, into: &validator)
        if let name = draft.name { validator.capture { try Names.key(name, field: "name") } }
        if let modelType = draft.modelType { validator.capture { try Names.key(modelType, field: "model_type") } }
        try validator.finish()
        let now = nowMillis
        return try await store.write { tx in
            let experiment = try await Self.requireExperiment(tx, draft.experimentID)
            if let runID = draft.sourceRunID { _ = try await Self.requireRun(tx, runID) }
            let id = "m-" + Self.newHexID()
            let model = LoggedModel(id: id, experimentID: experiment.id, name: draft.name ?? RunNames.generate(),
                                    modelType: draft.modelType, sourceRunID: draft.sourceRunID,
                                    artifactURI: ArtifactLocation.uri(ArtifactLocation.modelRoot(experimentID: experiment.id, modelID: id)),
                                    createdAt: now, updatedAt: now, tags: draft.tags, params: draft.params)
            try await tx.insertLoggedModel(model)
            try await tx.audit("logged_model.create", AuditTarget("logged_model", id: id), after: model.auditSummary, by: principal, at: clock())
            return model
        }
    }

    public func loggedModel(id: String, allowDeleted: Bool = false, by principal: Principal) async throws -> LoggedModel {
        try Self.authorizeRead(principal)
        return try await store.read { try await Self.requireLoggedModel($0, id, allowDeleted: allowDeleted) }
    }

    public func searchLoggedModels(experimentIDs: [String], _ query: TrackingQuery,
                                   by principal: Principal) async throws -> (items: [LoggedModel], hasMore: Bool) {
        try Self.authorizeRead(principal)
        guard !experimentIDs.isEmpty else { return ([], false) }
        return try await store.read { try await $0.loggedModels(experimentIDs: experimentIDs, query, stages: [.active]) }
    }

    /// Changes a logged model in one transaction (finalize, tags, params, delete).
    @discardableResult
    public func updateLoggedModel(id: String, by principal: Principal,
                                  _ change: @escaping @Sendable (inout LoggedModel) throws -> Void) async throws -> LoggedModel {
        try Self.authorizeWrite(principal)
        let now = nowMillis
        return try await store.write { tx in
            var model = try await Self.requireLoggedModel(tx, id)
            let before = model.auditSummary
            try change(&model)
            var validator = Validator()
            Self.validateTags(model.tags, into: &validator)
            Self.validateParams(model.params, into: &validator)
            try validator.finish()
            model.updatedAt = now
            try await tx.updateLoggedModel(model)
            let diff = AuditDigest.changes(before, model.auditSummary)
            try await tx.audit("logged_model.update", AuditTarget("logged_model", id: id), before: diff.before, after: diff.after, by: principal, at: clock())
            return model
        }
    }

    /// Marks the upload finished (`LOGGED_MODEL_READY`) or failed.
    public func finalizeLoggedModel(id: String, status: LoggedModelStatus, by principal: Principal) async throws -> LoggedModel {
        guard status != .pending else {
            throw DomainError.invalidField("status", "must be LOGGED_MODEL_READY or LOGGED_MODEL_UPLOAD_FAILED")
        }
        return try await updateLoggedModel(id: id, by: principal) { $0.status = status }
    }

    public func setLoggedModelTags(id: String, _ tags: [String: String], by principal: Principal) async throws {
        try await updateLoggedModel(id: id, by: principal) { $0.tags.merge(tags) { _, new in new } }
    }

    public func deleteLoggedModelTag(id: String, key: String, by principal: Principal) async throws {
        try await updateLoggedModel(id: id, by: principal) { model in
            guard model.tags.removeValue(forKey: key) != nil else {
                throw DomainError(.notFound, code: "tag_not_found", "No tag with key '\(key)' on logged model \(model.id).")
            }
        }
    }

    /// Adds params; like run params, a logged value may not change.
    public func logLoggedModelParams(id: String, _ params: [String: String], by principal: Principal) async throws {
        try await updateLoggedModel(id: id, by: principal) { model in
            for (key, value) in params {
                if let old = model.params[key], old != value { throw Self.paramChanged(runID: model.id, key: key, old: old, new: value) }
                model.params[key] = value
            }
        }
    }

    public func deleteLoggedModel(id: String, by principal: Principal) async throws {
        try await updateLoggedModel(id: id, by: principal) { $0.lifecycleStage = .deleted }
    }
}
