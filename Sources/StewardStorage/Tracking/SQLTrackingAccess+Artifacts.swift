import SQLKit
import StewardCore

extension SQLTrackingAccess {
    func artifactFile(path: String) async throws -> ArtifactFile? {
        try await db.raw("SELECT path, sha256, size FROM artifact_files WHERE path = \(bind: path)").all().first.map(decodeArtifact)
    }

    func artifactFiles(under path: String) async throws -> [ArtifactFile] {
        let sql: SQLQueryString = path.isEmpty
            ? "SELECT path, sha256, size FROM artifact_files ORDER BY path"
            : "SELECT path, sha256, size FROM artifact_files WHERE path LIKE \(bind: Self.likePrefix(path)) ESCAPE '\\' ORDER BY path"
        return try await db.raw(sql).all().map(decodeArtifact)
    }

    func putArtifactFile(_ file: ArtifactFile, at time: Int64) async throws {
        try await db.raw("""
            INSERT INTO artifact_files (path, sha256, size, updated_at)
            VALUES (\(bind: file.path), \(bind: file.sha256), \(bind: file.size), \(bind: time))
            ON CONFLICT (path) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size, updated_at = excluded.updated_at
            """).run()
    }

    func deleteArtifactFiles(path: String) async throws -> Int {
        let rows = try await db.raw("""
            DELETE FROM artifact_files WHERE path = \(bind: path) OR path LIKE \(bind: Self.likePrefix(path)) ESCAPE '\\' RETURNING path
            """).all()
        return rows.count
    }

    /// `<path>/%` with LIKE's wildcards in the path escaped, so only real descendants match.
    static func likePrefix(_ path: String) -> String {
        path.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
            .replacingOccurrences(of: "_", with: "\\_") + "/%"
    }

    private func decodeArtifact(_ row: any SQLRow) throws -> ArtifactFile {
        ArtifactFile(path: try row.string("path"), sha256: try row.string("sha256"), size: try row.int64("size"))
    }
}
