import Foundation

extension Registry {
    /// Creates a version from files already in the blob store and seals it, in one transaction:
    /// the same rules as create → upload → finalize, without a window where the version is pending.
    public func importVersion(modelName: String, _ draft: VersionDraft, files: [FileEntry], by principal: Principal) async throws -> ModelVersion {
        let now = clock()
        return try await store.write { tx in
            try await Self.importVersion(tx, modelName: modelName, draft, files: files, by: principal, at: now)
        }
    }

    /// The body of `importVersion`, for use cases that run it inside a wider transaction (the
    /// tracking store's writer carries a registry writer on the same transaction).
    static func importVersion(_ tx: any RegistryWriter, modelName: String, _ draft: VersionDraft, files: [FileEntry],
                              by principal: Principal, at now: Date) async throws -> ModelVersion {
        try validate(draft)
        guard !files.isEmpty else {
            throw DomainError(.invalid, code: "version_empty", "A version needs at least one file; the source holds none.")
        }
        var seen = Set<String>()
        for file in files {
            _ = try ArtifactPath(file.path)
            precondition(Manifest.isSHA256Hex(file.sha256), "artifact index holds a malformed digest")
            guard seen.insert(file.path).inserted else { throw DomainError.invalidField("files", "'\(file.path)' appears twice") }
        }
        let model = try await requireModel(tx, modelName, principal, .writeVersion)
        let number = try await tx.nextVersionNumber(modelID: model.id)
        var version = ModelVersion(id: newID(), modelID: model.id, modelName: model.name, number: number,
                                   description: draft.description, tags: draft.tags, params: draft.params,
                                   metrics: draft.metrics, inputSchema: draft.inputSchema, outputSchema: draft.outputSchema,
                                   source: draft.source, createdBy: principal.name, createdAt: now, updatedAt: now)
        try await tx.insertVersion(version)
        try await Catalog.admit(tx, model: model, version: version, by: principal, at: now) // issue 8: template, card snapshot
        for file in files { _ = try await tx.putFile(versionID: version.id, file, at: now) }
        version.files = files.sorted { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
        version.status = .ready
        version.manifestDigest = Manifest.digest(of: version.files)
        version.sealedAt = now
        version.revision += 1
        try await tx.updateVersion(version)
        try await tx.audit("version.import", .version(model.name, number), after: version.auditSummary, by: principal, at: now)
        try await tx.appendEvent(RegistryEvents.versionCreated(version, by: principal, at: now))
        try await tx.appendEvent(RegistryEvents.versionReady(version, by: principal, at: now))
        return version
    }
}
