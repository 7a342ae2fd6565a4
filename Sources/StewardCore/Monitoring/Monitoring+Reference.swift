import Foundation

/// A reference profile built by the door: its row count and encoded profile.
public struct BuiltReference: Sendable {
    public var rows: Int
    public var profile: [UInt8]
    /// SHA-256 (hex) of the bytes it was built from, for a dataset-version reference.
    public var sha256: String?

    public init(rows: Int, profile: [UInt8], sha256: String? = nil) {
        self.rows = rows
        self.profile = profile
        self.sha256 = sha256
    }
}

extension Monitoring {
    /// Sets the reference from a registered dataset version. Dataset versions hold no bytes in
    /// Steward (only a URI and a digest), so the door uploads the file and `build` profiles it while
    /// hashing; the reference is stored only when the upload's SHA-256 equals the dataset version's
    /// `sha256:` digest, and it links to that version for lineage.
    public func setReference(_ target: MonitorTarget, dataset: DatasetVersionRef, by principal: Principal,
                             build: @Sendable (MonitorColumns, MonitorSettings) async throws -> BuiltReference) async throws -> ReferenceRecord {
        try AccessPolicy.authorizeDataset(principal, .read)
        let (model, version, datasetVersion, settings, columns) = try await store.read { tx in
            let (model, version) = try await Self.requireTarget(tx.registryReader, target, principal, .updateModel)
            let datasetVersion = try await Lineage.requireDatasetVersion(tx.lineageReader, dataset.dataset, dataset.version)
            let (settings, columns) = try await Self.monitorState(tx, version)
            return (model, version, datasetVersion, settings, columns)
        }
        guard datasetVersion.digest.lowercased().hasPrefix("sha256:") else {
            throw DomainError(.conflict, code: "reference_digest_unsupported",
                              "Dataset version \(dataset.dataset)/\(dataset.version) has a \(datasetVersion.digest.prefix(16)) digest; a reference needs a sha256: digest to check the upload against.")
        }
        let built = try await build(columns, settings)
        let expected = String(datasetVersion.digest.dropFirst("sha256:".count)).lowercased()
        guard built.sha256?.lowercased() == expected else {
            throw DomainError(.conflict, code: "reference_digest_mismatch",
                              "The uploaded file's SHA-256 \(built.sha256 ?? "-") is not the digest of dataset version \(dataset.dataset)/\(dataset.version) (\(expected)).")
        }
        let source: JSONValue = ["dataset": .string(datasetVersion.datasetName), "version": .number(Double(datasetVersion.number)),
                                 "digest": .string(datasetVersion.digest)]
        return try await storeReference(model, version, source: source, datasetVersionID: datasetVersion.id, built, by: principal)
    }

    /// Sets the reference from production windows starting in [from, to): `merge` combines their
    /// partial profiles.
    public func setReference(_ target: MonitorTarget, windowsFrom from: Date, to: Date, by principal: Principal,
                             merge: @Sendable ([WindowPartial]) throws -> BuiltReference) async throws -> ReferenceRecord {
        guard from < to else { throw DomainError.invalidField("to", "must be after from") }
        let (fromMillis, toMillis) = (Timestamp.milliseconds(from), Timestamp.milliseconds(to))
        let (model, version, partials) = try await store.read { tx in
            let (model, version) = try await Self.requireTarget(tx.registryReader, target, principal, .updateModel)
            return (model, version, try await tx.partials(versionID: version.id, from: fromMillis, to: toMillis))
        }
        guard !partials.isEmpty else {
            throw DomainError(.conflict, code: "reference_window_empty", "No rows were logged for this version between \(Timestamp.format(from)) and \(Timestamp.format(to)).")
        }
        let built = try merge(partials)
        let source: JSONValue = ["from": .string(Timestamp.format(from)), "to": .string(Timestamp.format(to))]
        return try await storeReference(model, version, source: source, datasetVersionID: nil, built, by: principal)
    }

    func storeReference(_ model: RegisteredModel, _ version: ModelVersion, source: JSONValue, datasetVersionID: String?,
                        _ built: BuiltReference, by principal: Principal) async throws -> ReferenceRecord {
        let now = clock()
        let record = ReferenceRecord(versionID: version.id, source: source, datasetVersionID: datasetVersionID, rows: built.rows,
                                     profile: built.profile, createdAt: now, createdBy: principal.name)
        return try await store.write { tx in
            let (model, version) = (model, version)
            let before = try await tx.reference(versionID: version.id)
            try await tx.putReference(record)
            var after: [String: JSONValue] = ["source": source, "rows": .number(Double(built.rows))]
            after["profile_bytes"] = .number(Double(built.profile.count))
            try await tx.registryWriter.audit("monitoring.reference", .version(model.name, version.number),
                                              before: before.map { ["source": $0.source, "rows": .number(Double($0.rows))] },
                                              after: .object(after), by: principal, at: now)
            return record
        }
    }

    /// A version's reference profile, if set.
    public func reference(_ target: MonitorTarget, by principal: Principal) async throws -> ReferenceRecord? {
        try await store.read { tx in
            let (_, version) = try await Self.requireTarget(tx.registryReader, target, principal, .readModel)
            return try await tx.reference(versionID: version.id)
        }
    }
}
