import Foundation

extension Migrations {
    /// 2: experiments (with the default experiment "0"), runs with params, metric history, latest
    /// metrics, tags, datasets and inputs/outputs; MLflow 3 logged models; the artifact index of the
    /// `mlflow-artifacts:` tree (bytes live in the blob store); the tracking-side facts of registered
    /// versions (MLflow stage, source run, source location).
    static let tracking = Migration(version: 2, name: "tracking") { dialect in
        let double = dialect == .postgres ? "DOUBLE PRECISION" : "REAL"
        let serial = dialect == .postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        return [
            """
            CREATE TABLE experiments (
                id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE, artifact_location TEXT NOT NULL,
                lifecycle_stage TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            INSERT INTO experiments (id, name, artifact_location, lifecycle_stage, created_at, updated_at)
            VALUES (0, 'Default', 'mlflow-artifacts:/0', 'active', \(now), \(now))
            """,
            """
            CREATE TABLE experiment_tags (
                experiment_id BIGINT NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
                key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (experiment_id, key))
            """,
            """
            CREATE TABLE runs (
                id TEXT PRIMARY KEY, experiment_id BIGINT NOT NULL REFERENCES experiments (id),
                name TEXT NOT NULL, user_id TEXT NOT NULL, status TEXT NOT NULL, start_time BIGINT NOT NULL,
                end_time BIGINT, artifact_uri TEXT NOT NULL, lifecycle_stage TEXT NOT NULL)
            """,
            "CREATE INDEX runs_experiment ON runs (experiment_id, start_time)",
            """
            CREATE TABLE run_params (
                run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key))
            """,
            """
            CREATE TABLE run_tags (
                run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (run_id, key))
            """,
            """
            CREATE TABLE run_metrics (
                seq \(serial), run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                key TEXT NOT NULL, value \(double) NOT NULL, ts BIGINT NOT NULL, step BIGINT NOT NULL,
                model_id TEXT, dataset_name TEXT, dataset_digest TEXT)
            """,
            "CREATE INDEX run_metrics_history ON run_metrics (run_id, key, step, ts)",
            "CREATE INDEX run_metrics_model ON run_metrics (model_id)",
            """
            CREATE TABLE run_latest_metrics (
                run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                key TEXT NOT NULL, value \(double) NOT NULL, ts BIGINT NOT NULL, step BIGINT NOT NULL,
                model_id TEXT, dataset_name TEXT, dataset_digest TEXT, PRIMARY KEY (run_id, key))
            """,
            "CREATE INDEX run_latest_metrics_lookup ON run_latest_metrics (key, value, run_id)",
            """
            CREATE TABLE datasets (
                id TEXT PRIMARY KEY, experiment_id BIGINT NOT NULL REFERENCES experiments (id),
                name TEXT NOT NULL, digest TEXT NOT NULL, source_type TEXT NOT NULL, source TEXT NOT NULL,
                schema_text TEXT, profile TEXT, created_at BIGINT NOT NULL,
                UNIQUE (experiment_id, name, digest))
            """,
            """
            CREATE TABLE run_dataset_inputs (
                run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
                dataset_id TEXT NOT NULL REFERENCES datasets (id), tags TEXT NOT NULL,
                PRIMARY KEY (run_id, dataset_id))
            """,
            """
            CREATE TABLE run_model_inputs (
                run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, model_id TEXT NOT NULL,
                PRIMARY KEY (run_id, model_id))
            """,
            """
            CREATE TABLE run_model_outputs (
                run_id TEXT NOT NULL REFERENCES runs (id) ON DELETE CASCADE, model_id TEXT NOT NULL,
                step BIGINT NOT NULL, PRIMARY KEY (run_id, model_id))
            """,
            """
            CREATE TABLE logged_models (
                id TEXT PRIMARY KEY, experiment_id BIGINT NOT NULL REFERENCES experiments (id),
                name TEXT NOT NULL, model_type TEXT, source_run_id TEXT, status TEXT NOT NULL,
                artifact_uri TEXT NOT NULL, lifecycle_stage TEXT NOT NULL,
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, tags TEXT NOT NULL, params TEXT NOT NULL)
            """,
            "CREATE INDEX logged_models_experiment ON logged_models (experiment_id, name)",
            """
            CREATE TABLE artifact_files (
                path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, size BIGINT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            "CREATE INDEX artifact_files_blob ON artifact_files (sha256)",
            """
            CREATE TABLE version_tracking (
                version_id TEXT PRIMARY KEY REFERENCES versions (id) ON DELETE CASCADE,
                stage TEXT NOT NULL, run_id TEXT, run_link TEXT, artifact_uri TEXT, logged_model_id TEXT)
            """,
            "CREATE INDEX version_tracking_run ON version_tracking (run_id)",
        ]
    }
}
