import Foundation

/// What a labels call did.
public struct LabelResult: Sendable, Equatable {
    public var model: String
    public var version: Int
    public var received: Int
    /// Labels joined to a logged prediction now.
    public var joined: Int
    /// Labels whose prediction has not arrived yet: kept, and joined when it does.
    public var pending: Int
}

extension Monitoring {
    /// Stores ground-truth labels by row id. Labels arrive late and in any order: each is kept as
    /// pending and joined to its prediction as soon as both exist (now, or when the prediction is
    /// logged later). A second label for the same row replaces the first. `parse` runs after
    /// authorization; a malformed batch throws and stores nothing.
    public func labels(_ target: MonitorTarget, by principal: Principal,
                       parse: @Sendable () async throws -> [LabelRecord]) async throws -> LabelResult {
        let (model, version) = try await store.read { tx in
            try await Self.requireTarget(tx.registryReader, target, principal, .writeVersion)
        }
        let labels = try await parse()
        guard labels.count <= maxBatchRows else {
            throw DomainError(.tooLarge, code: "batch_too_large", "A batch may hold at most \(maxBatchRows) labels; send smaller batches.")
        }
        var latest: [String: String] = [:] // within a batch, the last label of a row wins
        for label in labels { latest[label.rowID] = label.label }
        let unique = latest.map { LabelRecord(rowID: $0.key, label: $0.value) }.sorted { $0.rowID < $1.rowID }
        let now = clock()
        return try await store.write { tx in
            try await tx.putPendingLabels(versionID: version.id, unique, at: now)
            let joined = try await tx.joinPendingLabels(versionID: version.id, at: now)
            let pending = max(0, unique.count - joined)
            var summary: [String: JSONValue] = ["received": .number(Double(labels.count)), "joined": .number(Double(joined)),
                                                "pending": .number(Double(pending))]
            if let alias = target.alias { summary["alias"] = .string(alias) }
            try await tx.registryWriter.audit("monitoring.labels", .version(model.name, version.number), after: .object(summary), by: principal, at: now)
            return LabelResult(model: model.name, version: version.number, received: labels.count, joined: joined, pending: pending)
        }
    }
}
