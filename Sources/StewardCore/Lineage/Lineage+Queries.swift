import Foundation

extension Lineage {
    /// Upstream lineage: the version, the run that produced it and the dataset versions that run read.
    public func upstream(modelName: String, number: Int, by principal: Principal) async throws -> UpstreamLineage {
        try Self.checkNumber(number)
        return try await store.read { tx in
            let model = try await Registry.requireModel(tx.registryReader, modelName, principal, .readModel)
            let version = try await Registry.requireVersion(tx.registryReader, model, number)
            guard let runID = try await tx.versionTracking(versionIDs: [version.id])[version.id]?.runID else {
                return UpstreamLineage(version: version, runs: [], inputs: [])
            }
            let runs = try await tx.lineageReader.lineageRuns(ids: [runID])
            let inputs = runs.isEmpty ? [] : try await tx.lineageReader.runInputs(runIDs: runs.map(\.id))
            return UpstreamLineage(version: version, runs: runs, inputs: inputs)
        }
    }

    /// Downstream lineage of a dataset version, limited to the model versions the caller may see.
    public func downstream(datasetName: String, number: Int, by principal: Principal) async throws -> DownstreamLineage {
        try AccessPolicy.authorizeDataset(principal, .read)
        try Self.checkNumber(number)
        let visibility = VisibilityScope(principal)
        let version = try await store.read { tx in try await Self.requireDatasetVersion(tx.lineageReader, datasetName, number) }
        // The two halves are independent and each takes tens of milliseconds at 10,000 versions:
        // read on two connections at once, the answer waits for the longer one, not for both.
        async let runs = store.read { tx in try await tx.lineageReader.downstreamRuns(of: version) }
        async let versions = store.read { tx in try await tx.lineageReader.downstreamVersions(of: version, visibility: visibility) }
        return DownstreamLineage(datasetVersion: version, runs: try await runs, versions: try await versions)
    }

    /// What changed from version `from` to version `to` of a model.
    public func compare(modelName: String, from: Int, to: Int, by principal: Principal) async throws -> VersionComparison {
        try Self.checkNumber(from, field: "from")
        try Self.checkNumber(to, field: "to")
        return try await store.read { tx in
            let model = try await Registry.requireModel(tx.registryReader, modelName, principal, .readModel)
            let old = try await Registry.requireVersion(tx.registryReader, model, from)
            let new = try await Registry.requireVersion(tx.registryReader, model, to)
            let facts = try await tx.versionTracking(versionIDs: [old.id, new.id])
            var runs: [String: Run] = [:]
            for runID in Set([old, new].compactMap { facts[$0.id]?.runID }) {
                if let run = try await tx.run(id: runID) { runs[runID] = run }
            }
            let inputs = try await tx.lineageReader.runInputs(runIDs: Array(runs.keys))
            func side(_ version: ModelVersion) -> VersionComparison.Side {
                let runID = facts[version.id]?.runID
                let run = runID.flatMap { runs[$0] }
                var metrics = Dictionary(run?.latestMetrics.map { ($0.key, $0.value) } ?? [], uniquingKeysWith: { a, _ in a })
                metrics.merge(version.metrics) { _, own in own }
                return VersionComparison.Side(version: version, runID: runID, codeVersion: run?.tags[NativeRunDraft.codeVersionTag],
                                              inputs: inputs.filter { $0.runID == runID }.map(\.datasetVersion),
                                              params: (run?.params ?? [:]).merging(version.params) { _, own in own }, metrics: metrics)
            }
            return VersionComparison(from: side(old), to: side(new))
        }
    }

    /// Counts a resolution of `version` by a consumer (principals of kind `consumer` only), so
    /// downstream lineage can say who depends on it. Telemetry: one upsert per resolution.
    public func recordConsumption(of version: ModelVersion, by principal: Principal) async throws {
        guard principal.kind == .consumer else { return }
        let now = clock()
        let day = String(Timestamp.format(now).prefix(10))
        try await store.write { tx in
            try await tx.lineageWriter.recordConsumption(versionID: version.id, consumerID: principal.id, day: day, at: now)
        }
    }
}
