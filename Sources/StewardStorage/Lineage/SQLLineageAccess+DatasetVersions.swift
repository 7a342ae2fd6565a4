import Foundation
import SQLKit
import StewardCore

extension SQLLineageAccess {
    func datasetVersion(datasetID: String, number: Int) async throws -> DatasetVersion? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.versionColumns) FROM \(unsafeRaw: Self.versionJoins)
            WHERE dv.dataset_id = \(bind: datasetID) AND dv.number = \(bind: Int64(number))
            """).all().first.map(decodeVersion)
    }

    func datasetVersion(datasetID: String, digest: String) async throws -> DatasetVersion? {
        try await db.raw("""
            SELECT \(unsafeRaw: Self.versionColumns) FROM \(unsafeRaw: Self.versionJoins)
            WHERE dv.dataset_id = \(bind: datasetID) AND dv.digest = \(bind: digest)
            """).all().first.map(decodeVersion)
    }

    func datasetVersions(datasetID: String, beforeNumber: Int?, limit: Int) async throws -> [DatasetVersion] {
        var sql: SQLQueryString = "SELECT \(unsafeRaw: Self.versionColumns) FROM \(unsafeRaw: Self.versionJoins) WHERE dv.dataset_id = \(bind: datasetID)"
        if let beforeNumber { sql += " AND dv.number < \(bind: Int64(beforeNumber))" }
        sql += " ORDER BY dv.number DESC LIMIT \(literal: limit)"
        return try await db.raw(sql).all().map(decodeVersion)
    }

    func insertDatasetVersion(_ version: DatasetVersion) async throws {
        if try await datasetVersion(datasetID: version.datasetID, digest: version.digest) != nil {
            throw DomainError(.conflict, code: "dataset_version_exists", "A version of '\(version.datasetName)' already has digest \(version.digest).")
        }
        try await db.raw("""
            INSERT INTO dataset_versions (id, dataset_id, number, uri, digest, schema_json, row_count, profile, source_system,
                                          license, tags, created_by, created_at)
            VALUES (\(bind: version.id), \(bind: version.datasetID), \(bind: Int64(version.number)), \(bind: version.uri),
                    \(bind: version.digest), \(bind: version.schema?.jsonText), \(bind: version.rowCount),
                    \(bind: version.profile?.jsonText), \(bind: version.sourceSystem), \(bind: version.license),
                    \(bind: jsonText(version.tags)), \(bind: version.createdBy), \(bind: version.createdAt.millis))
            """).run()
    }

    func setTaint(datasetVersionID: String, _ taint: DatasetTaint?) async throws {
        try await db.raw("DELETE FROM dataset_taints WHERE dataset_version_id = \(bind: datasetVersionID)").run()
        guard let taint else { return }
        try await db.raw("""
            INSERT INTO dataset_taints (dataset_version_id, reason, comment, flagged_by, flagged_at)
            VALUES (\(bind: datasetVersionID), \(bind: taint.reason.rawValue), \(bind: taint.comment), \(bind: taint.flaggedBy),
                    \(bind: taint.flaggedAt.millis))
            """).run()
    }
}
