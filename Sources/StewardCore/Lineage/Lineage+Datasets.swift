import Foundation

extension Lineage {
    /// Registers a dataset (no versions yet).
    public func createDataset(_ draft: DatasetDraft, by principal: Principal) async throws -> RegisteredDataset {
        try AccessPolicy.authorizeDataset(principal, .create)
        try DatasetRules.validate(draft)
        let now = clock()
        return try await store.write { tx in
            if let owner = draft.owner { try await Registry.requireTeam(tx.registryWriter, owner, field: "owner") }
            let dataset = RegisteredDataset(id: Self.newID(), name: draft.name, description: draft.description, owner: draft.owner,
                                            sourceSystem: draft.sourceSystem, license: draft.license, tags: draft.tags,
                                            createdBy: principal.name, createdAt: now, updatedAt: now)
            try await tx.lineageWriter.insertDataset(dataset)
            try await tx.registryWriter.appendAudit(AuditRecord("dataset.create", target: AuditTarget("dataset", id: dataset.name, dataset: dataset.name),
                                                                after: dataset.auditSummary, by: principal, at: now))
            return dataset
        }
    }

    /// Changes a dataset's metadata; its versions stay as they are.
    public func updateDataset(name: String, _ patch: DatasetPatch, by principal: Principal) async throws -> RegisteredDataset {
        try AccessPolicy.authorizeDataset(principal, .update)
        try DatasetRules.validate(patch)
        let now = clock()
        return try await store.write { tx in
            let before = try await Self.requireDataset(tx.lineageReader, name)
            var dataset = before
            if let description = patch.description { dataset.description = description }
            if let owner = patch.owner {
                if !owner.isEmpty { try await Registry.requireTeam(tx.registryWriter, owner, field: "owner") }
                dataset.owner = owner.isEmpty ? nil : owner
            }
            if let source = patch.sourceSystem { dataset.sourceSystem = source.isEmpty ? nil : source }
            if let license = patch.license { dataset.license = license.isEmpty ? nil : license }
            for (key, value) in patch.tags ?? [:] { dataset.tags[key] = value }
            guard dataset != before else { return before }
            dataset.updatedAt = now
            try await tx.lineageWriter.updateDataset(dataset)
            try await tx.registryWriter.appendAudit(AuditRecord("dataset.update", target: AuditTarget("dataset", id: name, dataset: name),
                                                                before: before.auditSummary, after: dataset.auditSummary,
                                                                by: principal, at: now))
            return dataset
        }
    }

    public func dataset(named name: String, by principal: Principal) async throws -> RegisteredDataset {
        try AccessPolicy.authorizeDataset(principal, .read)
        return try await store.read { try await Self.requireDataset($0.lineageReader, name) }
    }

    /// Datasets in name order; `pageToken` is the `nextPageToken` of the previous page.
    public func datasets(maxResults: Int?, pageToken: String?, by principal: Principal) async throws -> Page<RegisteredDataset> {
        try AccessPolicy.authorizeDataset(principal, .read)
        let limit = try Self.pageSize(maxResults)
        let after = try pageToken.map { try Self.decodeToken($0, prefix: "d:") }
        let rows = try await store.read { try await $0.lineageReader.datasets(afterName: after, limit: limit + 1) }
        let items = Array(rows.prefix(limit))
        return Page(items: items, nextPageToken: rows.count > limit ? items.last.map { Self.encodeToken("d:" + $0.name) } : nil)
    }

    static func pageSize(_ maxResults: Int?) throws -> Int {
        guard let maxResults else { return 100 }
        guard (1...1000).contains(maxResults) else { throw DomainError.invalidField("max_results", "must be between 1 and 1000") }
        return maxResults
    }

    static func encodeToken(_ text: String) -> String { Data(text.utf8).base64EncodedString() }

    static func decodeToken(_ token: String, prefix: String) throws -> String {
        guard let data = Data(base64Encoded: token), let text = String(data: data, encoding: .utf8), text.hasPrefix(prefix) else {
            throw DomainError(.invalid, code: "invalid_page_token", "The page_token is not one this list returned.")
        }
        return String(text.dropFirst(prefix.count))
    }
}
