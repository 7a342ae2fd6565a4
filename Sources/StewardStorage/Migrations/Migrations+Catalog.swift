import Foundation

extension Migrations {
    /// 10 (issue 8): the catalog. Catalog facts live on the model row (source, license, template and
    /// the derived lifecycle and card completeness), so one index scan counts every facet. Each
    /// model's searchable text is a row of `catalog_documents`, rewritten in the transaction of every
    /// change to it: on SQLite an external-content FTS5 index over it (kept in step by triggers), on
    /// PostgreSQL a weighted `tsvector` column with a GIN index. Versions keep the card they were
    /// registered with (`version_cards`); templates are `model_templates`.
    static let catalog = Migration(version: 10, name: "catalog, model cards and templates") { dialect in
        let double = dialect == .postgres ? "DOUBLE PRECISION" : "REAL"
        var statements = [
            "ALTER TABLE models ADD COLUMN source_kind TEXT NOT NULL DEFAULT 'internal'",
            "ALTER TABLE models ADD COLUMN provider TEXT",
            "ALTER TABLE models ADD COLUMN source_url TEXT",
            "ALTER TABLE models ADD COLUMN source_revision TEXT",
            "ALTER TABLE models ADD COLUMN source_license TEXT",
            "ALTER TABLE models ADD COLUMN terms TEXT",
            // Effective license: the source's, else the card's `license`.
            "ALTER TABLE models ADD COLUMN license TEXT",
            "ALTER TABLE models ADD COLUMN template TEXT",
            "ALTER TABLE models ADD COLUMN lifecycle TEXT NOT NULL DEFAULT 'draft'",
            "ALTER TABLE models ADD COLUMN card_completeness \(double) NOT NULL DEFAULT 0",
            // Facet counting walks this index (no table access for the facet columns).
            "CREATE INDEX models_catalog_facets ON models (task, framework, owner, lifecycle, license, source_kind, visibility, id)",
            "CREATE INDEX models_template ON models (template)",
            // Monitoring health: open alerts per model.
            "CREATE INDEX alerts_open_model ON alerts (model_id) WHERE state = 'open'",
            "CREATE INDEX alert_rules_model ON alert_rules (model_id)",
            """
            CREATE TABLE model_templates (
                id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, description TEXT NOT NULL, required_card_fields TEXT NOT NULL,
                recommended_card_fields TEXT NOT NULL, required_metrics TEXT NOT NULL, params_schema TEXT, input_schema TEXT,
                created_by TEXT NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, revision BIGINT NOT NULL)
            """,
            """
            CREATE TABLE version_cards (
                version_id TEXT PRIMARY KEY REFERENCES versions (id) ON DELETE CASCADE, model_id TEXT NOT NULL,
                card TEXT NOT NULL, updated_by TEXT NOT NULL, updated_at BIGINT NOT NULL)
            """,
        ]
        switch dialect {
        case .sqlite:
            statements += [
                """
                CREATE TABLE catalog_documents (
                    doc INTEGER PRIMARY KEY AUTOINCREMENT, model_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
                    keywords TEXT NOT NULL, description TEXT NOT NULL, card TEXT NOT NULL)
                """,
                """
                CREATE VIRTUAL TABLE catalog_fts USING fts5(name, keywords, description, card, content = 'catalog_documents',
                    content_rowid = 'doc', tokenize = 'porter unicode61 remove_diacritics 2')
                """,
                """
                CREATE TRIGGER catalog_documents_ai AFTER INSERT ON catalog_documents BEGIN
                    INSERT INTO catalog_fts (rowid, name, keywords, description, card)
                    VALUES (new.doc, new.name, new.keywords, new.description, new.card);
                END
                """,
                """
                CREATE TRIGGER catalog_documents_ad AFTER DELETE ON catalog_documents BEGIN
                    INSERT INTO catalog_fts (catalog_fts, rowid, name, keywords, description, card)
                    VALUES ('delete', old.doc, old.name, old.keywords, old.description, old.card);
                END
                """,
            ]
        case .postgres:
            statements += [
                """
                CREATE TABLE catalog_documents (
                    model_id TEXT PRIMARY KEY, name TEXT NOT NULL, keywords TEXT NOT NULL, description TEXT NOT NULL,
                    card TEXT NOT NULL,
                    tsv tsvector GENERATED ALWAYS AS (
                        setweight(to_tsvector('english', name), 'A') || setweight(to_tsvector('english', keywords), 'B')
                        || setweight(to_tsvector('english', description), 'C') || setweight(to_tsvector('english', card), 'D')) STORED)
                """,
                "CREATE INDEX catalog_documents_tsv ON catalog_documents USING GIN (tsv)",
            ]
        }
        // Existing models: searchable by name, description and raw tags/card text until their next change
        // rewrites the document properly; lifecycle from their versions.
        statements += [
            """
            INSERT INTO catalog_documents (model_id, name, keywords, description, card)
            SELECT id, name, COALESCE(task, '') || ' ' || COALESCE(framework, '') || ' ' || COALESCE(owner, '') || ' ' || tags,
                   description, card FROM models
            """,
            """
            UPDATE models SET lifecycle = CASE
                WHEN NOT EXISTS (SELECT 1 FROM versions v WHERE v.model_id = models.id AND v.deleted_at IS NULL AND v.status = 'ready') THEN 'draft'
                WHEN EXISTS (SELECT 1 FROM versions v LEFT JOIN version_lifecycle l ON l.version_id = v.id
                             WHERE v.model_id = models.id AND v.deleted_at IS NULL AND v.status = 'ready'
                               AND l.deprecated_at IS NULL AND l.retired_at IS NULL) THEN 'active'
                WHEN EXISTS (SELECT 1 FROM versions v JOIN version_lifecycle l ON l.version_id = v.id
                             WHERE v.model_id = models.id AND v.deleted_at IS NULL AND v.status = 'ready'
                               AND l.deprecated_at IS NOT NULL AND l.retired_at IS NULL) THEN 'deprecated'
                ELSE 'retired' END
            """,
        ]
        return statements
    }
}
