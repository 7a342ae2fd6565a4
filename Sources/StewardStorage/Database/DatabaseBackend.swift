import SQLKit

/// Which SQL dialect a backend speaks; the few statements that differ switch on it.
public enum SQLDialectKind: String, Sendable {
    case sqlite, postgres
}

/// A connection source for the one SQL store: hands out an `SQLDatabase` for reads and a
/// transaction-scoped `SQLDatabase` for writes. SQLite and PostgreSQL each implement it.
public protocol DatabaseBackend: Sendable {
    var dialect: SQLDialectKind { get }
    /// Runs `body` on a connection for reading (no explicit transaction).
    func withReader<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R
    /// Runs `body` inside one transaction: committed when it returns, rolled back when it throws.
    func withTransaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R
    /// Releases connections. The backend is unusable afterwards.
    func close() async
    /// Authenticated token holders, when no other process writes this database (nil otherwise).
    var credentialCache: CredentialCache? { get }
    /// The in-memory facet columns of the catalog, when no other process writes this database (nil otherwise).
    var catalogFacetIndex: CatalogFacetIndex? { get }
}

extension DatabaseBackend {
    public var credentialCache: CredentialCache? { nil }
    public var catalogFacetIndex: CatalogFacetIndex? { nil }
}

/// Runs `body` between BEGIN and COMMIT on `db`, rolling back on error.
func inTransaction<R>(_ db: any SQLDatabase, begin: String,
                      _ body: (any SQLDatabase) async throws -> R) async throws -> R {
    try await db.raw(SQLQueryString(begin)).run()
    do {
        let result = try await body(db)
        try await db.raw("COMMIT").run()
        return result
    } catch {
        try? await db.raw("ROLLBACK").run()
        throw error
    }
}
