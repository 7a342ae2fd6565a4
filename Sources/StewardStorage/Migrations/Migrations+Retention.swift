import Foundation

extension Migrations {
    /// 7: version lifecycle (deprecation with replacement and sunset, legal hold, retirement) kept
    /// beside the version rows; per-model retention policies; the file rows of retired versions
    /// (moved out of the live manifest, kept for the record); garbage-collection marks.
    static let retention = Migration(version: 7, name: "deprecation, retention and garbage collection") { _ in
        [
            """
            CREATE TABLE version_lifecycle (
                version_id TEXT PRIMARY KEY REFERENCES versions (id) ON DELETE CASCADE,
                reason TEXT, replacement BIGINT, sunset_at BIGINT, deprecated_at BIGINT, deprecated_by TEXT,
                sunset_notice_at BIGINT, hold_reason TEXT, held_by TEXT, held_at BIGINT,
                retired_at BIGINT, retired_by TEXT)
            """,
            // The sunset-notice job's scan: deprecated, not yet noticed.
            "CREATE INDEX version_lifecycle_sunset ON version_lifecycle (sunset_at, sunset_notice_at)",
            """
            CREATE TABLE retention_policies (
                model_id TEXT PRIMARY KEY REFERENCES models (id) ON DELETE CASCADE,
                keep_last BIGINT, max_age_days BIGINT, consumer_window_days BIGINT NOT NULL,
                updated_at BIGINT NOT NULL, updated_by TEXT NOT NULL)
            """,
            """
            CREATE TABLE retired_version_files (
                version_id TEXT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
                path TEXT NOT NULL, sha256 TEXT NOT NULL, size BIGINT NOT NULL, retired_at BIGINT NOT NULL,
                PRIMARY KEY (version_id, path))
            """,
            """
            CREATE TABLE gc_candidates (
                sha256 TEXT PRIMARY KEY, size BIGINT NOT NULL, marked_at BIGINT NOT NULL)
            """,
            "CREATE INDEX version_consumption_recent ON version_consumption (version_id, last_seen)",
        ]
    }
}
