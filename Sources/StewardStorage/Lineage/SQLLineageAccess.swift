import Foundation
import SQLKit
import StewardCore

/// Dataset, lineage, taint and telemetry queries within one connection (and, for writes, the
/// tracking transaction that hands it out).
struct SQLLineageAccess: LineageWriter {
    let db: any SQLDatabase
    let dialect: SQLDialectKind

    static let datasetColumns = """
        d.id, d.name, d.description, d.owner, d.source_system, d.license, d.tags, d.last_version, d.created_by,
        d.created_at, d.updated_at
        """

    /// Version columns with the dataset name and the current flag (left-joined).
    static let versionColumns = """
        dv.id, dv.dataset_id, d.name AS dataset_name, dv.number, dv.uri, dv.digest, dv.schema_json, dv.row_count,
        dv.profile, dv.source_system, dv.license, dv.tags, dv.created_by, dv.created_at,
        t.reason AS taint_reason, t.comment AS taint_comment, t.flagged_by AS taint_by, t.flagged_at AS taint_at
        """

    static let versionJoins = """
        dataset_versions dv JOIN registered_datasets d ON d.id = dv.dataset_id
        LEFT JOIN dataset_taints t ON t.dataset_version_id = dv.id
        """

    func decodeDataset(_ row: any SQLRow) throws -> RegisteredDataset {
        RegisteredDataset(id: try row.string("id"), name: try row.string("name"), description: try row.string("description"),
                          owner: try row.optionalString("owner"), sourceSystem: try row.optionalString("source_system"),
                          license: try row.optionalString("license"), tags: try row.json("tags", as: [String: String].self),
                          lastVersion: try row.int("last_version"), createdBy: try row.string("created_by"),
                          createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    func decodeVersion(_ row: any SQLRow) throws -> DatasetVersion {
        DatasetVersion(id: try row.string("id"), datasetID: try row.string("dataset_id"), datasetName: try row.string("dataset_name"),
                       number: try row.int("number"), uri: try row.string("uri"), digest: try row.string("digest"),
                       schema: try row.optionalJSON("schema_json"), rowCount: try row.optionalInt64("row_count"),
                       profile: try row.optionalJSON("profile"), sourceSystem: try row.optionalString("source_system"),
                       license: try row.optionalString("license"), tags: try row.json("tags", as: [String: String].self),
                       createdBy: try row.string("created_by"), createdAt: try row.date("created_at"), taint: try Self.decodeTaint(row))
    }

    /// The flag in `taint_*` columns, if any.
    static func decodeTaint(_ row: any SQLRow) throws -> DatasetTaint? {
        guard let reason = try row.optionalString("taint_reason") else { return nil }
        return DatasetTaint(reason: TaintReason(rawValue: reason) ?? .other, comment: try row.string("taint_comment"),
                            flaggedBy: try row.string("taint_by"), flaggedAt: try row.date("taint_at"))
    }
}

extension SQLTrackingAccess {
    var lineageReader: any LineageReader { SQLLineageAccess(db: db, dialect: dialect) }
    var lineageWriter: any LineageWriter { SQLLineageAccess(db: db, dialect: dialect) }
}
