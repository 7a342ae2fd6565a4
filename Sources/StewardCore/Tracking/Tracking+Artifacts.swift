import Foundation

extension Tracking {
    /// Checks, before any bytes are read, that the caller may upload to `path`; returns the
    /// validated path.
    public func prepareArtifactUpload(path: String, by principal: Principal) throws -> String {
        try Self.authorizeWrite(principal)
        guard !path.isEmpty else { throw DomainError.invalidField("path", "an artifact path is required") }
        return try ArtifactLocation.validate(path)
    }

    /// Records an uploaded blob as the artifact at `path` (replacing an earlier upload).
    public func recordArtifact(path: String, sha256: String, size: Int64, by principal: Principal) async throws {
        let path = try prepareArtifactUpload(path: path, by: principal)
        precondition(Manifest.isSHA256Hex(sha256), "blob store returned a malformed digest")
        let now = nowMillis
        let date = clock()
        try await store.write { tx in
            try await tx.putArtifactFile(ArtifactFile(path: path, sha256: sha256, size: size), at: now)
            try await tx.audit("artifact.upload", AuditTarget("artifact", id: path),
                               after: ["sha256": .string(sha256), "size": .number(Double(size))], by: principal, at: date)
        }
    }

    /// The artifact file at `path`, or `artifact_not_found`.
    public func artifact(path: String, by principal: Principal) async throws -> ArtifactFile {
        try Self.authorizeRead(principal)
        let path = try ArtifactLocation.validate(path)
        guard let file = try await store.read({ try await $0.artifactFile(path: path) }) else {
            throw DomainError(.notFound, code: "artifact_not_found", "Artifact '\(path)' does not exist.")
        }
        return file
    }

    /// The direct children of the directory `path` (basenames). A file path or a missing directory
    /// lists as empty, as MLflow's proxy does.
    public func listArtifacts(path: String, by principal: Principal) async throws -> [ArtifactListEntry] {
        try Self.authorizeRead(principal)
        let path = try ArtifactLocation.validate(path)
        let files = try await store.read { try await $0.artifactFiles(under: path) }
        let prefixLength = path.isEmpty ? 0 : path.count + 1
        var entries: [String: ArtifactListEntry] = [:]
        for file in files {
            let relative = file.path.dropFirst(prefixLength)
            guard let first = relative.split(separator: "/", maxSplits: 1).first.map(String.init) else { continue }
            if relative.count == first.count {
                entries[first] = ArtifactListEntry(path: first, isDirectory: false, size: file.size)
            } else if entries[first] == nil {
                entries[first] = ArtifactListEntry(path: first, isDirectory: true, size: nil)
            }
        }
        return entries.values.sorted { $0.path < $1.path }
    }

    /// Deletes the artifact at `path` or everything below it. The blobs stay (they are shared by
    /// content and may belong to sealed versions).
    public func deleteArtifacts(path: String, by principal: Principal) async throws {
        try Self.authorizeWrite(principal)
        let path = try ArtifactLocation.validate(path)
        guard !path.isEmpty else { throw DomainError.invalidField("path", "refusing to delete the artifact root") }
        let now = clock()
        try await store.write { tx in
            let removed = try await tx.deleteArtifactFiles(path: path)
            try await tx.audit("artifact.delete", AuditTarget("artifact", id: path), before: ["files": .number(Double(removed))], by: principal, at: now)
        }
    }
}
