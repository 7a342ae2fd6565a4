import Foundation
import SQLKit
import StewardCore

/// The monitoring store over SQLKit, for SQLite and PostgreSQL. Its transactions carry the
/// registry writer (audit entries) and the lineage reader (dataset versions of references).
public struct SQLMonitoringStore: MonitoringStore {
    public let backend: any DatabaseBackend
    public let auditSealer: AuditSealer

    public init(backend: any DatabaseBackend, audit auditSealer: AuditSealer) {
        self.backend = backend
        self.auditSealer = auditSealer
    }

    public func read<R: Sendable>(_ body: @escaping @Sendable (any MonitoringReader) async throws -> R) async throws -> R {
        try await backend.readAccess(SQLMonitoringAccess.self) { try await body($0) }
    }

    public func write<R: Sendable>(_ body: @escaping @Sendable (any MonitoringWriter) async throws -> R) async throws -> R {
        try await backend.writeAccess(SQLMonitoringAccess.self, sealer: auditSealer) { try await body($0) }
    }
}

/// Monitoring queries within one connection (and, for writes, one transaction).
struct SQLMonitoringAccess: MonitoringWriter, SQLStoreAccess {
    let db: any SQLDatabase
    let dialect: SQLDialectKind
    var sealer: AuditSealer? = nil
    var journal: WriteJournal? = nil

    var lineageReader: any LineageReader { SQLLineageAccess(db: db, dialect: dialect) }

    /// Rows per multi-row statement: large enough to amortise a round trip, small enough to stay
    /// far below both databases' bind limits.
    static let chunk = 400

    func monitor(versionID: String) async throws -> MonitorRecord? {
        guard let row = try await db.raw("""
            SELECT version_id, settings, updated_at, updated_by FROM monitors WHERE version_id = \(bind: versionID)
            """).first() else { return nil }
        return MonitorRecord(versionID: try row.string("version_id"), settings: try row.json("settings", as: MonitorSettings.self),
                             updatedAt: try row.date("updated_at"), updatedBy: try row.string("updated_by"))
    }

    func putMonitor(_ record: MonitorRecord) async throws {
        try await db.raw("""
            INSERT INTO monitors (version_id, settings, updated_at, updated_by)
            VALUES (\(bind: record.versionID), \(bind: jsonText(record.settings)), \(bind: record.updatedAt.millis), \(bind: record.updatedBy))
            ON CONFLICT (version_id) DO UPDATE SET settings = excluded.settings, updated_at = excluded.updated_at,
                updated_by = excluded.updated_by
            """).run()
    }

    func reference(versionID: String) async throws -> ReferenceRecord? {
        guard let row = try await db.raw("""
            SELECT version_id, source, dataset_version_id, row_count, profile, created_at, created_by
            FROM monitor_references WHERE version_id = \(bind: versionID)
            """).first() else { return nil }
        return ReferenceRecord(versionID: try row.string("version_id"), source: try row.optionalJSON("source") ?? .null,
                               datasetVersionID: try row.optionalString("dataset_version_id"), rows: try row.int("row_count"),
                               profile: Self.bytes(try row.string("profile")), createdAt: try row.date("created_at"),
                               createdBy: try row.string("created_by"))
    }

    func putReference(_ record: ReferenceRecord) async throws {
        try await db.raw("""
            INSERT INTO monitor_references (version_id, source, dataset_version_id, row_count, profile, created_at, created_by)
            VALUES (\(bind: record.versionID), \(bind: record.source.jsonText), \(bind: record.datasetVersionID), \(bind: Int64(record.rows)),
                    \(bind: Self.text(record.profile)), \(bind: record.createdAt.millis), \(bind: record.createdBy))
            ON CONFLICT (version_id) DO UPDATE SET source = excluded.source, dataset_version_id = excluded.dataset_version_id,
                row_count = excluded.row_count, profile = excluded.profile, created_at = excluded.created_at, created_by = excluded.created_by
            """).run()
    }

    /// Stored form of an encoded profile.
    static func text(_ bytes: [UInt8]) -> String { Data(bytes).base64EncodedString() }
    static func bytes(_ text: String) -> [UInt8] { Data(base64Encoded: text).map { [UInt8]($0) } ?? [] }
}
