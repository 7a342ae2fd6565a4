import Foundation

/// What a retention run did (or, in a dry run, would do).
public struct RetentionReport: Sendable, Equatable {
    public var dryRun: Bool
    /// Every live version of every model considered, with its fate and the reasons.
    public var decisions: [RetentionDecision]
    /// The sweep that freed the retired versions' bytes (nil in a dry run or when nothing was retired).
    public var garbage: GarbageReport?

    public var retired: Int { decisions.filter { $0.action == .retire }.count }
    public var kept: Int { decisions.filter { $0.action == .keep }.count }
}

extension Retention {
    /// Applies (or, with `dryRun`, only evaluates) the retention policy of one model, or of every
    /// model that has one (`modelName == nil`, administrators only). Each model is decided and
    /// retired in one transaction, so the protections hold at commit time; the freed blobs are then
    /// swept, each re-checked for other references.
    public func run(modelName: String?, dryRun: Bool, by principal: Principal) async throws -> RetentionReport {
        let modelIDs: [String]
        if let modelName {
            modelIDs = [try await store.read { tx in
                let model = try await Registry.requireModel(tx.registryReader, modelName, principal, .manageLifecycle)
                guard try await tx.retentionPolicy(modelID: model.id) != nil else { throw Self.noPolicy(modelName) }
                return model.id
            }]
        } else {
            try AccessPolicy.authorize(principal, .manageLifecycle)
            modelIDs = try await store.read { try await $0.modelsWithRetentionPolicy() }
        }
        var decisions: [RetentionDecision] = []
        for modelID in modelIDs {
            decisions += try await apply(modelID: modelID, dryRun: dryRun, by: principal)
        }
        var report = RetentionReport(dryRun: dryRun, decisions: decisions, garbage: nil)
        if !dryRun && report.retired > 0 && blobs != nil {
            report.garbage = try await sweep(limit: nil, by: principal)
        }
        return report
    }

    /// Decides and retires within one transaction (a dry run reads only).
    private func apply(modelID: String, dryRun: Bool, by principal: Principal) async throws -> [RetentionDecision] {
        let now = clock()
        let decide: @Sendable (any RetentionReader) async throws -> (RegisteredModel, RetentionPolicy, [RetentionFacts], [RetentionDecision])? = { tx in
            guard let model = try await tx.registryReader.model(id: modelID),
                  let policy = try await tx.retentionPolicy(modelID: modelID) else { return nil }
            try AccessPolicy.authorize(principal, .manageLifecycle, on: model, grants: try await tx.registryReader.grants(modelID: modelID))
            let facts = try await tx.retentionFacts(modelID: modelID)
            return (model, policy, facts, RetentionPlanner.plan(model: model.name, facts, policy: policy, now: now))
        }
        if dryRun { return try await store.read { try await decide($0)?.3 ?? [] } }
        return try await store.write { tx in
            guard let decided = try await decide(tx) else { return [] }
            let (model, policy, facts, decisions) = decided
            for decision in decisions where decision.action == .retire {
                guard let fact = facts.first(where: { $0.number == decision.version }),
                      let version = try await tx.registryReader.version(id: fact.versionID) else { continue }
                try await tx.retire(versionID: fact.versionID, at: now, by: principal.name)
                try await tx.registryWriter.audit("version.retire", .version(model.name, decision.version),
                                                  before: ["lifecycle": .string(fact.lifecycle.lifecycle.rawValue)],
                                                  after: ["lifecycle": "retired", "manifest_digest": version.manifestDigest.map(JSONValue.string) ?? .null,
                                                          "reasons": .array(decision.reasons.map(JSONValue.string)),
                                                          "policy": policy.auditSummary],
                                                  by: principal, at: now)
                try await tx.registryWriter.appendEvent(DomainEvent(type: "version.retired", model: model.name, payload: [
                    "model": .string(model.name), "version": .number(Double(decision.version)),
                    "reasons": .array(decision.reasons.map(JSONValue.string)), "consumers": try await Self.audience(tx, version),
                ], createdAt: now))
            }
            return decisions
        }
    }
}
