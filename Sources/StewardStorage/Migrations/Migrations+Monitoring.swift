import Foundation

extension Migrations {
    /// 8: production monitoring (issue 7). Monitor settings and reference profiles are audited
    /// facts; the rest is telemetry exempt from the audit journal (see `WriteJournal.exemptTables`):
    /// partial window profiles (one encoded row per batch and window, merged when read), slim
    /// prediction records for label joins (no features), pending labels, rejected rows kept for
    /// inspection, and per-window counters whose `changed_at` drives the evaluator. Profiles are
    /// base64 text, which both databases store and compare the same way.
    static let monitoring = Migration(version: 8, name: "production monitoring") { dialect in
        let serial = dialect == .postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
        return [
            """
            CREATE TABLE monitors (
                version_id TEXT PRIMARY KEY REFERENCES versions (id) ON DELETE CASCADE, settings TEXT NOT NULL,
                updated_at BIGINT NOT NULL, updated_by TEXT NOT NULL)
            """,
            """
            CREATE TABLE monitor_references (
                version_id TEXT PRIMARY KEY REFERENCES versions (id) ON DELETE CASCADE, source TEXT NOT NULL,
                dataset_version_id TEXT REFERENCES dataset_versions (id), row_count BIGINT NOT NULL, profile TEXT NOT NULL,
                created_at BIGINT NOT NULL, created_by TEXT NOT NULL)
            """,
            """
            CREATE TABLE monitor_partials (
                seq \(serial), version_id TEXT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
                window_start BIGINT NOT NULL, window_seconds BIGINT NOT NULL, row_count BIGINT NOT NULL, profile TEXT NOT NULL,
                created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX monitor_partials_window ON monitor_partials (version_id, window_start)",
            """
            CREATE TABLE monitor_predictions (
                version_id TEXT NOT NULL REFERENCES versions (id) ON DELETE CASCADE, row_id TEXT NOT NULL,
                window_start BIGINT NOT NULL, prediction TEXT NOT NULL, probabilities TEXT, label TEXT, labelled_at BIGINT,
                PRIMARY KEY (version_id, row_id))
            """,
            "CREATE INDEX monitor_predictions_labelled ON monitor_predictions (version_id, window_start) WHERE label IS NOT NULL",
            """
            CREATE TABLE monitor_pending_labels (
                version_id TEXT NOT NULL REFERENCES versions (id) ON DELETE CASCADE, row_id TEXT NOT NULL, label TEXT NOT NULL,
                received_at BIGINT NOT NULL, PRIMARY KEY (version_id, row_id))
            """,
            """
            CREATE TABLE monitor_rejected (
                seq \(serial), version_id TEXT NOT NULL REFERENCES versions (id) ON DELETE CASCADE, row_id TEXT,
                window_start BIGINT NOT NULL, reason TEXT NOT NULL, detail TEXT NOT NULL, raw TEXT NOT NULL, received_at BIGINT NOT NULL)
            """,
            "CREATE INDEX monitor_rejected_version ON monitor_rejected (version_id, seq)",
            "CREATE INDEX monitor_rejected_window ON monitor_rejected (version_id, window_start, reason)",
            """
            CREATE TABLE monitor_windows (
                version_id TEXT NOT NULL REFERENCES versions (id) ON DELETE CASCADE, window_start BIGINT NOT NULL,
                window_seconds BIGINT NOT NULL, row_count BIGINT NOT NULL, rejected_count BIGINT NOT NULL, changed_at BIGINT NOT NULL,
                PRIMARY KEY (version_id, window_start))
            """,
            "CREATE INDEX monitor_windows_changed ON monitor_windows (changed_at)",
        ]
    }
}
