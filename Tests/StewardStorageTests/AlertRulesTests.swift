import Foundation
import NIOConcurrencyHelpers
import StewardCore
import StewardStorage
import StewardTestSupport
import Testing

/// Alert rules and the alert state machine over the real store (both databases): validation,
/// opening after N breaching windows, cool-down, closing after M healthy windows, idempotent
/// re-recording, out-of-order windows, outside_reference against the version's own metrics.
@Suite("Alert rules and alerts (both databases)")
struct AlertRulesTests {
    static let hour: TimeInterval = 3600
    static let t0 = Date(timeIntervalSince1970: 1_750_000_000)

    /// Points of one series, one per window (window i = [t0 + i h, t0 + (i+1) h)).
    static func points(_ values: [(Int, Double)], model: String = "churn", version: Int = 1, metric: String = "drift_score",
                       feature: String? = "age") -> [MetricPoint] {
        values.map { index, value in
            MetricPoint(modelName: model, version: version, metric: metric, feature: feature,
                        windowStart: t0.addingTimeInterval(Double(index) * hour), windowEnd: t0.addingTimeInterval(Double(index + 1) * hour), value: value)
        }
    }

    /// A model `churn` with one ready version (evaluation metrics given), and the alert use cases.
    static func withAlerts(_ database: TestDatabase, metrics: [String: Double] = [:],
                           _ body: (Registry, MonitoringAlerts, any DatabaseBackend) async throws -> Void) async throws {
        try await database.withBackend { backend, _ in
            let registry = Registry(store: SQLRegistryStore(backend: backend, audit: TestAuditKey.sealer))
            _ = try await registry.createModel(ModelDraft(name: "churn"), by: admin)
            _ = try await registry.readyVersion("churn", draft: VersionDraft(metrics: metrics))
            try await body(registry, MonitoringAlerts(store: SQLAlertStore(backend: backend, audit: TestAuditKey.sealer)), backend)
        }
    }

    static func kinds(_ transitions: [AlertTransition]) -> [String] { transitions.map(\.kind.rawValue) }

    @Test(arguments: TestDatabase.all)
    func rulesAreValidated(_ database: TestDatabase) async throws {
        try await Self.withAlerts(database) { _, alerts, _ in
            func code(_ draft: AlertRuleDraft) async -> String { await errorCode { _ = try await alerts.createRule(modelName: "churn", draft, by: admin) } }
            #expect(await code(AlertRuleDraft(metric: "drift_score", condition: "above", threshold: 0.2)) == "validation_failed") // no name
            #expect(await code(AlertRuleDraft(name: "r", metric: "Drift Score", condition: "above", threshold: 0.2)) == "validation_failed")
            #expect(await code(AlertRuleDraft(name: "r", metric: "drift_score", condition: "above")) == "validation_failed") // no threshold
            #expect(await code(AlertRuleDraft(name: "r", metric: "drift_score", condition: "sideways", threshold: 1)) == "validation_failed")
            #expect(await code(AlertRuleDraft(name: "r", metric: "drift_score", condition: "above", threshold: 1, windows: 0)) == "validation_failed")
            #expect(await code(AlertRuleDraft(name: "r", metric: "drift_score", condition: "above", threshold: 1, coolDownSeconds: -1)) == "validation_failed")
            #expect(await code(AlertRuleDraft(name: "r", metric: "rows", condition: "outside_reference")) == "validation_failed") // no default tolerance
            #expect(await code(AlertRuleDraft(name: "r", metric: "drift_score", versions: "@v1", condition: "above", threshold: 1)) == "validation_failed")
            #expect(await code(AlertRuleDraft(name: "r", metric: "drift_score", condition: "above", threshold: 1,
                                              triggerURL: "ftp://example.com/x")) == "validation_failed")
            #expect(await code(AlertRuleDraft(name: "r", metric: "drift_score", condition: "above", threshold: 1,
                                              triggerURL: "http://127.0.0.1:9/hook")) == "webhook_address_refused")
            #expect(await code(AlertRuleDraft(name: "r", metric: "drift_score", condition: "above", threshold: 1, severity: "urgent")) == "validation_failed")
            #expect(await errorCode { _ = try await alerts.createRule(modelName: "nope", AlertRuleDraft(name: "r", metric: "rows", condition: "above", threshold: 1), by: admin) } == "model_not_found")
            #expect(await errorCode { _ = try await alerts.createRule(modelName: "churn", AlertRuleDraft(name: "r", metric: "rows", condition: "above", threshold: 1), by: contributor) } == "forbidden")
            let rule = try await alerts.createRule(modelName: "churn", AlertRuleDraft(name: "acc", metric: "accuracy", condition: "outside_reference"), by: admin)
            #expect(rule.windows == 1 && rule.clearWindows == 1 && rule.coolDownSeconds == 0 && rule.severity == .warning && rule.enabled)
            #expect(await code(AlertRuleDraft(name: "acc", metric: "rows", condition: "above", threshold: 1)) == "alert_rule_exists")
            #expect(try await alerts.rules(modelName: "churn", by: contributor).map(\.name) == ["acc"])
            // Bad points change nothing.
            #expect(await errorCode { try await alerts.recordMetrics([MetricPoint(modelName: "churn", version: 1, metric: "rows", windowStart: Self.t0, windowEnd: Self.t0, value: 1)], by: admin) } == "validation_failed")
            #expect(await errorCode { try await alerts.recordMetrics(Self.points([(0, .nan)]), by: admin) } == "validation_failed")
            #expect(await errorCode { try await alerts.recordMetrics(Self.points([(0, 1)], version: 9), by: admin) } == "version_not_found")
            #expect(try await alerts.metricNames(modelName: "churn", version: 1, by: admin).isEmpty)
        }
    }

    @Test(arguments: TestDatabase.all)
    func opensAfterNWindowsClosesAfterMAndCoolsDown(_ database: TestDatabase) async throws {
        try await Self.withAlerts(database) { _, alerts, _ in
            _ = try await alerts.createRule(modelName: "churn", AlertRuleDraft(name: "drift", metric: "drift_score", feature: .some("*"), condition: "above",
                                                                               threshold: 0.2, windows: 2, clearWindows: 2, coolDownSeconds: 3 * 3600), by: admin)
            let e = MonitoringAlerts.evaluator
            #expect(Self.kinds(try await alerts.recordMetrics(Self.points([(0, 0.5)]), by: e)).isEmpty, "one breaching window is not enough")
            #expect(Self.kinds(try await alerts.recordMetrics(Self.points([(1, 0.1)]), by: e)).isEmpty, "a healthy window breaks the run")
            #expect(Self.kinds(try await alerts.recordMetrics(Self.points([(2, 0.3)]), by: e)).isEmpty)
            let opened = try await alerts.recordMetrics(Self.points([(3, 0.4)]), by: e)
            #expect(Self.kinds(opened) == ["opened"])
            #expect(opened.first?.alert.openingWindows.map(\.value) == [0.3, 0.4] && opened.first?.alert.feature == "age")
            // Another feature is its own series.
            #expect(Self.kinds(try await alerts.recordMetrics(Self.points([(3, 0.9)], feature: "income"), by: e)).isEmpty)
            #expect(Self.kinds(try await alerts.recordMetrics(Self.points([(4, 0.5), (5, 0.1)]), by: e)).isEmpty, "still open; one healthy window")
            let closed = try await alerts.recordMetrics(Self.points([(6, 0.05)]), by: e)
            #expect(Self.kinds(closed) == ["resolved"] && closed.first?.alert.closingWindows.map(\.value) == [0.1, 0.05])
            // Closed at the end of window 6 (t0 + 7 h); cool-down 3 h: windows ending by t0 + 10 h do not reopen.
            #expect(Self.kinds(try await alerts.recordMetrics(Self.points([(7, 0.5), (8, 0.6), (9, 0.7)]), by: e)).isEmpty, "cool-down")
            let reopened = try await alerts.recordMetrics(Self.points([(10, 0.8)]), by: e)
            #expect(Self.kinds(reopened) == ["opened"], "after the cool-down")
            let page = try await alerts.alerts(modelName: "churn", state: nil, by: admin)
            #expect(page.alerts.map(\.state) == [.open, .closed])
            #expect(try await alerts.alerts(modelName: nil, state: .open, by: admin).alerts.count == 1)
            // The series reads back in window order.
            let series = try await alerts.series(modelName: "churn", version: 1, metric: "drift_score", feature: "age", from: nil, to: nil, by: contributor)
            #expect(series.map(\.value) == [0.5, 0.1, 0.3, 0.4, 0.5, 0.1, 0.05, 0.5, 0.6, 0.7, 0.8])
            let names = try await alerts.metricNames(modelName: "churn", version: 1, by: contributor)
            #expect(names.map { "\($0.metric):\($0.feature ?? "-"):\($0.points)" } == ["drift_score:age:11", "drift_score:income:1"])
        }
    }

    @Test(arguments: TestDatabase.all)
    func reRecordingIsIdempotentAndLateWindowsFallIntoPlace(_ database: TestDatabase) async throws {
        try await Self.withAlerts(database) { _, alerts, backend in
            _ = try await alerts.createRule(modelName: "churn", AlertRuleDraft(name: "share", metric: "dataset_drift_share", condition: "above",
                                                                               threshold: 0.5, windows: 3), by: admin)
            let e = MonitoringAlerts.evaluator
            func share(_ values: [(Int, Double)]) -> [MetricPoint] { Self.points(values, metric: "dataset_drift_share", feature: nil) }
            // Windows 0, 2 and 3 arrive first; 1 arrives late. Three newest recorded windows are 0, 2, 3: all breach.
            #expect(Self.kinds(try await alerts.recordMetrics(share([(3, 0.8), (0, 0.9)]), by: e)).isEmpty)
            #expect(Self.kinds(try await alerts.recordMetrics(share([(2, 0.7)]), by: e)) == ["opened"])
            // The same points again, and the late window: nothing new happens, nothing is duplicated.
            #expect(Self.kinds(try await alerts.recordMetrics(share([(3, 0.8), (0, 0.9), (2, 0.7)]), by: e)).isEmpty)
            #expect(Self.kinds(try await alerts.recordMetrics(share([(1, 0.1)]), by: e)).isEmpty, "an older healthy window cannot close it")
            #expect(try await alerts.alerts(modelName: "churn", state: nil, by: admin).alerts.count == 1)
            let series = try await alerts.series(modelName: "churn", version: 1, metric: "dataset_drift_share", feature: nil, from: nil, to: nil, by: admin)
            #expect(series.map(\.value) == [0.9, 0.1, 0.7, 0.8])
            // A recomputed window replaces its value.
            _ = try await alerts.recordMetrics(share([(1, 0.6)]), by: e)
            #expect(try await alerts.series(modelName: "churn", version: 1, metric: "dataset_drift_share", feature: nil, from: nil, to: nil, by: admin)
                .map(\.value) == [0.9, 0.6, 0.7, 0.8])
            // Exactly one audit entry for the opening (points are telemetry); no duplicates on replay.
            let openings = try await backend.withReader { db in
                try await db.raw("SELECT COUNT(*) AS n FROM audit_entries WHERE action = 'monitoring.alert_opened'").first()!.decode(column: "n", as: Int.self)
            }
            #expect(openings == 1)
            // A version the rule does not select is not evaluated.
            _ = try await alerts.updateRule(modelName: "churn", name: "share", AlertRuleDraft(versions: "7"), by: admin)
            _ = try await alerts.recordMetrics(share([(4, 0.0), (5, 0.0)]), by: e)
            #expect(try await alerts.alerts(modelName: "churn", state: .open, by: admin).alerts.count == 1)
        }
    }

    @Test(arguments: TestDatabase.all)
    func outsideReferenceComparesWithTheVersionsMetrics(_ database: TestDatabase) async throws {
        try await Self.withAlerts(database, metrics: ["accuracy": 0.9, "rmse": 2.0]) { registry, alerts, _ in
            _ = try await registry.setAlias(modelName: "churn", alias: "prod", version: 1, by: admin)
            _ = try await alerts.createRule(modelName: "churn", AlertRuleDraft(name: "acc", metric: "accuracy", versions: "@prod",
                                                                               condition: "outside_reference"), by: admin)
            _ = try await alerts.createRule(modelName: "churn", AlertRuleDraft(name: "err", metric: "rmse", condition: "outside_reference"), by: admin)
            let e = MonitoringAlerts.evaluator
            func metric(_ name: String, _ values: [(Int, Double)]) -> [MetricPoint] { Self.points(values, metric: name, feature: nil) }
            // accuracy 0.75 is within 0.9 ± 20 % (0.72…1.08); rmse 2.15 within 2.0 ± 10 %.
            #expect(Self.kinds(try await alerts.recordMetrics(metric("accuracy", [(0, 0.75)]) + metric("rmse", [(0, 2.15)]), by: e)).isEmpty)
            let opened = try await alerts.recordMetrics(metric("accuracy", [(1, 0.7)]) + metric("rmse", [(1, 2.3)]), by: e)
            #expect(Set(opened.map(\.alert.ruleName)) == ["acc", "err"])
            #expect(opened.first { $0.alert.ruleName == "acc" }?.alert.reference == 0.9)
            #expect(opened.first { $0.alert.ruleName == "acc" }?.alert.threshold == 0.2)
            let resolved = try await alerts.recordMetrics(metric("accuracy", [(2, 0.88)]), by: e)
            #expect(Self.kinds(resolved) == ["resolved"] && resolved.first?.alert.ruleName == "acc")
            // Deleting a rule resolves its open alert.
            try await alerts.deleteRule(modelName: "churn", name: "err", by: admin)
            #expect(try await alerts.alerts(modelName: "churn", state: .open, by: admin).alerts.isEmpty)
            #expect(await errorCode { _ = try await alerts.rule(modelName: "churn", name: "err", by: admin) } == "alert_rule_not_found")
        }
    }

    @Test func evaluatorIsAPureFunction() {
        let rule = AlertRule(id: "r", modelID: "m", modelName: "m", name: "r", metric: "drift_score", feature: nil, versions: .all, condition: .above,
                             threshold: 0.5, windows: 2, clearWindows: 1, coolDownSeconds: 0, severity: .warning, enabled: true, trigger: nil,
                             description: "", createdBy: "t", createdAt: Self.t0, updatedAt: Self.t0)
        func w(_ i: Int, _ v: Double) -> AlertWindow {
            AlertWindow(start: Self.t0.addingTimeInterval(Double(i) * Self.hour), end: Self.t0.addingTimeInterval(Double(i + 1) * Self.hour), value: v)
        }
        #expect(AlertEvaluator.decide(rule, newest: [w(1, 0.9)], reference: nil, latest: nil) == .none)
        #expect(AlertEvaluator.decide(rule, newest: [w(1, 0.9), w(0, 0.6)], reference: nil, latest: nil) == .open([w(0, 0.6), w(1, 0.9)]))
        #expect(AlertEvaluator.decide(rule, newest: [w(1, 0.9), w(0, 0.4)], reference: nil, latest: nil) == .none)
        #expect(AlertEvaluator.breaches(rule, 0.5, reference: nil) == false)
        #expect(ReferenceTolerance.isOutside(0.71, reference: 0.9, tolerance: 0.2) && !ReferenceTolerance.isOutside(0.73, reference: 0.9, tolerance: 0.2))
    }
}
