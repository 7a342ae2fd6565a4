import Foundation

extension Migrations {
    /// 4: registered datasets and their immutable versions, taint flags (beside the versions, which
    /// never change), run → dataset version edges (from native runs and MLflow `log_input`),
    /// consumption telemetry (who resolved which version, per day) and the transactional outbox.
    /// The indexes serve downstream lineage: dataset version → runs → versions → aliases/consumers
    /// is a chain of index lookups, so it stays two set-based queries at any fan-out.
    static let lineage = Migration(version: 4, name: "datasets and lineage") { dialect in
        let serial = dialect == .postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
        return [
            """
            CREATE TABLE registered_datasets (
                id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT NOT NULL, owner TEXT,
                source_system TEXT, license TEXT, tags TEXT NOT NULL, last_version BIGINT NOT NULL,
                created_by TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE dataset_versions (
                id TEXT PRIMARY KEY, dataset_id TEXT NOT NULL REFERENCES registered_datasets (id),
                number BIGINT NOT NULL, uri TEXT NOT NULL, digest TEXT NOT NULL, schema_json TEXT, row_count BIGINT,
                profile TEXT, source_system TEXT, license TEXT, tags TEXT NOT NULL, created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL, UNIQUE (dataset_id, number), UNIQUE (dataset_id, digest))
            """,
            """
            CREATE TABLE dataset_taints (
                dataset_version_id TEXT PRIMARY KEY REFERENCES dataset_versions (id), reason TEXT NOT NULL,
                comment TEXT NOT NULL, flagged_by TEXT NOT NULL, flagged_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE run_dataset_versions (
                run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                dataset_version_id TEXT NOT NULL REFERENCES dataset_versions (id), context TEXT,
                PRIMARY KEY (run_id, dataset_version_id))
            """,
            "CREATE INDEX run_dataset_versions_dataset ON run_dataset_versions (dataset_version_id, run_id)",
            "CREATE INDEX aliases_version ON aliases (model_id, version)",
            // Covering: the walk from a run to its versions reads the index only.
            "CREATE INDEX version_tracking_run_version ON version_tracking (run_id, version_id)",
            """
            CREATE TABLE version_consumption (
                version_id TEXT NOT NULL REFERENCES versions (id) ON DELETE CASCADE, consumer_id TEXT NOT NULL,
                day TEXT NOT NULL, count BIGINT NOT NULL, last_seen BIGINT NOT NULL,
                PRIMARY KEY (version_id, consumer_id, day))
            """,
            """
            CREATE TABLE outbox_events (
                seq \(serial), id TEXT NOT NULL UNIQUE, created_at BIGINT NOT NULL, type TEXT NOT NULL, model TEXT,
                payload TEXT NOT NULL)
            """,
        ]
    }
}
