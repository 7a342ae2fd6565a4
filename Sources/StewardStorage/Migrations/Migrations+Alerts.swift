import Foundation

extension Migrations {
    /// 9: monitoring metric time series, alert rules, alerts and the retraining-trigger queue
    /// (issue 7). Points are keyed by (model, version, metric, feature, window start) so recording
    /// a window again replaces it; whole-window metrics store the feature as '' because primary key
    /// columns cannot be NULL. Alerts keep their rule's name and are never deleted with it (the
    /// incident history outlives the rule). Retraining webhooks have their own queue, shaped like
    /// `webhook_deliveries`, because they go to a rule's pipeline rather than to a subscription.
    static let alerts = Migration(version: 9, name: "metric series, alert rules, alerts, retraining triggers") { dialect in
        let double = dialect == .postgres ? "DOUBLE PRECISION" : "REAL"
        return [
            """
            CREATE TABLE metric_points (
                model_id TEXT NOT NULL REFERENCES models (id) ON DELETE CASCADE, version BIGINT NOT NULL, metric TEXT NOT NULL,
                feature TEXT NOT NULL, window_start BIGINT NOT NULL, window_end BIGINT NOT NULL, value \(double) NOT NULL,
                recorded_at BIGINT NOT NULL, PRIMARY KEY (model_id, version, metric, feature, window_start))
            """,
            """
            CREATE TABLE alert_rules (
                id TEXT PRIMARY KEY, model_id TEXT NOT NULL REFERENCES models (id) ON DELETE CASCADE, name TEXT NOT NULL,
                metric TEXT NOT NULL, feature TEXT, versions TEXT NOT NULL, condition TEXT NOT NULL, threshold \(double),
                windows BIGINT NOT NULL, clear_windows BIGINT NOT NULL, cool_down_seconds BIGINT NOT NULL, severity TEXT NOT NULL,
                enabled BIGINT NOT NULL, trigger_url TEXT, trigger_secret TEXT, description TEXT NOT NULL, created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, UNIQUE (model_id, name))
            """,
            """
            CREATE TABLE alerts (
                id TEXT PRIMARY KEY, rule_id TEXT NOT NULL, rule_name TEXT NOT NULL,
                model_id TEXT NOT NULL REFERENCES models (id) ON DELETE CASCADE, version BIGINT NOT NULL, feature TEXT NOT NULL,
                metric TEXT NOT NULL, condition TEXT NOT NULL, threshold \(double), reference \(double), severity TEXT NOT NULL,
                state TEXT NOT NULL, opened_at BIGINT NOT NULL, closed_at BIGINT, opening_windows TEXT NOT NULL,
                closing_windows TEXT NOT NULL, last_window_start BIGINT NOT NULL, acknowledged_by TEXT, acknowledged_at BIGINT,
                triggered BIGINT NOT NULL)
            """,
            "CREATE INDEX alerts_series ON alerts (rule_id, version, feature, last_window_start)",
            "CREATE INDEX alerts_model ON alerts (model_id, opened_at, id)",
            "CREATE INDEX alerts_opened ON alerts (opened_at, id)",
            """
            CREATE TABLE retraining_deliveries (
                id TEXT PRIMARY KEY, alert_id TEXT NOT NULL, url TEXT NOT NULL, secret TEXT NOT NULL, event_id TEXT NOT NULL,
                event_type TEXT NOT NULL, model TEXT, payload TEXT NOT NULL, event_created_at BIGINT NOT NULL, state TEXT NOT NULL,
                attempts BIGINT NOT NULL, next_attempt_at BIGINT NOT NULL, claimed_until BIGINT, claim TEXT, last_status BIGINT,
                last_error TEXT, created_at BIGINT NOT NULL, delivered_at BIGINT)
            """,
            "CREATE INDEX retraining_deliveries_due ON retraining_deliveries (next_attempt_at) WHERE state = 'pending'",
            "CREATE INDEX retraining_deliveries_alert ON retraining_deliveries (alert_id)",
        ]
    }
}
