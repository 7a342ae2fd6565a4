/// Every migration, in order.
public enum Migrations {
    public static let all: [Migration] = [registryCore, tracking, audit, lineage, retention, promotions, notifications, monitoring,
                                           alerts, // issue 7: 9 metric series and alerts
                                           catalog, // issue 8: 10 catalog, model cards and templates
                                           multipartUploads] // issue 3: 11 MLflow multipart uploads

    /// 1: models, versions, files, aliases and their history, accounts, teams, tokens, grants.
    static let registryCore = Migration(version: 1, name: "registry core") { dialect in
        let serial = dialect == .postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
        let double = dialect == .postgres ? "DOUBLE PRECISION" : "REAL"
        return [
            """
            CREATE TABLE models (
                id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT NOT NULL,
                owner TEXT, task TEXT, framework TEXT, card TEXT NOT NULL, tags TEXT NOT NULL,
                visibility TEXT NOT NULL DEFAULT 'internal',
                last_version BIGINT NOT NULL, created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, revision BIGINT NOT NULL)
            """,
            "CREATE INDEX models_created ON models (created_at, id)",
            "CREATE INDEX models_updated ON models (updated_at, id)",
            """
            CREATE TABLE model_tags (
                model_id TEXT NOT NULL REFERENCES models (id) ON DELETE CASCADE,
                key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (model_id, key))
            """,
            "CREATE INDEX model_tags_lookup ON model_tags (key, value, model_id)",
            """
            CREATE TABLE versions (
                id TEXT PRIMARY KEY, model_id TEXT NOT NULL REFERENCES models (id) ON DELETE CASCADE,
                number BIGINT NOT NULL, status TEXT NOT NULL, description TEXT NOT NULL,
                tags TEXT NOT NULL, params TEXT NOT NULL, metrics TEXT NOT NULL,
                input_schema TEXT, output_schema TEXT, source TEXT, manifest_digest TEXT,
                created_by TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
                sealed_at BIGINT, deleted_at BIGINT, revision BIGINT NOT NULL,
                UNIQUE (model_id, number))
            """,
            "CREATE INDEX versions_created ON versions (created_at, id)",
            "CREATE INDEX versions_updated ON versions (updated_at, id)",
            """
            CREATE TABLE version_tags (
                version_id TEXT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
                key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (version_id, key))
            """,
            "CREATE INDEX version_tags_lookup ON version_tags (key, value, version_id)",
            """
            CREATE TABLE version_params (
                version_id TEXT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
                key TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (version_id, key))
            """,
            "CREATE INDEX version_params_lookup ON version_params (key, value, version_id)",
            """
            CREATE TABLE version_metrics (
                version_id TEXT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
                key TEXT NOT NULL, value \(double) NOT NULL, PRIMARY KEY (version_id, key))
            """,
            "CREATE INDEX version_metrics_lookup ON version_metrics (key, value, version_id)",
            """
            CREATE TABLE version_files (
                version_id TEXT NOT NULL REFERENCES versions (id) ON DELETE CASCADE,
                path TEXT NOT NULL, sha256 TEXT NOT NULL, size BIGINT NOT NULL, updated_at BIGINT NOT NULL,
                PRIMARY KEY (version_id, path))
            """,
            "CREATE INDEX version_files_blob ON version_files (sha256)",
            """
            CREATE TABLE aliases (
                model_id TEXT NOT NULL REFERENCES models (id) ON DELETE CASCADE, name TEXT NOT NULL,
                version BIGINT NOT NULL, updated_at BIGINT NOT NULL, updated_by TEXT NOT NULL,
                PRIMARY KEY (model_id, name))
            """,
            """
            CREATE TABLE alias_events (
                seq \(serial), model_id TEXT NOT NULL REFERENCES models (id) ON DELETE CASCADE,
                alias TEXT NOT NULL, action TEXT NOT NULL, from_version BIGINT, to_version BIGINT,
                at BIGINT NOT NULL, actor TEXT NOT NULL)
            """,
            "CREATE INDEX alias_events_lookup ON alias_events (model_id, alias, seq)",
            """
            CREATE TABLE accounts (
                id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, roles TEXT NOT NULL,
                tier TEXT NOT NULL, password_hash TEXT, disabled BIGINT NOT NULL, created_at BIGINT NOT NULL,
                created_by TEXT NOT NULL)
            """,
            """
            CREATE TABLE teams (
                id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT NOT NULL, created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE team_members (
                team_id TEXT NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
                account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE, PRIMARY KEY (team_id, account_id))
            """,
            "CREATE INDEX team_members_account ON team_members (account_id)",
            """
            CREATE TABLE tokens (
                id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, account_id TEXT NOT NULL REFERENCES accounts (id),
                name TEXT NOT NULL, scopes TEXT NOT NULL, created_at BIGINT NOT NULL, created_by TEXT NOT NULL,
                expires_at BIGINT, revoked_at BIGINT, last_used_at BIGINT)
            """,
            "CREATE INDEX tokens_account ON tokens (account_id)",
            """
            CREATE TABLE model_grants (
                model_id TEXT NOT NULL REFERENCES models (id) ON DELETE CASCADE, subject_kind TEXT NOT NULL,
                subject_id TEXT NOT NULL, subject_name TEXT NOT NULL, permission TEXT NOT NULL,
                PRIMARY KEY (model_id, subject_id))
            """,
            "CREATE INDEX model_grants_subject ON model_grants (subject_id, model_id)",
            """
            CREATE TABLE idempotency_keys (
                principal_id TEXT NOT NULL, key TEXT NOT NULL, scope TEXT NOT NULL, fingerprint TEXT NOT NULL,
                resource_id TEXT NOT NULL, created_at BIGINT NOT NULL, PRIMARY KEY (principal_id, key))
            """,
        ]
    }
}
