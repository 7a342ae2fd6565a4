import SQLKit
import StewardCore

extension SQLTrackingAccess {
    static let runColumns = """
        r.id, r.experiment_id, r.name, r.user_id, r.status, r.start_time, r.end_time, r.artifact_uri, r.lifecycle_stage
        """

    func run(id: String) async throws -> Run? {
        let rows = try await db.raw("SELECT \(unsafeRaw: Self.runColumns) FROM runs r WHERE r.id = \(bind: id)").all()
        return try await withDetails(rows.map(decodeRunInfo)).first
    }

    func runInfo(id: String) async throws -> RunInfo? {
        try await db.raw("SELECT \(unsafeRaw: Self.runColumns) FROM runs r WHERE r.id = \(bind: id)").all().first.map(decodeRunInfo)
    }

    func runs(experimentIDs: [String], _ query: TrackingQuery, stages: [LifecycleStage]) async throws -> (items: [Run], hasMore: Bool) {
        let experiments = experimentIDs.compactMap { Int64($0) }
        guard !experiments.isEmpty else { return ([], false) }
        let plan = try await RunSearchPlan.choose(query, db: db)
        let compiler = TrackingFilterSQL(entity: .runs, keyedForm: plan.keyedForm, driver: plan.driver)
        // Unary `+` keeps a column's index out of SQLite's choice (the sparse plan starts elsewhere).
        let demote = plan.demoteRunColumns ? "+" : ""
        var sql: SQLQueryString = """
            SELECT \(unsafeRaw: Self.runColumns) FROM runs r
            WHERE \(unsafeRaw: demote)r.experiment_id IN (\(binds: experiments))
                AND \(unsafeRaw: demote)r.lifecycle_stage IN (\(binds: stages.map(\.rawValue)))
            """
        if let filter = query.filter { sql += " AND " + compiler.compile(filter) }
        sql += " ORDER BY " + compiler.orderBy(query.order, fallback: "r.start_time DESC, r.id ASC")
        sql += " LIMIT \(literal: query.maxResults + 1) OFFSET \(literal: query.offset)"
        let infos = try await db.raw(sql).all().map(decodeRunInfo)
        return (try await withDetails(Array(infos.prefix(query.maxResults))), infos.count > query.maxResults)
    }

    func insertRun(_ info: RunInfo, tags: [String: String]) async throws {
        try await db.raw("""
            INSERT INTO runs (id, experiment_id, name, user_id, status, start_time, end_time, artifact_uri, lifecycle_stage)
            VALUES (\(bind: info.id), \(bind: Int64(info.experimentID) ?? 0), \(bind: info.name), \(bind: info.userID),
                    \(bind: info.status.rawValue), \(bind: info.startTime), \(bind: info.endTime), \(bind: info.artifactURI),
                    \(bind: info.lifecycleStage.rawValue))
            """).run()
        try await insertRows(table: "run_tags", owner: "run_id", id: info.id, tags)
    }

    func updateRunInfo(_ info: RunInfo) async throws {
        try await db.raw("""
            UPDATE runs SET name = \(bind: info.name), status = \(bind: info.status.rawValue), end_time = \(bind: info.endTime),
                lifecycle_stage = \(bind: info.lifecycleStage.rawValue) WHERE id = \(bind: info.id)
            """).run()
    }

    func setRunTags(runID: String, _ tags: [String: String]) async throws {
        let keys = Array(tags.keys)
        try await db.raw("DELETE FROM run_tags WHERE run_id = \(bind: runID) AND key IN (\(binds: keys))").run()
        try await insertRows(table: "run_tags", owner: "run_id", id: runID, tags)
    }

    func deleteRunTag(runID: String, key: String) async throws {
        try await db.raw("DELETE FROM run_tags WHERE run_id = \(bind: runID) AND key = \(bind: key)").run()
    }

    func params(runID: String, keys: [String]) async throws -> [String: String] {
        guard !keys.isEmpty else { return [:] }
        var result: [String: String] = [:]
        for row in try await db.raw("SELECT key, value FROM run_params WHERE run_id = \(bind: runID) AND key IN (\(binds: keys))").all() {
            result[try row.string("key")] = try row.string("value")
        }
        return result
    }

    func insertParams(runID: String, _ params: [String: String]) async throws {
        try await insertRows(table: "run_params", owner: "run_id", id: runID, params)
    }

    func decodeRunInfo(_ row: any SQLRow) throws -> RunInfo {
        RunInfo(id: try row.string("id"), experimentID: String(try row.int64("experiment_id")), name: try row.string("name"),
                userID: try row.string("user_id"), status: RunStatus(rawValue: try row.string("status")) ?? .failed,
                startTime: try row.int64("start_time"), endTime: try row.optionalInt64("end_time"),
                artifactURI: try row.string("artifact_uri"),
                lifecycleStage: LifecycleStage(rawValue: try row.string("lifecycle_stage")) ?? .active)
    }

    /// Loads params, latest metrics, tags, inputs and outputs for a batch of runs (a fixed number of
    /// queries whatever the batch size).
    func withDetails(_ infos: [RunInfo]) async throws -> [Run] {
        guard !infos.isEmpty else { return [] }
        let ids = infos.map(\.id)
        let params = try await rows(table: "run_params", owner: "run_id", ids: ids)
        let tags = try await rows(table: "run_tags", owner: "run_id", ids: ids)
        var metrics: [String: [Metric]] = [:]
        for row in try await db.raw("""
            SELECT run_id, key, value, ts, step, model_id, dataset_name, dataset_digest FROM run_latest_metrics
            WHERE run_id IN (\(binds: ids)) ORDER BY key
            """).all() {
            metrics[try row.string("run_id"), default: []].append(try decodeMetric(row))
        }
        var datasets: [String: [DatasetInput]] = [:]
        for row in try await db.raw("""
            SELECT i.run_id, i.tags, d.name, d.digest, d.source_type, d.source, d.schema_text, d.profile
            FROM run_dataset_inputs i JOIN datasets d ON d.id = i.dataset_id WHERE i.run_id IN (\(binds: ids))
            ORDER BY d.name, d.digest
            """).all() {
            let dataset = Dataset(name: try row.string("name"), digest: try row.string("digest"),
                                  sourceType: try row.string("source_type"), source: try row.string("source"),
                                  schema: try row.optionalString("schema_text"), profile: try row.optionalString("profile"))
            datasets[try row.string("run_id"), default: []].append(
                DatasetInput(dataset: dataset, tags: try row.json("tags", as: [String: String].self)))
        }
        var inputs: [String: [String]] = [:]
        for row in try await db.raw("SELECT run_id, model_id FROM run_model_inputs WHERE run_id IN (\(binds: ids)) ORDER BY model_id").all() {
            inputs[try row.string("run_id"), default: []].append(try row.string("model_id"))
        }
        var outputs: [String: [ModelOutput]] = [:]
        for row in try await db.raw("SELECT run_id, model_id, step FROM run_model_outputs WHERE run_id IN (\(binds: ids)) ORDER BY model_id").all() {
            outputs[try row.string("run_id"), default: []].append(ModelOutput(modelID: try row.string("model_id"), step: try row.int64("step")))
        }
        return infos.map { info in
            Run(info: info, params: params[info.id] ?? [:], latestMetrics: metrics[info.id] ?? [], tags: tags[info.id] ?? [:],
                datasetInputs: datasets[info.id] ?? [], modelInputs: inputs[info.id] ?? [], modelOutputs: outputs[info.id] ?? [])
        }
    }
}
