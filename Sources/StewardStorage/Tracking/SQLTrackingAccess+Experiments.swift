import SQLKit
import StewardCore

extension SQLTrackingAccess {
    func experiment(id: String) async throws -> Experiment? {
        guard let number = Int64(id) else { return nil }
        return try await experiments(where: "e.id = \(bind: number)").first
    }

    func experiment(named name: String) async throws -> Experiment? {
        try await experiments(where: "e.name = \(bind: name)").first
    }

    func experiments(_ query: TrackingQuery, stages: [LifecycleStage]) async throws -> (items: [Experiment], hasMore: Bool) {
        var condition: SQLQueryString = "e.lifecycle_stage IN (\(binds: stages.map(\.rawValue)))"
        if let filter = query.filter { condition += " AND " + TrackingFilterSQL(entity: .experiments).compile(filter) }
        let order = TrackingFilterSQL(entity: .experiments).orderBy(query.order, fallback: "e.created_at DESC, e.id ASC")
        let items = try await experiments(where: condition, order: order,
                                          limit: query.maxResults + 1, offset: query.offset)
        return (Array(items.prefix(query.maxResults)), items.count > query.maxResults)
    }

    private func experiments(where condition: SQLQueryString, order: SQLQueryString = "e.id ASC", limit: Int? = nil,
                             offset: Int = 0) async throws -> [Experiment] {
        var sql: SQLQueryString = """
            SELECT e.id, e.name, e.artifact_location, e.lifecycle_stage, e.created_at, e.updated_at
            FROM experiments e WHERE
            """
        sql += " " + condition + " ORDER BY " + order
        if let limit { sql += " LIMIT \(literal: limit) OFFSET \(literal: offset)" }
        let rows = try await db.raw(sql).all()
        let experiments = try rows.map { row in
            Experiment(id: String(try row.int64("id")), name: try row.string("name"),
                       artifactLocation: try row.string("artifact_location"),
                       lifecycleStage: LifecycleStage(rawValue: try row.string("lifecycle_stage")) ?? .active,
                       createdAt: try row.int64("created_at"), updatedAt: try row.int64("updated_at"))
        }
        let tags = try await self.rows(table: "experiment_tags", owner: "experiment_id", ids: experiments.map(\.id),
                                       numericOwner: true)
        return experiments.map { experiment in
            var experiment = experiment
            experiment.tags = tags[experiment.id] ?? [:]
            return experiment
        }
    }

    func nextExperimentID() async throws -> String {
        let rows = try await db.raw("SELECT COALESCE(MAX(id), 0) + 1 AS next FROM experiments").all()
        return String(try rows.first?.int64("next") ?? 1)
    }

    func insertExperiment(_ experiment: Experiment) async throws {
        guard let id = Int64(experiment.id) else { throw DomainError.invalidField("experiment_id", "must be numeric") }
        do {
            try await db.raw("""
                INSERT INTO experiments (id, name, artifact_location, lifecycle_stage, created_at, updated_at)
                VALUES (\(bind: id), \(bind: experiment.name), \(bind: experiment.artifactLocation),
                        \(bind: experiment.lifecycleStage.rawValue), \(bind: experiment.createdAt), \(bind: experiment.updatedAt))
                """).run()
        } catch where registry.isUniqueViolation(error) {
            throw DomainError(.conflict, code: "experiment_already_exists", "Experiment '\(experiment.name)' already exists.")
        }
        try await insertRows(table: "experiment_tags", owner: "experiment_id", numericID: id, experiment.tags)
    }

    func updateExperiment(_ experiment: Experiment) async throws {
        guard let id = Int64(experiment.id) else { return }
        do {
            try await db.raw("""
                UPDATE experiments SET name = \(bind: experiment.name), lifecycle_stage = \(bind: experiment.lifecycleStage.rawValue),
                    updated_at = \(bind: experiment.updatedAt) WHERE id = \(bind: id)
                """).run()
        } catch where registry.isUniqueViolation(error) {
            throw DomainError(.conflict, code: "experiment_already_exists", "Experiment '\(experiment.name)' already exists.")
        }
        try await db.raw("DELETE FROM experiment_tags WHERE experiment_id = \(bind: id)").run()
        try await insertRows(table: "experiment_tags", owner: "experiment_id", numericID: id, experiment.tags)
    }

    /// Experiment tag rows (the owner column is numeric there).
    private func insertRows(table: String, owner: String, numericID: Int64, _ values: [String: String]) async throws {
        for (key, value) in values {
            try await db.raw("INSERT INTO \(ident: table) (\(ident: owner), key, value) VALUES (\(bind: numericID), \(bind: key), \(bind: value))").run()
        }
    }

    private func rows(table: String, owner: String, ids: [String], numericOwner: Bool) async throws -> [String: [String: String]] {
        let numbers = ids.compactMap { Int64($0) }
        guard !numbers.isEmpty else { return [:] }
        var result: [String: [String: String]] = [:]
        for row in try await db.raw("SELECT \(ident: owner) AS owner, key, value FROM \(ident: table) WHERE \(ident: owner) IN (\(binds: numbers))").all() {
            result[String(try row.int64("owner")), default: [:]][try row.string("key")] = try row.string("value")
        }
        return result
    }
}
