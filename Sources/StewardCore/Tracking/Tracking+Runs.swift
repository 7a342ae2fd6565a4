import Foundation

extension Tracking {
    /// What a caller supplies to start a run.
    public struct RunDraft: Sendable {
        public var experimentID: String
        public var name: String?
        public var userID: String?
        public var startTime: Int64?
        public var tags: [String: String]

        public init(experimentID: String?, name: String?, userID: String?, startTime: Int64?, tags: [String: String]) {
            self.experimentID = experimentID.flatMap { $0.isEmpty ? nil : $0 } ?? Experiment.defaultID
            self.name = name.flatMap { $0.isEmpty ? nil : $0 }
            self.userID = userID.flatMap { $0.isEmpty ? nil : $0 }
            self.startTime = startTime
            self.tags = tags
        }
    }

    /// The tag that holds a run's name; kept in step with `RunInfo.name`.
    public static let runNameTag = "mlflow.runName"

    /// Starts a run in an active experiment. Without a name one is generated (`bald-goose-972`).
    public func createRun(_ draft: RunDraft, by principal: Principal) async throws -> Run {
        try Self.authorizeWrite(principal)
        var validator = Validator()
        Self.validateTags(draft.tags, into: &validator)
        if let name = draft.name { validator.check(name.count <= 500 && !name.containsControlCharacter, "run_name", "must be at most 500 characters without control characters") }
        try validator.finish()
        let now = nowMillis
        return try await store.write { tx in
            let experiment = try await Self.requireExperiment(tx, draft.experimentID)
            guard experiment.lifecycleStage == .active else {
                throw DomainError(.invalid, code: "experiment_not_active", "Experiment '\(experiment.name)' is deleted; restore it before starting runs in it.")
            }
            let id = Self.newHexID()
            let name = draft.name ?? draft.tags[Self.runNameTag] ?? RunNames.generate()
            var tags = draft.tags
            tags[Self.runNameTag] = name
            let info = RunInfo(id: id, experimentID: experiment.id, name: name, userID: draft.userID ?? principal.name,
                               status: .running, startTime: draft.startTime ?? now,
                               artifactURI: ArtifactLocation.uri(ArtifactLocation.runRoot(experimentID: experiment.id, runID: id)))
            try await tx.insertRun(info, tags: tags)
            try await tx.audit("run.create", AuditTarget("run", id: id), after: ["experiment_id": .string(experiment.id), "name": .string(name)],
                               by: principal, at: clock())
            return Run(info: info, tags: tags)
        }
    }

    public func run(id: String, by principal: Principal) async throws -> Run {
        try Self.authorizeRead(principal)
        return try await store.read { try await Self.requireRun($0, id) }
    }

    /// Sets status, end time and/or name (the name also rewrites the `mlflow.runName` tag).
    public func updateRun(id: String, status: RunStatus?, endTime: Int64?, name: String?, by principal: Principal) async throws -> RunInfo {
        try Self.authorizeWrite(principal)
        if let name { try Names.key(name, field: "run_name") }
        return try await store.write { tx in
            var info = try await Self.requireActiveRunInfo(tx, id)
            let before = info.auditSummary
            if let status { info.status = status }
            if let endTime { info.endTime = endTime }
            if let name, !name.isEmpty {
                info.name = name
                try await tx.setRunTags(runID: id, [Self.runNameTag: name])
            }
            try await tx.updateRunInfo(info)
            let diff = AuditDigest.changes(before, info.auditSummary)
            try await tx.audit("run.update", AuditTarget("run", id: id), before: diff.before, after: diff.after, by: principal, at: clock())
            return info
        }
    }

    public func deleteRun(id: String, by principal: Principal) async throws {
        try await setRunLifecycle(id: id, .deleted, by: principal)
    }

    public func restoreRun(id: String, by principal: Principal) async throws {
        try await setRunLifecycle(id: id, .active, by: principal)
    }

    private func setRunLifecycle(id: String, _ stage: LifecycleStage, by principal: Principal) async throws {
        try Self.authorizeWrite(principal)
        try await store.write { tx in
            var info = try await Self.requireRun(tx, id).info
            let before = info.lifecycleStage
            info.lifecycleStage = stage
            try await tx.updateRunInfo(info)
            try await tx.audit(stage == .deleted ? "run.delete" : "run.restore", AuditTarget("run", id: id),
                               before: ["lifecycle_stage": .string(before.rawValue)], after: ["lifecycle_stage": .string(stage.rawValue)],
                               by: principal, at: clock())
        }
    }

    /// Runs of the given experiments matching the query.
    public func searchRuns(experimentIDs: [String], _ query: TrackingQuery, view: ViewType,
                           by principal: Principal) async throws -> (items: [Run], hasMore: Bool) {
        try Self.authorizeRead(principal)
        guard !experimentIDs.isEmpty else { return ([], false) }
        return try await store.read { try await $0.runs(experimentIDs: experimentIDs, query, stages: view.stages) }
    }

    /// A page of a metric's history, in step order.
    public func metricHistory(runID: String, key: String, offset: Int, limit: Int, by principal: Principal) async throws -> [Metric] {
        try Self.authorizeRead(principal)
        try Names.key(key, field: "metric_key")
        return try await store.read { tx in
            _ = try await Self.requireRun(tx, runID)
            return try await tx.metricHistory(runID: runID, key: key, offset: offset, limit: limit)
        }
    }
}
