import Foundation

extension Registry {
    /// Checks, before any bytes are received, that a file may be uploaded to this version: it exists,
    /// the caller may write it and it is not sealed. `attachFile` checks again when it commits.
    public func prepareUpload(modelName: String, number: Int, by principal: Principal) async throws -> ModelVersion {
        try await store.read { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .writeVersion)
            let version = try await Self.requireVersion(tx, model, number)
            if version.isSealed { throw DomainError.versionSealed(model.name, number) }
            return version
        }
    }

    /// Records an uploaded blob as `path` of a pending version (replacing an earlier upload of the
    /// same path). Returns the entry and whether it replaced one.
    public func attachFile(modelName: String, number: Int, path: ArtifactPath, sha256: String, size: Int64,
                           by principal: Principal) async throws -> (FileEntry, replaced: Bool) {
        precondition(Manifest.isSHA256Hex(sha256), "blob store returned a malformed digest")
        let now = clock()
        return try await store.write { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .writeVersion)
            var version = try await Self.requireVersion(tx, model, number)
            if version.isSealed { throw DomainError.versionSealed(model.name, number) }
            let entry = FileEntry(path: path.value, sha256: sha256, size: size)
            let replaced = try await tx.putFile(versionID: version.id, entry, at: now)
            version.updatedAt = now
            version.revision += 1
            try await tx.updateVersion(version)
            try await tx.audit(replaced ? "file.replace" : "file.upload", AuditTarget("file", id: "\(model.name)/\(number)/\(path.value)",
                                                                                     model: model.name, version: number),
                               after: ["path": .string(path.value), "sha256": .string(sha256), "size": .number(Double(size))], by: principal, at: now)
            return (entry, replaced)
        }
    }

    /// Removes a file from a pending version.
    public func removeFile(modelName: String, number: Int, path: ArtifactPath, by principal: Principal) async throws {
        let now = clock()
        try await store.write { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .writeVersion)
            var version = try await Self.requireVersion(tx, model, number)
            if version.isSealed { throw DomainError.versionSealed(model.name, number) }
            guard try await tx.deleteFile(versionID: version.id, path: path.value) else {
                throw DomainError.fileNotFound(path.value)
            }
            version.updatedAt = now
            version.revision += 1
            try await tx.updateVersion(version)
            try await tx.audit("file.delete", AuditTarget("file", id: "\(model.name)/\(number)/\(path.value)", model: model.name, version: number),
                               before: ["path": .string(path.value)], by: principal, at: now)
        }
    }

    /// Finds one file of a version (for download). Reads of a restricted model's artifacts are
    /// recorded in the audit trail before any byte is served.
    public func file(modelName: String, number: Int, path: ArtifactPath, by principal: Principal) async throws -> (ModelVersion, FileEntry) {
        let (model, version) = try await store.read { tx in
            let model = try await Self.requireModel(tx, modelName, principal, .readModel)
            return (model, try await Self.requireVersion(tx, model, number))
        }
        try LifecycleRule.checkServable(version, at: clock()) // issue 6: 410 after the sunset or once retired
        guard let entry = version.files.first(where: { $0.path == path.value }) else { throw DomainError.fileNotFound(path.value) }
        if model.visibility == .restricted {
            let now = clock()
            try await store.write { tx in
                try await tx.audit("file.read", AuditTarget("file", id: "\(model.name)/\(number)/\(path.value)", model: model.name, version: number),
                                   after: ["path": .string(path.value), "sha256": .string(entry.sha256)], by: principal, at: now)
            }
        }
        return (version, entry)
    }
}
