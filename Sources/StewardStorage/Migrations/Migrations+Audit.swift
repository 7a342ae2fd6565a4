extension Migrations {
    /// 3: the audit log. Entries are append-only leaves of an RFC 9162 Merkle tree; `audit_nodes`
    /// holds every completed perfect subtree so proofs need O(log n) reads; `audit_head` is the one
    /// row every append locks, which orders appends across replicas.
    static let audit = Migration(version: 3, name: "audit") { _ in
        [
            """
            CREATE TABLE audit_entries (
                idx BIGINT PRIMARY KEY, body TEXT NOT NULL, leaf_hash TEXT NOT NULL, root_hash TEXT NOT NULL,
                signature TEXT NOT NULL, at BIGINT NOT NULL, actor_id TEXT NOT NULL, actor_name TEXT NOT NULL,
                action TEXT NOT NULL, target_type TEXT NOT NULL, target_id TEXT NOT NULL,
                model TEXT, version BIGINT, dataset TEXT)
            """,
            "CREATE INDEX audit_entries_at ON audit_entries (at, idx)",
            "CREATE INDEX audit_entries_actor ON audit_entries (actor_name, idx)",
            "CREATE INDEX audit_entries_action ON audit_entries (action, idx)",
            "CREATE INDEX audit_entries_model ON audit_entries (model, version, idx)",
            "CREATE INDEX audit_entries_dataset ON audit_entries (dataset, idx)",
            """
            CREATE TABLE audit_nodes (
                level INTEGER NOT NULL, idx BIGINT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (level, idx))
            """,
            "CREATE TABLE audit_head (id INTEGER PRIMARY KEY, size BIGINT NOT NULL, frontier TEXT NOT NULL, signature TEXT NOT NULL)",
            "INSERT INTO audit_head (id, size, frontier, signature) VALUES (1, 0, '', '')",
        ]
    }
}
