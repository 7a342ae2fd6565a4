import SQLKit
import StewardCore

/// The tracking store over SQLKit, for SQLite and PostgreSQL. It shares the backend (and so the
/// transaction) with `SQLRegistryStore`.
public struct SQLTrackingStore: TrackingStore {
    public let backend: any DatabaseBackend
    /// Seals audit entries (signs tree heads) inside write transactions.
    public let auditSealer: AuditSealer

    public init(backend: any DatabaseBackend, audit auditSealer: AuditSealer) {
        self.backend = backend
        self.auditSealer = auditSealer
    }

    public func read<R: Sendable>(_ body: @escaping @Sendable (any TrackingReader) async throws -> R) async throws -> R {
        try await backend.readAccess(SQLTrackingAccess.self) { try await body($0) }
    }

    public func write<R: Sendable>(_ body: @escaping @Sendable (any TrackingWriter) async throws -> R) async throws -> R {
        try await backend.writeAccess(SQLTrackingAccess.self, sealer: auditSealer) { try await body($0) }
    }
}

/// Tracking reads and writes within one connection (and, for writes, one transaction).
struct SQLTrackingAccess: TrackingWriter, SQLStoreAccess {
    let db: any SQLDatabase
    let dialect: SQLDialectKind
    var sealer: AuditSealer? = nil
    var journal: WriteJournal? = nil

    /// Rewrites key/value rows of one owner (tags, params) with one DELETE and one multi-row INSERT.
    func replaceRows(table: String, owner: String, id: String, _ values: [String: String]) async throws {
        try await db.raw("DELETE FROM \(ident: table) WHERE \(ident: owner) = \(bind: id)").run()
        try await insertRows(table: table, owner: owner, id: id, values)
    }

    /// Inserts key/value rows in chunks (one statement per 200 rows keeps bind counts low).
    func insertRows(table: String, owner: String, id: String, _ values: [String: String]) async throws {
        let rows = values.sorted { $0.key < $1.key }
        for start in stride(from: 0, to: rows.count, by: 200) {
            let tuples = rows[start..<min(start + 200, rows.count)].map { row -> SQLQueryString in
                "(\(bind: id), \(bind: row.key), \(bind: row.value))"
            }
            try await db.raw("INSERT INTO \(ident: table) (\(ident: owner), key, value) VALUES " + tuples.joined(separator: ", ")).run()
        }
    }

    /// Key/value rows of several owners, grouped by owner.
    func rows(table: String, owner: String, ids: [String]) async throws -> [String: [String: String]] {
        guard !ids.isEmpty else { return [:] }
        var result: [String: [String: String]] = [:]
        for row in try await db.raw("SELECT \(ident: owner) AS owner, key, value FROM \(ident: table) WHERE \(ident: owner) IN (\(binds: ids))").all() {
            result[try row.string("owner"), default: [:]][try row.string("key")] = try row.string("value")
        }
        return result
    }

}
