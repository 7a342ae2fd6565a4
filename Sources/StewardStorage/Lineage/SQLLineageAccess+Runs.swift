import Foundation
import SQLKit
import StewardCore

extension SQLLineageAccess {
    func runInputs(runIDs: [String]) async throws -> [RunInput] {
        guard !runIDs.isEmpty else { return [] }
        return try await db.raw("""
            SELECT rdv.run_id, rdv.context, \(unsafeRaw: Self.versionColumns)
            FROM run_dataset_versions rdv JOIN dataset_versions dv ON dv.id = rdv.dataset_version_id
            JOIN registered_datasets d ON d.id = dv.dataset_id LEFT JOIN dataset_taints t ON t.dataset_version_id = dv.id
            WHERE rdv.run_id IN (\(binds: runIDs)) ORDER BY d.name, dv.number
            """).all().map { row in
                RunInput(runID: try row.string("run_id"), datasetVersion: try decodeVersion(row), context: try row.optionalString("context"))
            }
    }

    func lineageRuns(ids: [String]) async throws -> [LineageRun] {
        guard !ids.isEmpty else { return [] }
        return try await db.raw("""
            SELECT \(unsafeRaw: Self.runColumns) FROM runs r \(unsafeRaw: Self.codeVersionJoin)
            WHERE r.id IN (\(binds: ids)) ORDER BY r.start_time, r.id
            """).all().map(decodeRun)
    }

    func runOutputs(runIDs: [String], visibility: VisibilityScope) async throws -> [(runID: String, model: String, version: Int)] {
        guard !runIDs.isEmpty else { return [] }
        return try await db.raw("""
            SELECT vt.run_id, m.name AS model_name, v.number FROM version_tracking vt
            JOIN versions v ON v.id = vt.version_id JOIN models m ON m.id = v.model_id
            WHERE vt.run_id IN (\(binds: runIDs)) AND v.deleted_at IS NULL AND
            """ + " " + SQLRegistryAccess.visibleModels(visibility) + " ORDER BY m.name, v.number").all().map { row in
                (runID: try row.string("run_id"), model: try row.string("model_name"), version: try row.int("number"))
            }
    }

    func linkRunInput(runID: String, datasetVersionID: String, context: String?) async throws {
        try await db.raw("""
            INSERT INTO run_dataset_versions (run_id, dataset_version_id, context)
            VALUES (\(bind: runID), \(bind: datasetVersionID), \(bind: context))
            ON CONFLICT (run_id, dataset_version_id) DO UPDATE SET context = excluded.context
            """).run()
    }

    static let runColumns = """
        r.id, r.name, r.experiment_id, r.status, r.user_id, r.start_time, r.end_time, tg.value AS code_version
        """

    /// The code version is MLflow's git commit tag.
    static let codeVersionJoin = "LEFT JOIN run_tags tg ON tg.run_id = r.id AND tg.key = '\(NativeRunDraft.codeVersionTag)'"

    func decodeRun(_ row: any SQLRow) throws -> LineageRun {
        LineageRun(id: try row.string("id"), name: try row.string("name"), experimentID: String(try row.int64("experiment_id")),
                   status: try row.string("status"), userID: try row.string("user_id"), startTime: try row.int64("start_time"),
                   endTime: try row.optionalInt64("end_time"), codeVersion: try row.optionalString("code_version"))
    }
}
