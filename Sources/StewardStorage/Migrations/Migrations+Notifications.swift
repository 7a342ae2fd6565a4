import Foundation

extension Migrations {
    /// 6: subscriptions (who is told of which events, by webhook and/or feed), the webhook delivery
    /// queue (one row per event and subscription, claimed under a lease) with its attempt history,
    /// and a relay mark on outbox events. Events are fanned out by a mark on each row rather than a
    /// cursor: on PostgreSQL sequence values can commit out of order, and a cursor would skip an
    /// event committed late. Partial indexes keep "what is due" an index lookup at any history size.
    static let notifications = Migration(version: 6, name: "subscriptions and webhook deliveries") { dialect in
        let serial = dialect == .postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
        return [
            """
            CREATE TABLE subscriptions (
                id TEXT PRIMARY KEY, subject_kind TEXT NOT NULL, subject_key TEXT NOT NULL, subject_name TEXT NOT NULL,
                model TEXT, event_types TEXT NOT NULL, webhook_url TEXT, webhook_secret TEXT, feed BIGINT NOT NULL,
                enabled BIGINT NOT NULL, description TEXT NOT NULL, created_by TEXT NOT NULL, created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX subscriptions_subject ON subscriptions (subject_key, created_at)",
            "ALTER TABLE outbox_events ADD COLUMN relayed_at BIGINT",
            "CREATE INDEX outbox_events_unrelayed ON outbox_events (seq) WHERE relayed_at IS NULL",
            """
            CREATE TABLE webhook_deliveries (
                id TEXT PRIMARY KEY, subscription_id TEXT NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
                event_seq BIGINT NOT NULL, event_id TEXT NOT NULL, state TEXT NOT NULL, attempts BIGINT NOT NULL,
                next_attempt_at BIGINT NOT NULL, claimed_until BIGINT, claim TEXT, last_status BIGINT, last_error TEXT,
                created_at BIGINT NOT NULL, delivered_at BIGINT, UNIQUE (subscription_id, event_seq))
            """,
            "CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending'",
            """
            CREATE TABLE webhook_attempts (
                seq \(serial), delivery_id TEXT NOT NULL REFERENCES webhook_deliveries (id) ON DELETE CASCADE,
                attempt BIGINT NOT NULL, status_code BIGINT, error TEXT, at BIGINT NOT NULL, duration_ms BIGINT NOT NULL)
            """,
            "CREATE INDEX webhook_attempts_delivery ON webhook_attempts (delivery_id, seq)",
        ]
    }
}
