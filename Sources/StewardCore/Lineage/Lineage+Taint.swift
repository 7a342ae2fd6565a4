import Foundation

/// The outcome of flagging or clearing a dataset version.
public struct TaintChange: Sendable, Equatable {
    public var datasetVersion: DatasetVersion
    /// Every live model version downstream, whatever the caller may see (they are all affected).
    public var affected: [ModelVersionRef]
}

extension Lineage {
    /// Flags a dataset version: every model version trained on it reads as tainted from now on and
    /// no alias may move to one. One `taint.flagged` event per affected model goes to the outbox,
    /// and the audit entry names every affected version, all in one transaction.
    public func flagTaint(datasetName: String, number: Int, reason: TaintReason, comment: String,
                          by principal: Principal) async throws -> TaintChange {
        try AccessPolicy.authorizeDataset(principal, .flagTaint)
        try Self.checkNumber(number)
        try DatasetRules.validateComment(comment)
        let now = clock()
        return try await store.write { tx in
            var version = try await Self.requireDatasetVersion(tx.lineageReader, datasetName, number)
            let before = version.taint
            let taint = DatasetTaint(reason: reason, comment: comment, flaggedBy: principal.name, flaggedAt: now)
            try await tx.lineageWriter.setTaint(datasetVersionID: version.id, taint)
            version.taint = taint
            return try await Self.announce(tx, version, type: "taint.flagged", action: "dataset_version.taint",
                                           before: before?.auditSummary, after: taint.auditSummary, by: principal, at: now)
        }
    }

    /// Clears the flag of a dataset version; its downstream versions are servable again (unless
    /// another flagged input taints them).
    public func clearTaint(datasetName: String, number: Int, comment: String?, by principal: Principal) async throws -> TaintChange {
        try AccessPolicy.authorizeDataset(principal, .clearTaint)
        try Self.checkNumber(number)
        if let comment { try DatasetRules.validateComment(comment) }
        let now = clock()
        return try await store.write { tx in
            var version = try await Self.requireDatasetVersion(tx.lineageReader, datasetName, number)
            guard let before = version.taint else {
                throw DomainError(.conflict, code: "dataset_version_not_tainted", "Version \(number) of dataset '\(datasetName)' is not flagged.")
            }
            try await tx.lineageWriter.setTaint(datasetVersionID: version.id, nil)
            version.taint = nil
            let after: JSONValue = .object(["cleared_by": .string(principal.name), "comment": comment.map(JSONValue.string) ?? .null])
            return try await Self.announce(tx, version, type: "taint.cleared", action: "dataset_version.clear_taint",
                                           before: before.auditSummary, after: after, by: principal, at: now)
        }
    }

    /// Appends one outbox event per affected model and the audit entry of a flag change.
    static func announce(_ tx: any TrackingWriter, _ version: DatasetVersion, type: String, action: String, before: JSONValue?,
                         after: JSONValue, by principal: Principal, at now: Date) async throws -> TaintChange {
        var everyone = VisibilityScope(principal)
        everyone.unrestricted = true // every affected model is told, not only those the caller sees
        let affected = try await tx.lineageReader.downstreamVersions(of: version, visibility: everyone).map { ModelVersionRef(model: $0.model, version: $0.number) }
        let byModel = Dictionary(grouping: affected, by: \.model)
        for model in byModel.keys.sorted() {
            let payload: JSONValue = .object([
                "dataset": .string(version.datasetName), "dataset_version": .number(Double(version.number)),
                "digest": .string(version.digest), "model": .string(model),
                "versions": .array(byModel[model]!.map(\.version).sorted().map { .number(Double($0)) }),
                "change": after, "by": .string(principal.name),
            ])
            try await tx.registryWriter.appendEvent(DomainEvent(type: type, model: model, payload: payload, createdAt: now))
        }
        var summary: [String: JSONValue] = ["affected": .array(byModel.keys.sorted().map { model in
            .object(["model": .string(model), "versions": .array(byModel[model]!.map(\.version).sorted().map { .number(Double($0)) })])
        })]
        if case .object(let fields) = after { summary.merge(fields) { _, new in new } }
        try await tx.registryWriter.appendAudit(AuditRecord(action, target: AuditTarget("dataset_version", id: "\(version.datasetName)/\(version.number)",
                                                                                        dataset: version.datasetName),
                                                            before: before, after: .object(summary), by: principal, at: now))
        return TaintChange(datasetVersion: version, affected: affected)
    }
}
