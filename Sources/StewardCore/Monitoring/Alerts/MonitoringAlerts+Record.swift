import Foundation

extension MonitoringAlerts {
    /// Records per-window metric points and evaluates the enabled alert rules of the affected
    /// models on them, in ONE write transaction: the points (upserted: a recomputed window replaces
    /// its value), alerts opened or closed, their audit entries (by the monitoring evaluator), their
    /// outbox events and queued retraining triggers commit together or not at all.
    ///
    /// The background evaluator calls this as `MonitoringAlerts.evaluator`; points of a model or
    /// version deleted meanwhile are then skipped. Any other principal (an external system pushing
    /// its own metrics through the API) needs write permission on each model, gets 404 for a
    /// missing model or version, and its call is audited as `monitoring.metrics_record`.
    @discardableResult
    public func recordMetrics(_ points: [MetricPoint], by principal: Principal) async throws -> [AlertTransition] {
        try MetricPoint.validate(points)
        guard !points.isEmpty else { return [] }
        let now = clock()
        let isEvaluator = principal.authenticatedBy.hasPrefix("job:") && principal.id == "system"
        let byModel = Dictionary(grouping: points, by: \.modelName)
        return try await store.write { tx in
            var transitions: [AlertTransition] = []
            for name in byModel.keys.sorted() {
                let modelPoints = byModel[name]!
                let model: RegisteredModel
                if isEvaluator {
                    guard let found = try await tx.registryReader.model(named: name) else { continue }
                    model = found
                } else {
                    model = try await Registry.requireModel(tx.registryReader, name, principal, .writeVersion)
                }
                var versions: [Int: ModelVersion] = [:]
                for number in Set(modelPoints.map(\.version)).sorted() {
                    if let version = try await tx.registryReader.version(modelID: model.id, number: number) {
                        versions[number] = version
                    } else if !isEvaluator {
                        throw DomainError.versionNotFound(model.name, number)
                    }
                }
                let kept = modelPoints.filter { versions[$0.version] != nil }
                guard !kept.isEmpty else { continue }
                try await tx.upsertMetricPoints(modelID: model.id, kept, at: now)
                if !isEvaluator {
                    try await tx.registryWriter.audit("monitoring.metrics_record", AuditTarget("model", id: model.name, model: model.name),
                                                      after: Self.batchSummary(kept), by: principal, at: now)
                }
                transitions += try await evaluate(tx, model: model, versions: versions, points: kept, at: now)
            }
            return transitions
        }
    }

    /// Evaluates every enabled rule of `model` on the series the points touched.
    func evaluate(_ tx: any AlertWriter, model: RegisteredModel, versions: [Int: ModelVersion], points: [MetricPoint],
                  at now: Date) async throws -> [AlertTransition] {
        let rules = try await tx.alertRules(modelID: model.id).filter(\.enabled)
        guard !rules.isEmpty else { return [] }
        var aliasVersions: [String: Int] = [:]
        for case .alias(let alias) in rules.map(\.versions) where aliasVersions[alias] == nil {
            aliasVersions[alias] = try await tx.registryReader.alias(modelID: model.id, name: alias)?.version ?? 0
        }
        struct SeriesKey: Hashable { var version: Int; var metric: String; var feature: String? }
        let touched = Set(points.map { SeriesKey(version: $0.version, metric: $0.metric, feature: $0.feature) })
            .sorted { ($0.version, $0.metric, $0.feature ?? "") < ($1.version, $1.metric, $1.feature ?? "") }
        var transitions: [AlertTransition] = []
        for rule in rules {
            let aliasVersion: Int? = if case .alias(let alias) = rule.versions { aliasVersions[alias] } else { nil }
            for key in touched where key.metric == rule.metric && rule.watches(version: key.version, feature: key.feature, aliasVersion: aliasVersion) {
                guard let version = versions[key.version] else { continue }
                let newest = try await tx.newestWindows(modelID: model.id, version: key.version, metric: key.metric, feature: key.feature,
                                                        limit: max(rule.windows, rule.clearWindows))
                let reference = rule.condition == .outsideReference ? version.metrics[rule.metric] : nil
                let latest = try await tx.latestAlert(ruleID: rule.id, version: key.version, feature: key.feature)
                switch AlertEvaluator.decide(rule, newest: newest, reference: reference, latest: latest) {
                case .none: break
                case .open(let windows):
                    transitions.append(try await open(tx, rule: rule, model: model, version: version, feature: key.feature,
                                                      windows: windows, reference: reference, at: now))
                case .close(let windows):
                    guard var alert = latest else { continue }
                    alert.state = .closed
                    alert.closedAt = now
                    alert.closingWindows = windows
                    transitions.append(try await resolve(tx, alert, reason: "healthy_windows", at: now))
                }
            }
        }
        return transitions
    }

    /// Opens an alert: row, audit entry, outbox event and (when the rule has one) the retraining trigger.
    func open(_ tx: any AlertWriter, rule: AlertRule, model: RegisteredModel, version: ModelVersion, feature: String?,
              windows: [AlertWindow], reference: Double?, at now: Date) async throws -> AlertTransition {
        let threshold = rule.condition == .outsideReference ? (rule.threshold ?? ReferenceTolerance.defaultTolerance(for: rule.metric)) : rule.threshold
        let alert = Alert(id: UUID().uuidString.lowercased(), ruleID: rule.id, ruleName: rule.name, modelID: model.id, modelName: model.name,
                          version: version.number, feature: feature, metric: rule.metric, condition: rule.condition, threshold: threshold,
                          reference: reference, severity: rule.severity, state: .open, openedAt: now, openingWindows: windows,
                          triggered: rule.trigger != nil)
        try await tx.insertAlert(alert)
        try await tx.registryWriter.audit(AlertEvents.opened, AuditTarget("alert", id: alert.id, model: model.name, version: version.number),
                                          after: alert.summary, by: Self.evaluator, at: now)
        let event = AlertEvents.event(AlertEvents.opened, alert, at: now)
        try await tx.registryWriter.appendEvent(event)
        if let trigger = rule.trigger {
            let evidence = try await RetrainingEvidence.build(tx, rule: rule, alert: alert, version: version)
            let request = DomainEvent(type: AlertEvents.retrainingRequested, model: model.name, payload: evidence, createdAt: now)
            try await tx.enqueueRetrainingTrigger(alertID: alert.id, trigger: trigger, event: request, at: now)
        }
        return AlertTransition(kind: .opened, alert: alert)
    }

    /// Records a closed alert: row, audit entry and outbox event.
    func resolve(_ tx: any AlertWriter, _ alert: Alert, reason: String, at now: Date) async throws -> AlertTransition {
        try await tx.updateAlert(alert)
        try await tx.registryWriter.audit(AlertEvents.resolved, AuditTarget("alert", id: alert.id, model: alert.modelName, version: alert.version),
                                          before: .object(["state": .string("open")]), after: alert.summary, by: Self.evaluator, at: now)
        try await tx.registryWriter.appendEvent(AlertEvents.event(AlertEvents.resolved, alert, extra: ["reason": .string(reason)], at: now))
        return AlertTransition(kind: .resolved, alert: alert)
    }

    static func batchSummary(_ points: [MetricPoint]) -> JSONValue {
        .object([
            "points": .number(Double(points.count)), "versions": .array(Set(points.map(\.version)).sorted().map { .number(Double($0)) }),
            "metrics": .array(Set(points.map(\.metric)).sorted().map(JSONValue.string)),
            "from": .string(Timestamp.format(points.map(\.windowStart).min()!)), "to": .string(Timestamp.format(points.map(\.windowEnd).max()!)),
        ])
    }
}
