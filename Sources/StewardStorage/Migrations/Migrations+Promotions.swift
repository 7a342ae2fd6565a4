import Foundation

extension Migrations {
    /// 5: protected aliases and promotion requests (issue 6). A protection row stays after the
    /// protection is removed (`active` = 0) so its policy version keeps counting up and an approval
    /// given under an old policy can never match a new one. Reviews are append-only rows; alias
    /// history gains the id of the promotion that made a move.
    static let promotions = Migration(version: 5, name: "protected aliases and promotions") { dialect in
        let serial = dialect == .postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT"
        return [
            """
            CREATE TABLE alias_protections (
                model_id TEXT NOT NULL REFERENCES models (id) ON DELETE CASCADE, alias TEXT NOT NULL,
                policy_version BIGINT NOT NULL, active BIGINT NOT NULL, policy TEXT NOT NULL,
                updated_by TEXT NOT NULL, updated_at BIGINT NOT NULL, PRIMARY KEY (model_id, alias))
            """,
            """
            CREATE TABLE promotion_requests (
                id TEXT PRIMARY KEY, model_id TEXT NOT NULL REFERENCES models (id) ON DELETE CASCADE,
                alias TEXT NOT NULL, version BIGINT NOT NULL, version_id TEXT NOT NULL, manifest_digest TEXT NOT NULL,
                policy_version BIGINT NOT NULL, from_version BIGINT, rollback BIGINT NOT NULL, state TEXT NOT NULL,
                requested_by TEXT NOT NULL, requested_by_id TEXT NOT NULL, comment TEXT NOT NULL, evidence TEXT NOT NULL,
                created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, closed_at BIGINT, closed_by TEXT, closing_comment TEXT)
            """,
            // Newest-first listing across models (optionally by state) and per model and alias.
            "CREATE INDEX promotion_requests_recent ON promotion_requests (created_at, id)",
            "CREATE INDEX promotion_requests_state ON promotion_requests (state, created_at, id)",
            "CREATE INDEX promotion_requests_alias ON promotion_requests (model_id, alias, state)",
            """
            CREATE TABLE promotion_reviews (
                seq \(serial), request_id TEXT NOT NULL REFERENCES promotion_requests (id) ON DELETE CASCADE,
                principal_id TEXT NOT NULL, principal_name TEXT NOT NULL, decision TEXT NOT NULL, comment TEXT NOT NULL,
                policy_version BIGINT NOT NULL, at BIGINT NOT NULL)
            """,
            "CREATE INDEX promotion_reviews_request ON promotion_reviews (request_id, seq)",
            "ALTER TABLE alias_events ADD COLUMN promotion_id TEXT",
        ]
    }
}
