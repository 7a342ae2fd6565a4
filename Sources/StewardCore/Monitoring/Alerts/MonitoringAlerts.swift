import Foundation

/// The alerting use cases of production monitoring (issue 7): recording per-window metric points
/// and evaluating alert rules on them, rule CRUD, reading series and alerts, acknowledging. Every
/// door (REST, CLI through REST, the background evaluator) calls these.
public struct MonitoringAlerts: Sendable {
    public let store: any AlertStore
    /// Whether retraining triggers may target private, loopback or link-local addresses
    /// (`--webhooks-allow-private`, as for subscriptions).
    public let allowPrivateWebhooks: Bool
    /// Source of "now"; tests may fix it.
    let clock: @Sendable () -> Date

    /// The principal alert openings and closings are recorded under.
    public static let evaluator = Principal.system(job: "monitoring-evaluator")
    /// Rules per model, so evaluation cost per recorded batch stays bounded.
    public static let maxRulesPerModel = 100

    public init(store: any AlertStore, allowPrivateWebhooks: Bool = false, clock: @escaping @Sendable () -> Date = { Timestamp.now() }) {
        self.store = store
        self.allowPrivateWebhooks = allowPrivateWebhooks
        self.clock = clock
    }

    static func requireRule(_ tx: any AlertReader, _ model: RegisteredModel, _ name: String) async throws -> AlertRule {
        guard name.utf8.count <= 64, let rule = try await tx.alertRule(modelID: model.id, name: name) else {
            throw DomainError(.notFound, code: "alert_rule_not_found", "Model '\(model.name)' has no alert rule '\(name.prefix(64))'.")
        }
        return rule
    }

    static func audit(_ tx: any AlertWriter, _ action: String, rule: AlertRule, before: JSONValue? = nil, after: JSONValue? = nil,
                      by principal: Principal, at now: Date) async throws {
        try await tx.registryWriter.audit(action, AuditTarget("alert_rule", id: rule.name, model: rule.modelName),
                                          before: before, after: after, by: principal, at: now)
    }
}
