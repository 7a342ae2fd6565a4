import Foundation
import SQLKit
import StewardCore

/// Multipart uploads and their parts (the parts' bytes are blobs; `referencedBlobs` keeps them
/// while their upload is open).
extension SQLTrackingAccess {
    func multipartUpload(id: String) async throws -> MultipartUpload? {
        try await db.raw("SELECT id, path, num_parts, created_by, created_at FROM multipart_uploads WHERE id = \(bind: id)")
            .first()
            .map { row in
                MultipartUpload(id: try row.string("id"), path: try row.string("path"), numParts: try row.int("num_parts"),
                                createdBy: try row.string("created_by"), createdAt: try row.date("created_at"))
            }
    }

    func uploadParts(uploadID: String) async throws -> [UploadPart] {
        try await db.raw("""
            SELECT part_number, sha256, size FROM multipart_upload_parts WHERE upload_id = \(bind: uploadID) ORDER BY part_number
            """).all().map { row in
            UploadPart(number: try row.int("part_number"), sha256: try row.string("sha256"), size: try row.int64("size"))
        }
    }

    func insertMultipartUpload(_ upload: MultipartUpload) async throws {
        try await db.raw("""
            INSERT INTO multipart_uploads (id, path, num_parts, created_by, created_at)
            VALUES (\(bind: upload.id), \(bind: upload.path), \(bind: upload.numParts), \(bind: upload.createdBy), \(bind: upload.createdAt.millis))
            """).run()
    }

    func putUploadPart(uploadID: String, _ part: UploadPart) async throws {
        try await db.raw("""
            INSERT INTO multipart_upload_parts (upload_id, part_number, sha256, size)
            VALUES (\(bind: uploadID), \(bind: part.number), \(bind: part.sha256), \(bind: part.size))
            ON CONFLICT (upload_id, part_number) DO UPDATE SET sha256 = excluded.sha256, size = excluded.size
            """).run()
    }

    func deleteMultipartUpload(id: String) async throws {
        // Parts first: SQLite enforces the foreign key only when asked to, so no cascade is relied on.
        try await db.raw("DELETE FROM multipart_upload_parts WHERE upload_id = \(bind: id)").run()
        try await db.raw("DELETE FROM multipart_uploads WHERE id = \(bind: id)").run()
    }

    func deleteMultipartUploads(createdBefore date: Date) async throws {
        try await db.raw("""
            DELETE FROM multipart_upload_parts WHERE upload_id IN (SELECT id FROM multipart_uploads WHERE created_at < \(bind: date.millis))
            """).run()
        try await db.raw("DELETE FROM multipart_uploads WHERE created_at < \(bind: date.millis)").run()
    }
}
