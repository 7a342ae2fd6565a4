import SQLKit
import StewardCore

/// The alert store over SQLKit, for SQLite and PostgreSQL. It shares the backend (and so each
/// transaction) with the registry store and the same audit journal: an alert opened without its
/// audit entry is rolled back; metric points are telemetry (exempt in `WriteJournal`).
public struct SQLAlertStore: AlertStore {
    public let backend: any DatabaseBackend
    public let auditSealer: AuditSealer

    public init(backend: any DatabaseBackend, audit auditSealer: AuditSealer) {
        self.backend = backend
        self.auditSealer = auditSealer
    }

    public func read<R: Sendable>(_ body: @escaping @Sendable (any AlertReader) async throws -> R) async throws -> R {
        try await backend.readAccess(SQLAlertAccess.self) { try await body($0) }
    }

    public func write<R: Sendable>(_ body: @escaping @Sendable (any AlertWriter) async throws -> R) async throws -> R {
        try await backend.writeAccess(SQLAlertAccess.self, sealer: auditSealer) { try await body($0) }
    }
}

/// Series, rule and alert queries within one connection (and, for writes, one transaction).
struct SQLAlertAccess: AlertWriter, SQLStoreAccess {
    let db: any SQLDatabase
    let dialect: SQLDialectKind
    var sealer: AuditSealer? = nil
    var journal: WriteJournal? = nil

    /// Whole-window metrics are stored with feature '' (key columns cannot be NULL).
    static func stored(_ feature: String?) -> String { feature ?? "" }
    static func feature(_ stored: String) -> String? { stored.isEmpty ? nil : stored }
}
