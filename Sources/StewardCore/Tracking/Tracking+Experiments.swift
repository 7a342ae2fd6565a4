import Foundation

extension Tracking {
    /// Creates an experiment; its artifacts always go through Steward's artifact proxy
    /// (`mlflow-artifacts:/<id>`), whatever location the client proposed, so the bytes land in the
    /// content-addressed blob store.
    public func createExperiment(name: String, tags: [String: String], by principal: Principal) async throws -> Experiment {
        try Self.authorizeWrite(principal)
        var validator = Validator()
        Self.validateExperimentName(name, into: &validator)
        Self.validateTags(tags, into: &validator)
        try validator.finish()
        let now = nowMillis
        return try await store.write { tx in
            if try await tx.experiment(named: name) != nil { throw Self.experimentExists(name) }
            let id = try await tx.nextExperimentID()
            let experiment = Experiment(id: id, name: name, artifactLocation: ArtifactLocation.uri(id),
                                        createdAt: now, updatedAt: now, tags: tags)
            try await tx.insertExperiment(experiment)
            try await tx.audit("experiment.create", AuditTarget("experiment", id: id), after: experiment.auditSummary, by: principal, at: clock())
            return experiment
        }
    }

    public func experiment(id: String, by principal: Principal) async throws -> Experiment {
        try Self.authorizeRead(principal)
        return try await store.read { try await Self.requireExperiment($0, id) }
    }

    public func experiment(named name: String, by principal: Principal) async throws -> Experiment {
        try Self.authorizeRead(principal)
        return try await store.read { tx in
            guard let experiment = try await tx.experiment(named: name) else {
                throw DomainError(.notFound, code: "experiment_not_found", "Could not find experiment with name '\(name)'.")
            }
            return experiment
        }
    }

    public func searchExperiments(_ query: TrackingQuery, view: ViewType, by principal: Principal) async throws -> (items: [Experiment], hasMore: Bool) {
        try Self.authorizeRead(principal)
        return try await store.read { try await $0.experiments(query, stages: view.stages) }
    }

    /// Renames, deletes, restores or retags an experiment.
    public func updateExperiment(id: String, by principal: Principal,
                                 _ change: @escaping @Sendable (inout Experiment) throws -> Void) async throws {
        try Self.authorizeWrite(principal)
        let now = nowMillis
        try await store.write { tx in
            let before = try await Self.requireExperiment(tx, id)
            var experiment = before
            try change(&experiment)
            var validator = Validator()
            Self.validateExperimentName(experiment.name, into: &validator)
            Self.validateTags(experiment.tags, into: &validator)
            try validator.finish()
            if experiment.name != before.name, try await tx.experiment(named: experiment.name) != nil {
                throw Self.experimentExists(experiment.name)
            }
            experiment.updatedAt = now
            try await tx.updateExperiment(experiment)
            let diff = AuditDigest.changes(before.auditSummary, experiment.auditSummary)
            try await tx.audit("experiment.update", AuditTarget("experiment", id: id), before: diff.before, after: diff.after, by: principal, at: clock())
        }
    }

    public func renameExperiment(id: String, to name: String, by principal: Principal) async throws {
        try await updateExperiment(id: id, by: principal) { $0.name = name }
    }

    public func deleteExperiment(id: String, by principal: Principal) async throws {
        try await updateExperiment(id: id, by: principal) { $0.lifecycleStage = .deleted }
    }

    public func restoreExperiment(id: String, by principal: Principal) async throws {
        try await updateExperiment(id: id, by: principal) { $0.lifecycleStage = .active }
    }

    public func setExperimentTag(id: String, key: String, value: String, by principal: Principal) async throws {
        try await updateExperiment(id: id, by: principal) { $0.tags[key] = value }
    }

    public func deleteExperimentTag(id: String, key: String, by principal: Principal) async throws {
        try await updateExperiment(id: id, by: principal) { $0.tags[key] = nil }
    }

    static func experimentExists(_ name: String) -> DomainError {
        DomainError(.conflict, code: "experiment_already_exists", "Experiment '\(name)' already exists.")
    }

    static func validateExperimentName(_ name: String, into validator: inout Validator) {
        validator.check(!name.trimmingCharacters(in: .whitespaces).isEmpty, "name", "must not be empty")
        validator.check(name.count <= 500, "name", "must be at most 500 characters")
        validator.check(!name.containsControlCharacter, "name", "must not contain control characters")
    }
}
