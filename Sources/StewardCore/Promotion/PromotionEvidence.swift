import Foundation

/// What a promotion request records about the version it asks for, so reviewers (and auditors
/// later) see what was approved: gate results, manifest digest, metrics and lineage.
enum PromotionEvidence {
    static func make(version: ModelVersion, gates: [GateResult], lineage: LineageSummary, protection: AliasProtection,
                     currentVersion: Int?) -> JSONValue {
        [
            "gates": .array(gates.map(\.json)),
            "manifest_digest": version.manifestDigest.map(JSONValue.string) ?? .null,
            "metrics": .object(version.metrics.mapValues(JSONValue.number)),
            "input_schema_present": .bool(version.inputSchema.map { $0 != .null } ?? false),
            "lineage": [
                "run_id": lineage.runID.map(JSONValue.string) ?? .null,
                "datasets": .array(lineage.datasets.map { ["dataset": .string($0.dataset), "version": .number(Double($0.version))] }),
            ],
            "taints": .array(version.taints.map {
                ["dataset": .string($0.dataset.dataset), "version": .number(Double($0.dataset.version)), "reason": .string($0.taint.reason.rawValue)]
            }),
            "policy_version": .number(Double(protection.version)),
            "policy": protection.policy.json,
            "current_version": currentVersion.map { .number(Double($0)) } ?? .null,
        ]
    }

    /// The outbox event of a change to a request (`promotion.requested`, `.approved`, `.rejected`,
    /// `.cancelled`); subscribers get enough to act without another call.
    static func event(_ type: String, _ request: PromotionRequest, by principal: Principal, at date: Date,
                      extra: [String: JSONValue] = [:]) -> DomainEvent {
        var payload: [String: JSONValue] = [
            "promotion_id": .string(request.id), "model": .string(request.modelName), "alias": .string(request.alias),
            "version": .number(Double(request.version)), "from_version": request.fromVersion.map { .number(Double($0)) } ?? .null,
            "rollback": .bool(request.rollback), "state": .string(request.state.rawValue), "by": .string(principal.name),
            "manifest_digest": .string(request.manifestDigest),
        ]
        for (key, value) in extra { payload[key] = value }
        return DomainEvent(type: type, model: request.modelName, payload: .object(payload), createdAt: date)
    }
}
