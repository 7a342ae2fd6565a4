import Foundation

extension Lineage {
    /// Links a dataset an MLflow run logged (`log_input`) to a registered dataset version, so
    /// lineage and taint see MLflow runs like native ones. The dataset is found by name and the
    /// version by digest (`mlflow:<digest>`); either is registered on first sight. That is what a
    /// user of `mlflow.log_input` expects: no separate registration step, and logging the same data
    /// twice finds the same version. Runs inside the caller's tracking transaction.
    public static func linkMLflowInput(_ tx: any TrackingWriter, runID: String, _ input: DatasetInput, by principal: Principal,
                                       at now: Date) async throws {
        let name = datasetName(mlflowName: input.dataset.name)
        let digest = "mlflow:" + input.dataset.digest
        var dataset = try await tx.lineageReader.dataset(named: name)
        if dataset == nil {
            let created = RegisteredDataset(id: newID(), name: name, description: "Registered automatically from an MLflow run input.",
                                            sourceSystem: "mlflow", tags: name == input.dataset.name ? [:] : ["mlflow.name": String(input.dataset.name.prefix(Names.maxValueLength))],
                                            createdBy: principal.name, createdAt: now, updatedAt: now)
            try await tx.lineageWriter.insertDataset(created)
            try await tx.registryWriter.appendAudit(AuditRecord("dataset.create", target: AuditTarget("dataset", id: name, dataset: name),
                                                                after: created.auditSummary, by: principal, at: now))
            dataset = created
        }
        guard let dataset else { return }
        var version = try await tx.lineageReader.datasetVersion(datasetID: dataset.id, digest: digest)
        if version == nil {
            version = try await insertVersion(tx, dataset, draft(from: input.dataset, digest: digest), by: principal, at: now)
        }
        guard let version else { return }
        try await tx.lineageWriter.linkRunInput(runID: runID, datasetVersionID: version.id, context: input.tags["mlflow.data.context"])
    }

    /// A valid dataset name for an MLflow dataset name (which may hold `/` or be up to 500 long).
    static func datasetName(mlflowName: String) -> String {
        var name = mlflowName.replacingOccurrences(of: "/", with: "-").filter { !String($0).containsControlCharacter }
            .trimmingCharacters(in: .whitespaces)
        if name.count > Names.maxModelNameLength { name = String(name.prefix(Names.maxModelNameLength)).trimmingCharacters(in: .whitespaces) }
        return name.isEmpty ? "dataset" : name
    }

    /// What MLflow tells about a dataset, as a version draft: the source's `uri` (or the source text),
    /// the schema, and the profile with its `num_rows`.
    static func draft(from dataset: Dataset, digest: String) -> DatasetVersionDraft {
        let source = JSONValue(jsonText: dataset.source)
        var uri = "mlflow-dataset:\(dataset.sourceType)"
        if case .object(let fields)? = source {
            for key in ["uri", "url", "path", "table_name"] {
                if case .string(let text)? = fields[key], !text.isEmpty { uri = text; break }
            }
        }
        let profile = dataset.profile.flatMap { JSONValue(jsonText: $0) }
        var rows: Int64?
        if case .object(let fields)? = profile, case .number(let count)? = fields["num_rows"], count >= 0, count < 9e18 { rows = Int64(count) }
        return DatasetVersionDraft(uri: String(uri.prefix(DatasetRules.maxURILength)), digest: digest,
                                   schema: dataset.schema.flatMap { JSONValue(jsonText: $0) }, rowCount: rows, profile: profile,
                                   sourceSystem: "mlflow:\(dataset.sourceType)".prefix(256).description)
    }
}
