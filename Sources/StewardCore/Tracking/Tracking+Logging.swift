import Foundation

extension Tracking {
    /// Params, metrics and tags logged together (MLflow's `log-batch`; single-value calls are
    /// batches of one).
    public struct Batch: Sendable {
        public var metrics: [Metric]
        public var params: [(key: String, value: String)]
        public var tags: [(key: String, value: String)]

        public init(metrics: [Metric] = [], params: [(key: String, value: String)] = [], tags: [(key: String, value: String)] = []) {
            self.metrics = metrics
            self.params = params
            self.tags = tags
        }
    }

    /// Logs a batch in one transaction. Limits: 1000 metrics, 100 params and tags together, 1000
    /// entities in all. A param may be logged again only with the same value.
    public func logBatch(runID: String, _ batch: Batch, by principal: Principal) async throws {
        try Self.authorizeWrite(principal)
        try Self.validate(batch)
        // Within one batch a repeated param key must repeat its value too.
        var collected: [String: String] = [:]
        for (key, value) in batch.params {
            if let earlier = collected[key], earlier != value {
                throw Self.paramChanged(runID: runID, key: key, old: earlier, new: value)
            }
            collected[key] = value
        }
        let params = collected
        let tags = Dictionary(batch.tags.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
        let metrics = batch.metrics
        let now = clock()
        try await store.write { tx in
            var info = try await Self.requireActiveRunInfo(tx, runID)
            if !params.isEmpty {
                let existing = try await tx.params(runID: runID, keys: Array(params.keys))
                for (key, value) in params.sorted(by: { $0.key < $1.key }) {
                    if let old = existing[key], old != value { throw Self.paramChanged(runID: runID, key: key, old: old, new: value) }
                }
                let fresh = params.filter { existing[$0.key] == nil }
                if !fresh.isEmpty { try await tx.insertParams(runID: runID, fresh) }
            }
            if !metrics.isEmpty {
                try await tx.insertMetrics(runID: runID, metrics)
                var latest = try await tx.latestMetrics(runID: runID, keys: Array(Set(metrics.map(\.key))))
                var changed: [String: Metric] = [:]
                for metric in metrics where latest[metric.key].map({ metric.isNewer(than: $0) }) ?? true {
                    latest[metric.key] = metric
                    changed[metric.key] = metric
                }
                if !changed.isEmpty { try await tx.setLatestMetrics(runID: runID, Array(changed.values)) }
            }
            if !tags.isEmpty {
                try await tx.setRunTags(runID: runID, tags)
                if let name = tags[Self.runNameTag], name != info.name {
                    info.name = name
                    try await tx.updateRunInfo(info)
                }
            }
            var summary: [String: JSONValue] = [:]
            if !params.isEmpty { summary["params"] = .object(params.mapValues(JSONValue.string)) }
            if !tags.isEmpty { summary["tags"] = .object(tags.mapValues(JSONValue.string)) }
            if !metrics.isEmpty {
                summary["metrics"] = .number(Double(metrics.count))
                summary["metric_keys"] = .array(Set(metrics.map(\.key)).sorted().prefix(50).map(JSONValue.string))
            }
            try await tx.audit("run.log_batch", AuditTarget("run", id: runID), after: .object(summary), by: principal, at: now)
        }
    }

    public func logMetric(runID: String, _ metric: Metric, by principal: Principal) async throws {
        try await logBatch(runID: runID, Batch(metrics: [metric]), by: principal)
    }

    public func logParam(runID: String, key: String, value: String, by principal: Principal) async throws {
        try await logBatch(runID: runID, Batch(params: [(key, value)]), by: principal)
    }

    public func setRunTag(runID: String, key: String, value: String, by principal: Principal) async throws {
        try await logBatch(runID: runID, Batch(tags: [(key, value)]), by: principal)
    }

    public func deleteRunTag(runID: String, key: String, by principal: Principal) async throws {
        try Self.authorizeWrite(principal)
        try await store.write { tx in
            let run = try await Self.requireActiveRun(tx, runID)
            guard run.tags[key] != nil else {
                throw DomainError(.notFound, code: "tag_not_found", "No tag with name: \(key) in run with id \(runID)")
            }
            try await tx.deleteRunTag(runID: runID, key: key)
            try await tx.audit("run.delete_tag", AuditTarget("run", id: runID), before: ["tag": .string(key), "value": .string(run.tags[key] ?? "")],
                               by: principal, at: clock())
        }
    }

    /// Records the datasets and logged models a run consumed (lineage inputs).
    public func logInputs(runID: String, datasets: [DatasetInput], modelIDs: [String], by principal: Principal) async throws {
        try Self.authorizeWrite(principal)
        var validator = Validator()
        for (index, input) in datasets.enumerated() {
            let d = input.dataset
            validator.check(!d.name.isEmpty && d.name.count <= 500, "datasets[\(index)].dataset.name", "must be 1-500 characters")
            validator.check(!d.digest.isEmpty && d.digest.count <= 36, "datasets[\(index)].dataset.digest", "must be 1-36 characters")
            validator.check(d.source.utf8.count <= 65_536, "datasets[\(index)].dataset.source", "must be at most 64 KiB")
            validator.check((d.schema?.utf8.count ?? 0) <= 1_048_576 && (d.profile?.utf8.count ?? 0) <= 1_048_576,
                            "datasets[\(index)].dataset", "schema and profile must be at most 1 MiB each")
            Self.validateTags(input.tags, field: "datasets[\(index)].tags", into: &validator)
        }
        try validator.finish()
        let now = nowMillis
        try await store.write { tx in
            let run = try await Self.requireActiveRun(tx, runID)
            for input in datasets {
                try await tx.addDatasetInput(runID: runID, experimentID: run.info.experimentID, input, at: now)
                // issue 5: the input becomes a registered dataset version, so lineage and taint see it.
                try await Lineage.linkMLflowInput(tx, runID: runID, input, by: principal, at: Timestamp.date(milliseconds: now))
            }
            for modelID in Set(modelIDs) where !run.modelInputs.contains(modelID) {
                _ = try await Self.requireLoggedModel(tx, modelID)
                try await tx.addModelInput(runID: runID, modelID: modelID)
            }
            try await tx.audit("run.log_inputs", AuditTarget("run", id: runID, dataset: datasets.first?.dataset.name),
                               after: ["datasets": .array(datasets.map { ["name": .string($0.dataset.name), "digest": .string($0.dataset.digest)] }),
                                       "models": .array(modelIDs.sorted().map(JSONValue.string))], by: principal, at: clock())
        }
    }

    /// Records logged models a run produced (MLflow 3 `runs/outputs`).
    public func logOutputs(runID: String, _ outputs: [ModelOutput], by principal: Principal) async throws {
        try Self.authorizeWrite(principal)
        try await store.write { tx in
            let run = try await Self.requireActiveRun(tx, runID)
            for output in outputs where !run.modelOutputs.contains(where: { $0.modelID == output.modelID }) {
                _ = try await Self.requireLoggedModel(tx, output.modelID)
                try await tx.addModelOutput(runID: runID, output)
            }
            try await tx.audit("run.log_outputs", AuditTarget("run", id: runID),
                               after: ["models": .array(outputs.map { .string($0.modelID) })], by: principal, at: clock())
        }
    }

    static func validate(_ batch: Batch) throws {
        var validator = Validator()
        validator.check(batch.metrics.count <= maxBatchMetrics, "metrics",
                        "A batch logging request can contain at most \(maxBatchMetrics) metrics; got \(batch.metrics.count)")
        validator.check(batch.params.count + batch.tags.count <= maxBatchParamsAndTags, "params",
                        "A batch logging request can contain at most \(maxBatchParamsAndTags) params and tags; got \(batch.params.count + batch.tags.count)")
        validator.check(batch.metrics.count + batch.params.count + batch.tags.count <= maxBatchEntities, "metrics",
                        "A batch logging request can contain at most \(maxBatchEntities) metrics, params and tags in total")
        try validator.finish()
        for metric in batch.metrics {
            validator.capture { try Names.key(metric.key, field: "metrics") }
            validator.check(metric.value.isFinite, "metrics.\(metric.key.prefix(40))", "must be a finite number")
        }
        validateParams(Dictionary(batch.params.map { ($0.key, $0.value) }, uniquingKeysWith: { a, _ in a }), into: &validator)
        for (key, value) in batch.tags {
            validator.capture { try Names.key(key, field: "tags") }
            validator.check(value.count <= maxTagValueLength, "tags.\(key.prefix(40))", "value must be at most \(maxTagValueLength) characters")
        }
        try validator.finish()
    }

    static func paramChanged(runID: String, key: String, old: String, new: String) -> DomainError {
        DomainError(.invalid, code: "param_value_changed",
                    "Changing param values is not allowed. Param with key='\(key)' was already logged with value='\(old.prefix(200))' for run ID='\(runID)'. Attempted logging new value '\(new.prefix(200))'.")
    }
}
