import SQLKit
import StewardCore

extension SQLTrackingAccess {
    static let loggedModelColumns = """
        lm.id, lm.experiment_id, lm.name, lm.model_type, lm.source_run_id, lm.status, lm.artifact_uri,
        lm.lifecycle_stage, lm.created_at, lm.updated_at, lm.tags, lm.params
        """

    func loggedModel(id: String) async throws -> LoggedModel? {
        let rows = try await db.raw("SELECT \(unsafeRaw: Self.loggedModelColumns) FROM logged_models lm WHERE lm.id = \(bind: id)").all()
        return try await withMetrics(rows.map(decodeLoggedModel)).first
    }

    func loggedModels(experimentIDs: [String], _ query: TrackingQuery, stages: [LifecycleStage]) async throws -> (items: [LoggedModel], hasMore: Bool) {
        let experiments = experimentIDs.compactMap { Int64($0) }
        guard !experiments.isEmpty else { return ([], false) }
        let compiler = TrackingFilterSQL(entity: .loggedModels)
        var sql: SQLQueryString = """
            SELECT \(unsafeRaw: Self.loggedModelColumns) FROM logged_models lm
            WHERE lm.experiment_id IN (\(binds: experiments)) AND lm.lifecycle_stage IN (\(binds: stages.map(\.rawValue)))
            """
        if let filter = query.filter { sql += " AND " + compiler.compile(filter) }
        sql += " ORDER BY " + compiler.orderBy(query.order, fallback: "lm.created_at DESC, lm.id ASC")
        sql += " LIMIT \(literal: query.maxResults + 1) OFFSET \(literal: query.offset)"
        let models = try await db.raw(sql).all().map(decodeLoggedModel)
        return (try await withMetrics(Array(models.prefix(query.maxResults))), models.count > query.maxResults)
    }

    func insertLoggedModel(_ model: LoggedModel) async throws {
        try await db.raw("""
            INSERT INTO logged_models (id, experiment_id, name, model_type, source_run_id, status, artifact_uri,
                                       lifecycle_stage, created_at, updated_at, tags, params)
            VALUES (\(bind: model.id), \(bind: Int64(model.experimentID) ?? 0), \(bind: model.name), \(bind: model.modelType),
                    \(bind: model.sourceRunID), \(bind: model.status.rawValue), \(bind: model.artifactURI),
                    \(bind: model.lifecycleStage.rawValue), \(bind: model.createdAt), \(bind: model.updatedAt),
                    \(bind: jsonText(model.tags)), \(bind: jsonText(model.params)))
            """).run()
    }

    func updateLoggedModel(_ model: LoggedModel) async throws {
        try await db.raw("""
            UPDATE logged_models SET status = \(bind: model.status.rawValue), lifecycle_stage = \(bind: model.lifecycleStage.rawValue),
                updated_at = \(bind: model.updatedAt), tags = \(bind: jsonText(model.tags)), params = \(bind: jsonText(model.params))
            WHERE id = \(bind: model.id)
            """).run()
    }

    func decodeLoggedModel(_ row: any SQLRow) throws -> LoggedModel {
        LoggedModel(id: try row.string("id"), experimentID: String(try row.int64("experiment_id")), name: try row.string("name"),
                    modelType: try row.optionalString("model_type"), sourceRunID: try row.optionalString("source_run_id"),
                    status: LoggedModelStatus(rawValue: try row.string("status")) ?? .pending,
                    artifactURI: try row.string("artifact_uri"),
                    lifecycleStage: LifecycleStage(rawValue: try row.string("lifecycle_stage")) ?? .active,
                    createdAt: try row.int64("created_at"), updatedAt: try row.int64("updated_at"),
                    tags: try row.json("tags", as: [String: String].self), params: try row.json("params", as: [String: String].self))
    }

    /// Fills in the metric values logged with each model's id (the latest per key and run).
    private func withMetrics(_ models: [LoggedModel]) async throws -> [LoggedModel] {
        guard !models.isEmpty else { return models }
        var metrics: [String: [String: Metric]] = [:]
        for row in try await db.raw("""
            SELECT model_id, key, value, ts, step, dataset_name, dataset_digest FROM run_metrics
            WHERE model_id IN (\(binds: models.map(\.id))) ORDER BY step, ts, seq
            """).all() {
            var metric = try decodeMetric(row)
            let modelID = try row.string("model_id")
            metric.modelID = modelID
            metrics[modelID, default: [:]][metric.key] = metric
        }
        return models.map { model in
            var model = model
            model.metrics = (metrics[model.id] ?? [:]).values.sorted { $0.key < $1.key }
            return model
        }
    }
}
