import SQLKit
import StewardCore

/// What every area's store hands its use cases: queries on one connection (and, for writes, one
/// audited transaction), with the registry on that same connection for rules and audit entries.
/// The stores themselves are then one line per `read` and `write` (`readAccess`/`writeAccess`).
protocol SQLStoreAccess: Sendable {
    var db: any SQLDatabase { get }
    var dialect: SQLDialectKind { get }
    var sealer: AuditSealer? { get }
    var journal: WriteJournal? { get }
    init(db: any SQLDatabase, dialect: SQLDialectKind, sealer: AuditSealer?, journal: WriteJournal?)
}

extension SQLStoreAccess {
    /// The registry on the same connection and transaction.
    var registry: SQLRegistryAccess { SQLRegistryAccess(db: db, dialect: dialect, sealer: sealer, journal: journal) }
    var registryReader: any RegistryReader { registry }
    var registryWriter: any RegistryWriter { registry }
}

extension DatabaseBackend {
    /// Runs `body` with an `A` on a reader connection.
    func readAccess<A: SQLStoreAccess, R: Sendable>(_: A.Type, _ body: @escaping @Sendable (A) async throws -> R) async throws -> R {
        let dialect = self.dialect
        return try await mappedRead { db in try await body(A(db: db, dialect: dialect, sealer: nil, journal: nil)) }
    }

    /// Runs `body` with an `A` in one audited transaction (see `auditedTransaction`).
    func writeAccess<A: SQLStoreAccess, R: Sendable>(_: A.Type, sealer: AuditSealer,
                                                      _ body: @escaping @Sendable (A) async throws -> R) async throws -> R {
        let dialect = self.dialect
        return try await auditedTransaction { db, journal in try await body(A(db: db, dialect: dialect, sealer: sealer, journal: journal)) }
    }
}
