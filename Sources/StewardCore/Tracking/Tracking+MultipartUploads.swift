import Foundation

/// MLflow's proxied multipart upload. The bytes of each part go to the blob store (the door does
/// that); these use cases keep the upload's state in the database, so parts may reach any replica.
extension Tracking {
    /// Opens an upload of `numParts` parts for the artifact at `path` (the door joins the directory
    /// and the local file's name, as MLflow's server does). Uploads older than their lifetime are
    /// dropped on the way.
    public func createMultipartUpload(path: String, numParts: Int, by principal: Principal) async throws -> MultipartUpload {
        let path = try prepareArtifactUpload(path: path, by: principal)
        guard (1...MultipartUpload.maxParts).contains(numParts) else {
            throw DomainError.invalidField("num_parts", "must be between 1 and \(MultipartUpload.maxParts)")
        }
        let now = clock()
        let upload = MultipartUpload(id: Self.newHexID(), path: path, numParts: numParts, createdBy: principal.id, createdAt: now)
        try await store.write { tx in
            try await tx.deleteMultipartUploads(createdBefore: now.addingTimeInterval(-MultipartUpload.lifetime))
            try await tx.insertMultipartUpload(upload)
            try await tx.audit("artifact.upload_start", AuditTarget("artifact", id: path),
                               after: ["upload_id": .string(upload.id), "parts": .number(Double(numParts))], by: principal, at: now)
        }
        return upload
    }

    /// Checks a part before its bytes are taken: the upload is open and `principal`'s, the number in
    /// range (checked again when the part is recorded).
    public func prepareUploadPart(uploadID: String, number: Int, by principal: Principal) async throws {
        try Self.authorizeWrite(principal)
        let upload = try await store.read { try await Self.requireUpload($0, uploadID, principal, at: self.clock()) }
        try Self.checkPartNumber(number, of: upload)
    }

    /// Records a received part (a part sent again replaces the earlier one). Every part is on the
    /// audit trail: the bytes of a company asset are traced as they arrive, not only when joined.
    public func recordUploadPart(uploadID: String, _ part: UploadPart, by principal: Principal) async throws {
        try Self.authorizeWrite(principal)
        let now = clock()
        try await store.write { tx in
            let upload = try await Self.requireUpload(tx, uploadID, principal, at: now)
            try Self.checkPartNumber(part.number, of: upload)
            try await tx.putUploadPart(uploadID: upload.id, part)
            try await tx.audit("artifact.upload_part", AuditTarget("artifact", id: upload.path),
                               after: ["upload_id": .string(upload.id), "part": .number(Double(part.number)),
                                       "sha256": .string(part.sha256), "size": .number(Double(part.size))], by: principal, at: now)
        }
    }

    /// The parts to join, in order, for a completion that names `parts` as (number, ETag): numbers
    /// ascending, each received, each ETag the one its part was answered with. `path` must be the
    /// upload's.
    public func partsToComplete(uploadID: String, path: String, parts: [(number: Int, etag: String)],
                                by principal: Principal) async throws -> [UploadPart] {
        let path = try prepareArtifactUpload(path: path, by: principal)
        guard !parts.isEmpty else { throw DomainError.invalidField("parts", "at least one part is required") }
        return try await store.read { tx in
            let upload = try await Self.requireUpload(tx, uploadID, principal, at: self.clock())
            guard upload.path == path else {
                throw DomainError.invalidField("path", "upload '\(upload.id)' is for '\(upload.path)', not '\(path)'")
            }
            let received = Dictionary(try await tx.uploadParts(uploadID: upload.id).map { ($0.number, $0) }, uniquingKeysWith: { $1 })
            var previous = 0
            return try parts.map { named in
                try Self.checkPartNumber(named.number, of: upload)
                guard named.number > previous else { throw DomainError.invalidField("parts", "part numbers must be in ascending order") }
                previous = named.number
                guard let part = received[named.number] else {
                    throw DomainError.invalidField("parts", "part \(named.number) has not been uploaded")
                }
                guard named.etag.trimmingCharacters(in: CharacterSet(charactersIn: "\"")) == part.sha256 else {
                    throw DomainError.invalidField("parts", "the ETag of part \(named.number) does not match the uploaded part")
                }
                return part
            }
        }
    }

    /// Records the joined parts as the upload's artifact and closes the upload, in one transaction.
    public func completeMultipartUpload(uploadID: String, sha256: String, size: Int64, by principal: Principal) async throws {
        try Self.authorizeWrite(principal)
        precondition(Manifest.isSHA256Hex(sha256), "blob store returned a malformed digest")
        let now = clock()
        try await store.write { tx in
            let upload = try await Self.requireUpload(tx, uploadID, principal, at: now)
            try await tx.putArtifactFile(ArtifactFile(path: upload.path, sha256: sha256, size: size), at: Timestamp.milliseconds(now))
            try await tx.deleteMultipartUpload(id: upload.id)
            try await tx.audit("artifact.upload", AuditTarget("artifact", id: upload.path),
                               after: ["sha256": .string(sha256), "size": .number(Double(size)), "upload_id": .string(upload.id)],
                               by: principal, at: now)
        }
    }

    /// Drops an upload and its parts (their blobs become garbage).
    public func abortMultipartUpload(uploadID: String, by principal: Principal) async throws {
        try Self.authorizeWrite(principal)
        let now = clock()
        try await store.write { tx in
            let upload = try await Self.requireUpload(tx, uploadID, principal, at: now)
            try await tx.deleteMultipartUpload(id: upload.id)
            try await tx.audit("artifact.upload_abort", AuditTarget("artifact", id: upload.path),
                               after: ["upload_id": .string(upload.id)], by: principal, at: now)
        }
    }

    /// An open upload started by `principal`: unknown and expired uploads are not found, another's is forbidden.
    static func requireUpload(_ reader: any TrackingReader, _ id: String, _ principal: Principal, at now: Date) async throws -> MultipartUpload {
        guard let upload = try await reader.multipartUpload(id: id),
              upload.createdAt > now.addingTimeInterval(-MultipartUpload.lifetime) else {
            throw DomainError(.notFound, code: "upload_not_found", "Multipart upload '\(id.prefix(64))' does not exist or has expired.")
        }
        guard upload.createdBy == principal.id else {
            throw DomainError(.forbidden, code: "forbidden", "Multipart upload '\(upload.id)' was started by someone else.")
        }
        return upload
    }

    static func checkPartNumber(_ number: Int, of upload: MultipartUpload) throws {
        guard (1...upload.numParts).contains(number) else {
            throw DomainError.invalidField("part_number", "must be between 1 and \(upload.numParts)")
        }
    }
}
