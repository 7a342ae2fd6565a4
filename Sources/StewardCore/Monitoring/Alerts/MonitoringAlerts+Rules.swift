import Foundation

extension MonitoringAlerts {
    /// Creates a rule on a model (maintainers). Defaults: all versions, whole-window series,
    /// 1 breaching window opens, 1 healthy window closes, no cool-down, severity `warning`,
    /// enabled. A retraining trigger's URL is checked against private addresses like a webhook's;
    /// its secret is generated unless given, and shown only in this call's answer.
    public func createRule(modelName: String, _ draft: AlertRuleDraft, by principal: Principal) async throws -> AlertRule {
        if let url = draft.triggerURL, !url.isEmpty { try await WebhookAddress.check(url, allowPrivate: allowPrivateWebhooks, field: "retraining_trigger.url") }
        let now = clock()
        return try await store.write { tx in
            let model = try await Registry.requireModel(tx.registryReader, modelName, principal, .manageAlertRules)
            var rule = AlertRule(id: UUID().uuidString.lowercased(), modelID: model.id, modelName: model.name, name: "", metric: "", feature: nil,
                                 versions: .all, condition: .above, threshold: nil, windows: 1, clearWindows: 1, coolDownSeconds: 0,
                                 severity: .warning, enabled: true, trigger: nil, description: "", createdBy: principal.name,
                                 createdAt: now, updatedAt: now)
            try draft.apply(to: &rule)
            let existing = try await tx.alertRules(modelID: model.id)
            if existing.contains(where: { $0.name == rule.name }) {
                throw DomainError(.conflict, code: "alert_rule_exists", "Model '\(model.name)' already has an alert rule '\(rule.name)'.")
            }
            guard existing.count < Self.maxRulesPerModel else {
                throw DomainError(.conflict, code: "too_many_alert_rules", "Model '\(model.name)' already has \(Self.maxRulesPerModel) alert rules.")
            }
            try await tx.insertAlertRule(rule)
            try await Self.audit(tx, "monitoring.rule_create", rule: rule, after: rule.auditSummary, by: principal, at: now)
            return rule
        }
    }

    /// Changes a rule (maintainers); fields left out stay. Open alerts of the rule stay open and
    /// are judged by the new settings from the next recorded window on.
    public func updateRule(modelName: String, name: String, _ draft: AlertRuleDraft, by principal: Principal) async throws -> AlertRule {
        if let url = draft.triggerURL, !url.isEmpty { try await WebhookAddress.check(url, allowPrivate: allowPrivateWebhooks, field: "retraining_trigger.url") }
        let now = clock()
        return try await store.write { tx in
            let model = try await Registry.requireModel(tx.registryReader, modelName, principal, .manageAlertRules)
            var rule = try await Self.requireRule(tx, model, name)
            let before = rule.auditSummary
            try draft.apply(to: &rule)
            if rule.name != name, try await tx.alertRule(modelID: model.id, name: rule.name) != nil {
                throw DomainError(.conflict, code: "alert_rule_exists", "Model '\(model.name)' already has an alert rule '\(rule.name)'.")
            }
            rule.updatedAt = now
            try await tx.updateAlertRule(rule)
            let diff = AuditDigest.changes(before, rule.auditSummary)
            try await Self.audit(tx, "monitoring.rule_update", rule: rule, before: diff.before, after: diff.after, by: principal, at: now)
            return rule
        }
    }

    /// Deletes a rule (maintainers). Its open alerts are resolved (reason `rule_deleted`) in the
    /// same transaction; its closed alerts stay in the history.
    public func deleteRule(modelName: String, name: String, by principal: Principal) async throws {
        let now = clock()
        try await store.write { tx in
            let model = try await Registry.requireModel(tx.registryReader, modelName, principal, .manageAlertRules)
            let rule = try await Self.requireRule(tx, model, name)
            let open = try await tx.alerts(AlertQuery(modelID: model.id, state: .open, limit: 10_000)).filter { $0.ruleID == rule.id }
            for var alert in open {
                alert.state = .closed
                alert.closedAt = now
                _ = try await resolve(tx, alert, reason: "rule_deleted", at: now)
            }
            try await tx.deleteAlertRule(id: rule.id)
            try await Self.audit(tx, "monitoring.rule_delete", rule: rule, before: rule.auditSummary,
                                 after: .object(["resolved_alerts": .number(Double(open.count))]), by: principal, at: now)
        }
    }

    /// A model's rules, by name (readers; trigger secrets are never returned).
    public func rules(modelName: String, by principal: Principal) async throws -> [AlertRule] {
        try await store.read { tx in
            let model = try await Registry.requireModel(tx.registryReader, modelName, principal, .readModel)
            return try await tx.alertRules(modelID: model.id).sorted { $0.name < $1.name }
        }
    }

    /// One rule (readers).
    public func rule(modelName: String, name: String, by principal: Principal) async throws -> AlertRule {
        try await store.read { tx in
            let model = try await Registry.requireModel(tx.registryReader, modelName, principal, .readModel)
            return try await Self.requireRule(tx, model, name)
        }
    }
}
