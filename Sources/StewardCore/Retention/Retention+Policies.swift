import Foundation

extension Retention {
    /// Sets (creates or replaces) a model's retention policy.
    public func setPolicy(modelName: String, keepLast: Int?, maxAgeDays: Int?, consumerWindowDays: Int?,
                          by principal: Principal) async throws -> RetentionPolicy {
        let window = consumerWindowDays ?? RetentionPolicy.defaultConsumerWindowDays
        try RetentionPolicy.validate(keepLast: keepLast, maxAgeDays: maxAgeDays, consumerWindowDays: window)
        let now = clock()
        return try await store.write { tx in
            let model = try await Registry.requireModel(tx.registryReader, modelName, principal, .manageLifecycle)
            let previous = try await tx.retentionPolicy(modelID: model.id)
            let policy = RetentionPolicy(keepLast: keepLast, maxAgeDays: maxAgeDays, consumerWindowDays: window,
                                         updatedAt: now, updatedBy: principal.name)
            try await tx.putRetentionPolicy(modelID: model.id, policy)
            try await tx.registryWriter.audit("retention.set", AuditTarget("retention_policy", id: model.name, model: model.name),
                                              before: previous?.auditSummary, after: policy.auditSummary, by: principal, at: now)
            return policy
        }
    }

    /// A model's retention policy; `retention_policy_not_found` when it has none.
    public func policy(modelName: String, by principal: Principal) async throws -> RetentionPolicy {
        try await store.read { tx in
            let model = try await Registry.requireModel(tx.registryReader, modelName, principal, .readModel)
            guard let policy = try await tx.retentionPolicy(modelID: model.id) else { throw Self.noPolicy(modelName) }
            return policy
        }
    }

    /// Removes a model's retention policy (nothing is retired any more).
    public func deletePolicy(modelName: String, by principal: Principal) async throws {
        let now = clock()
        try await store.write { tx in
            let model = try await Registry.requireModel(tx.registryReader, modelName, principal, .manageLifecycle)
            guard let previous = try await tx.retentionPolicy(modelID: model.id) else { throw Self.noPolicy(modelName) }
            _ = try await tx.deleteRetentionPolicy(modelID: model.id)
            try await tx.registryWriter.audit("retention.delete", AuditTarget("retention_policy", id: model.name, model: model.name),
                                              before: previous.auditSummary, by: principal, at: now)
        }
    }

    static func noPolicy(_ modelName: String) -> DomainError {
        DomainError(.notFound, code: "retention_policy_not_found", "Model '\(modelName)' has no retention policy.")
    }
}
