import Foundation

extension Lineage {
    /// Creates the next version of a dataset. A digest already registered for the dataset is a 409
    /// `dataset_version_exists` naming the version that holds it: one content, one version.
    public func createDatasetVersion(datasetName: String, _ draft: DatasetVersionDraft, by principal: Principal) async throws -> DatasetVersion {
        try AccessPolicy.authorizeDataset(principal, .create)
        try DatasetRules.validate(draft)
        let now = clock()
        return try await store.write { tx in
            let dataset = try await Self.requireDataset(tx.lineageReader, datasetName)
            return try await Self.insertVersion(tx, dataset, draft, by: principal, at: now)
        }
    }

    public func datasetVersion(datasetName: String, number: Int, by principal: Principal) async throws -> DatasetVersion {
        try AccessPolicy.authorizeDataset(principal, .read)
        try Self.checkNumber(number)
        return try await store.read { try await Self.requireDatasetVersion($0.lineageReader, datasetName, number) }
    }

    /// Versions of a dataset, newest first.
    public func datasetVersions(datasetName: String, maxResults: Int?, pageToken: String?, by principal: Principal) async throws -> Page<DatasetVersion> {
        try AccessPolicy.authorizeDataset(principal, .read)
        let limit = try Self.pageSize(maxResults)
        let before = try pageToken.map { token -> Int in
            guard let number = Int(try Self.decodeToken(token, prefix: "v:")) else {
                throw DomainError(.invalid, code: "invalid_page_token", "The page_token is not one this list returned.")
            }
            return number
        }
        let rows = try await store.read { tx in
            let dataset = try await Self.requireDataset(tx.lineageReader, datasetName)
            return try await tx.lineageReader.datasetVersions(datasetID: dataset.id, beforeNumber: before, limit: limit + 1)
        }
        let items = Array(rows.prefix(limit))
        return Page(items: items, nextPageToken: rows.count > limit ? items.last.map { Self.encodeToken("v:\($0.number)") } : nil)
    }

    /// Inserts the next version of `dataset` and its audit entry.
    static func insertVersion(_ tx: any TrackingWriter, _ dataset: RegisteredDataset, _ draft: DatasetVersionDraft,
                              by principal: Principal, at now: Date) async throws -> DatasetVersion {
        if let existing = try await tx.lineageReader.datasetVersion(datasetID: dataset.id, digest: draft.digest) {
            throw DomainError(.conflict, code: "dataset_version_exists",
                              "Version \(existing.number) of dataset '\(dataset.name)' already has digest \(draft.digest); versions are immutable and a content is registered once.")
        }
        let number = try await tx.lineageWriter.nextDatasetVersionNumber(datasetID: dataset.id)
        let version = DatasetVersion(id: newID(), datasetID: dataset.id, datasetName: dataset.name, number: number, uri: draft.uri,
                                     digest: draft.digest, schema: draft.schema, rowCount: draft.rowCount, profile: draft.profile,
                                     sourceSystem: draft.sourceSystem ?? dataset.sourceSystem, license: draft.license ?? dataset.license,
                                     tags: draft.tags, createdBy: principal.name, createdAt: now)
        try await tx.lineageWriter.insertDatasetVersion(version)
        try await tx.registryWriter.appendAudit(AuditRecord("dataset_version.create",
                                                            target: AuditTarget("dataset_version", id: "\(dataset.name)/\(number)", dataset: dataset.name),
                                                            after: version.auditSummary, by: principal, at: now))
        return version
    }
}
