import Foundation

extension Migrations {
    /// 11: MLflow's proxied multipart uploads. The upload's state is in the database (not on the
    /// replica that started it), so its parts may reach any replica; each part's bytes are a blob,
    /// kept from garbage collection while its upload is open.
    static let multipartUploads = Migration(version: 11, name: "multipart artifact uploads") { _ in
        [
            """
            CREATE TABLE multipart_uploads (
                id TEXT PRIMARY KEY, path TEXT NOT NULL, num_parts BIGINT NOT NULL, created_by TEXT NOT NULL,
                created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX multipart_uploads_created ON multipart_uploads (created_at)",
            """
            CREATE TABLE multipart_upload_parts (
                upload_id TEXT NOT NULL REFERENCES multipart_uploads (id) ON DELETE CASCADE, part_number BIGINT NOT NULL,
                sha256 TEXT NOT NULL, size BIGINT NOT NULL, PRIMARY KEY (upload_id, part_number))
            """,
            "CREATE INDEX multipart_upload_parts_sha256 ON multipart_upload_parts (sha256)",
        ]
    }
}
