import Foundation

/// Metric time series, alert rules, alerts and queued retraining triggers, as the domain sees them
/// (issue 7). Transactions carry the registry of the same connection, so recording points, opening
/// an alert, its audit entry, its outbox event and its trigger commit together.
public protocol AlertStore: Sendable {
    func read<R: Sendable>(_ body: @escaping @Sendable (any AlertReader) async throws -> R) async throws -> R
    func write<R: Sendable>(_ body: @escaping @Sendable (any AlertWriter) async throws -> R) async throws -> R
}

/// Queries available inside `read` and `write`.
public protocol AlertReader: Sendable {
    var registryReader: any RegistryReader { get }
    /// Points of one series with `from <= window_start < to`, oldest first, at most `limit`.
    func metricSeries(modelID: String, version: Int, metric: String, feature: String?, from: Date?, to: Date?, limit: Int) async throws -> [MetricPoint]
    /// The newest `limit` windows of one series, newest first.
    func newestWindows(modelID: String, version: Int, metric: String, feature: String?, limit: Int) async throws -> [AlertWindow]
    /// Points of any metric of a version whose window starts at one of `windowStarts` (evidence).
    func points(modelID: String, version: Int, windowStarts: [Date]) async throws -> [MetricPoint]
    /// The metrics (and features) that have points for a version.
    func metricNames(modelID: String, version: Int) async throws -> [MetricSeriesInfo]
    func alertRules(modelID: String) async throws -> [AlertRule]
    func alertRule(modelID: String, name: String) async throws -> AlertRule?
    /// The newest alert of a series, open or closed.
    func latestAlert(ruleID: String, version: Int, feature: String?) async throws -> Alert?
    func alert(id: String) async throws -> Alert?
    /// Alerts matching `query`, newest opening first.
    func alerts(_ query: AlertQuery) async throws -> [Alert]
}

/// Changes available inside `write`.
public protocol AlertWriter: AlertReader {
    var registryWriter: any RegistryWriter { get }
    /// Inserts or replaces points (key: model, version, metric, feature, window start). Telemetry:
    /// the table is exempt from the audit journal.
    func upsertMetricPoints(modelID: String, _ points: [MetricPoint], at date: Date) async throws
    func insertAlertRule(_ rule: AlertRule) async throws
    func updateAlertRule(_ rule: AlertRule) async throws
    func deleteAlertRule(id: String) async throws
    func insertAlert(_ alert: Alert) async throws
    /// Updates state, closing fields and acknowledgement.
    func updateAlert(_ alert: Alert) async throws
    /// Queues a retraining webhook for delivery after commit (durable, retried like subscriptions').
    func enqueueRetrainingTrigger(alertID: String, trigger: RetrainingTrigger, event: DomainEvent, at date: Date) async throws
}
