import Foundation

/// One page of alerts, newest opening first.
public struct AlertPage: Sendable {
    public var alerts: [Alert]
    /// Continue after this (nil on the last page).
    public var nextPageToken: String?
}

extension MonitoringAlerts {
    /// The time series of one metric (and feature) of a version, oldest window first (readers).
    /// `from`/`to` bound window starts (`from` inclusive, `to` exclusive); at most `limit` points.
    public func series(modelName: String, version number: Int, metric: String, feature: String?, from: Date?, to: Date?,
                       limit: Int = 1000, by principal: Principal) async throws -> [MetricPoint] {
        try MetricPoint.validateMetric(metric)
        if let feature { try MetricPoint.validateFeature(feature) }
        guard (1...10_000).contains(limit) else { throw DomainError.invalidField("max_results", "must be between 1 and 10000") }
        if let from, let to, to <= from { throw DomainError.invalidField("to", "must be after from") }
        return try await store.read { tx in
            let model = try await Registry.requireModel(tx.registryReader, modelName, principal, .readModel)
            let version = try await Registry.requireVersion(tx.registryReader, model, number)
            return try await tx.metricSeries(modelID: model.id, version: version.number, metric: metric, feature: feature, from: from, to: to, limit: limit)
        }
    }

    /// The metrics (with features) a version has points for (readers).
    public func metricNames(modelName: String, version number: Int, by principal: Principal) async throws -> [MetricSeriesInfo] {
        try await store.read { tx in
            let model = try await Registry.requireModel(tx.registryReader, modelName, principal, .readModel)
            let version = try await Registry.requireVersion(tx.registryReader, model, number)
            return try await tx.metricNames(modelID: model.id, version: version.number)
        }
    }

    /// Alerts of one model (readers), or with `modelName` nil of every model the caller may read
    /// (filtered in the query, so restricted models never show and pages stay full).
    public func alerts(modelName: String?, state: Alert.State?, pageToken: String? = nil, limit: Int = 100,
                       by principal: Principal) async throws -> AlertPage {
        guard (1...500).contains(limit) else { throw DomainError.invalidField("max_results", "must be between 1 and 500") }
        let after = try pageToken.flatMap { $0.isEmpty ? nil : try PromotionCursor(token: $0) }
        try AccessPolicy.authorize(principal, .readModel)
        return try await store.read { tx in
            var query = AlertQuery(state: state, after: after, limit: limit + 1)
            if let modelName {
                query.modelID = try await Registry.requireModel(tx.registryReader, modelName, principal, .readModel).id
            } else {
                query.visibility = VisibilityScope(principal)
            }
            let rows = try await tx.alerts(query)
            let page = Array(rows.prefix(limit))
            let next = rows.count > limit ? page.last.map { PromotionCursor(createdAt: Timestamp.milliseconds($0.openedAt), id: $0.id).token } : nil
            return AlertPage(alerts: page, nextPageToken: next)
        }
    }

    /// Acknowledges an alert (writers of its model): someone is on it. Audited, and told to
    /// subscribers as `monitoring.alert_acknowledged`; acknowledging twice keeps the first.
    public func acknowledge(modelName: String, alertID: String, by principal: Principal) async throws -> Alert {
        let now = clock()
        return try await store.write { tx in
            let model = try await Registry.requireModel(tx.registryReader, modelName, principal, .acknowledgeAlert)
            guard alertID.utf8.count <= 64, var alert = try await tx.alert(id: alertID), alert.modelID == model.id else {
                throw DomainError(.notFound, code: "alert_not_found", "Model '\(model.name)' has no alert '\(alertID.prefix(64))'.")
            }
            guard alert.acknowledgedAt == nil else { return alert }
            alert.acknowledgedBy = principal.name
            alert.acknowledgedAt = now
            try await tx.updateAlert(alert)
            try await tx.registryWriter.audit("monitoring.alert_acknowledge", AuditTarget("alert", id: alert.id, model: model.name, version: alert.version),
                                              after: .object(["acknowledged_by": .string(principal.name)]), by: principal, at: now)
            try await tx.registryWriter.appendEvent(AlertEvents.event(AlertEvents.acknowledged, alert,
                                                                      extra: ["actor": .string(principal.name)], at: now))
            return alert
        }
    }
}
