import Foundation

extension Lineage {
    /// Records a finished (or running) training run with its inputs, params, metrics, code version
    /// and environment in one transaction.
    public func createRun(_ draft: NativeRunDraft, by principal: Principal) async throws -> RunRecord {
        try AccessPolicy.authorize(principal, .createModel) // the right to log runs, as on the MLflow door
        try Self.validate(draft)
        let now = clock()
        return try await store.write { tx in
            guard let experiment = try await tx.experiment(id: draft.experimentID) else {
                throw DomainError(.notFound, code: "experiment_not_found", "No experiment with id '\(draft.experimentID)' exists.")
            }
            guard experiment.lifecycleStage == .active else {
                throw DomainError(.invalid, code: "experiment_not_active", "Experiment '\(experiment.name)' is deleted.")
            }
            var inputs: [RunInput] = []
            for input in draft.inputs {
                let version = try await Self.requireDatasetVersion(tx.lineageReader, input.dataset.dataset, input.dataset.version)
                inputs.append(RunInput(runID: "", datasetVersion: version, context: input.context))
            }
            let id = Tracking.newHexID()
            let name = draft.name ?? RunNames.generate()
            var tags = draft.tags
            tags[Tracking.runNameTag] = name
            if let code = draft.codeVersion { tags[NativeRunDraft.codeVersionTag] = code }
            if let environment = draft.environment { tags[NativeRunDraft.environmentTag] = environment.jsonText }
            let start = Timestamp.milliseconds(draft.startTime ?? now)
            let end = draft.endTime.map(Timestamp.milliseconds) ?? (draft.status == .running ? nil : Timestamp.milliseconds(now))
            let info = RunInfo(id: id, experimentID: experiment.id, name: name, userID: principal.name, status: draft.status,
                               startTime: start, endTime: end,
                               artifactURI: ArtifactLocation.uri(ArtifactLocation.runRoot(experimentID: experiment.id, runID: id)))
            try await tx.insertRun(info, tags: tags)
            if !draft.params.isEmpty { try await tx.insertParams(runID: id, draft.params) }
            let metrics = draft.metrics.sorted { $0.key < $1.key }.map { Metric(key: $0.key, value: $0.value, timestamp: end ?? start, step: 0) }
            if !metrics.isEmpty {
                try await tx.insertMetrics(runID: id, metrics)
                try await tx.setLatestMetrics(runID: id, metrics)
            }
            for index in inputs.indices {
                inputs[index].runID = id
                try await tx.lineageWriter.linkRunInput(runID: id, datasetVersionID: inputs[index].datasetVersion.id, context: inputs[index].context)
            }
            let summary: JSONValue = .object([
                "experiment_id": .string(experiment.id), "name": .string(name), "status": .string(draft.status.rawValue),
                "code_version": draft.codeVersion.map(JSONValue.string) ?? .null,
                "params": .object(draft.params.mapValues(JSONValue.string)), "metrics": .object(draft.metrics.mapValues(JSONValue.number)),
                "inputs": .array(inputs.map { .string("\($0.datasetVersion.datasetName)/\($0.datasetVersion.number)") }),
            ])
            try await tx.registryWriter.appendAudit(AuditRecord("run.create", target: AuditTarget("run", id: id), after: summary,
                                                                by: principal, at: now))
            return RunRecord(run: Run(info: info, params: draft.params, latestMetrics: metrics, tags: tags), inputs: inputs, outputs: [])
        }
    }

    /// A run with the dataset versions it read and the model versions it produced.
    public func runRecord(id: String, by principal: Principal) async throws -> RunRecord {
        try AccessPolicy.authorizeDataset(principal, .read)
        return try await store.read { tx in
            guard let run = try await tx.run(id: id) else { throw DomainError(.notFound, code: "run_not_found", "Run '\(id)' not found.") }
            let inputs = try await tx.lineageReader.runInputs(runIDs: [id])
            let outputs = try await tx.lineageReader.runOutputs(runIDs: [id], visibility: VisibilityScope(principal)).map { ModelVersionRef(model: $0.model, version: $0.version) }
            return RunRecord(run: run, inputs: inputs, outputs: outputs)
        }
    }

    static func validate(_ draft: NativeRunDraft) throws {
        var validator = Validator()
        if let name = draft.name { validator.check(!name.isEmpty && name.count <= 500 && !name.containsControlCharacter, "name", "must be 1-500 characters without control characters") }
        Tracking.validateParams(draft.params, into: &validator)
        Tracking.validateTags(draft.tags, into: &validator)
        for (key, value) in draft.metrics {
            validator.capture { try Names.key(key, field: "metrics") }
            validator.check(value.isFinite, "metrics.\(key.prefix(40))", "must be a finite number")
        }
        if let code = draft.codeVersion { validator.check(!code.isEmpty && code.count <= 256 && !code.containsControlCharacter, "code_version", "must be 1-256 characters") }
        if let environment = draft.environment {
            validator.check(environment.isObject, "environment", "must be a JSON object")
            validator.check(environment.jsonText.count <= Tracking.maxTagValueLength, "environment", "must be at most \(Tracking.maxTagValueLength) characters as JSON")
        }
        validator.check(draft.inputs.count <= 100, "inputs", "at most 100 inputs")
        validator.check(draft.params.count + draft.tags.count <= 1000 && draft.metrics.count <= 1000, "params", "at most 1000 params and tags, and 1000 metrics")
        for (index, input) in draft.inputs.enumerated() {
            validator.check(input.dataset.version >= 1, "inputs[\(index)].version", "must be a positive version number")
            if let context = input.context { validator.check(context.count <= 64 && !context.containsControlCharacter, "inputs[\(index)].context", "must be at most 64 characters") }
        }
        if let start = draft.startTime, let end = draft.endTime { validator.check(end >= start, "end_time", "must not be before start_time") }
        try validator.finish()
    }
}
