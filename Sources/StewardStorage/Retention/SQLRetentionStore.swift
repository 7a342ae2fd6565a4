import SQLKit
import StewardCore

/// The retention store over SQLKit, for SQLite and PostgreSQL. It shares the backend (and so each
/// transaction) with `SQLRegistryStore`, and the same audit journal: a lifecycle change without an
/// audit entry is rolled back.
public struct SQLRetentionStore: RetentionStore {
    public let backend: any DatabaseBackend
    public let auditSealer: AuditSealer

    public init(backend: any DatabaseBackend, audit auditSealer: AuditSealer) {
        self.backend = backend
        self.auditSealer = auditSealer
    }

    public func read<R: Sendable>(_ body: @escaping @Sendable (any RetentionReader) async throws -> R) async throws -> R {
        try await backend.readAccess(SQLRetentionAccess.self) { try await body($0) }
    }

    public func write<R: Sendable>(_ body: @escaping @Sendable (any RetentionWriter) async throws -> R) async throws -> R {
        try await backend.writeAccess(SQLRetentionAccess.self, sealer: auditSealer) { try await body($0) }
    }
}

/// Retention reads and writes within one connection (and, for writes, one transaction).
struct SQLRetentionAccess: RetentionWriter, SQLStoreAccess {
    let db: any SQLDatabase
    let dialect: SQLDialectKind
    var sealer: AuditSealer? = nil
    var journal: WriteJournal? = nil

    /// Splits long `IN (…)` lists so bind counts stay low on both databases.
    static func chunks<T>(_ items: [T], of size: Int = 500) -> [ArraySlice<T>] {
        stride(from: 0, to: items.count, by: size).map { items[$0..<min($0 + size, items.count)] }
    }
}
