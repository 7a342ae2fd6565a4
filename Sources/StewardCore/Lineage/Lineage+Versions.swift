import Foundation

extension Lineage {
    /// Creates a version (the registry's own rule, audit entry and idempotency) and records the run
    /// that produced it, in one transaction, so upstream lineage starts at the version.
    public func createVersion(modelName: String, _ draft: VersionDraft, runID: String, idempotencyKey: String? = nil,
                              by principal: Principal) async throws -> ModelVersion {
        guard !runID.isEmpty, runID.count <= 64, !runID.containsControlCharacter else {
            throw DomainError.invalidField("run_id", "must be a run id (1-64 characters)")
        }
        let now = clock()
        let clock = self.clock
        return try await store.write { tx in
            guard try await tx.run(id: runID) != nil else {
                throw DomainError(.notFound, code: "run_not_found", "Run '\(runID)' not found.")
            }
            let registry = Self.registry(on: tx.registryWriter, clock: clock)
            let version = try await registry.createVersion(modelName: modelName, draft, idempotencyKey: idempotencyKey, by: principal)
            let existing = try await tx.versionTracking(versionIDs: [version.id])[version.id]
            if let linked = existing?.runID {
                // A replayed Idempotency-Key: the first request linked the run already.
                guard linked == runID else { throw IdempotencyRecord.reused(idempotencyKey ?? "") }
                return try await tx.registryReader.version(id: version.id) ?? version
            }
            var tracking = existing ?? VersionTracking(versionID: version.id)
            tracking.runID = runID
            try await tx.setVersionTracking(tracking)
            try await tx.registryWriter.appendAudit(AuditRecord("version.link_run", target: .version(version.modelName, version.number),
                                                                after: .object(["run_id": .string(runID)]), by: principal, at: now))
            return try await tx.registryReader.version(id: version.id) ?? version
        }
    }
}
