import Logging
import SQLKit
import StewardCore

/// The registry store over SQLKit: one implementation for SQLite and PostgreSQL.
public struct SQLRegistryStore: RegistryStore {
    public let backend: any DatabaseBackend
    /// Seals audit entries (signs tree heads) inside write transactions.
    public let auditSealer: AuditSealer

    public init(backend: any DatabaseBackend, audit auditSealer: AuditSealer) {
        self.backend = backend
        self.auditSealer = auditSealer
    }

    public func read<R: Sendable>(_ body: @escaping @Sendable (any RegistryReader) async throws -> R) async throws -> R {
        let dialect = backend.dialect
        let facets = backend.catalogFacetIndex.map { FacetIndexAccess(index: $0, backend: backend) }
        return try await backend.mappedRead { db in try await body(SQLRegistryAccess(db: db, dialect: dialect, facets: facets)) }
    }

    public func write<R: Sendable>(_ body: @escaping @Sendable (any RegistryWriter) async throws -> R) async throws -> R {
        let (dialect, sealer) = (backend.dialect, auditSealer)
        return try await backend.auditedTransaction { db, journal in
            try await body(SQLRegistryAccess(db: db, dialect: dialect, sealer: sealer, journal: journal))
        }
    }

    /// The holder of a token hash; from the credential cache when the backend has one.
    public func tokenHolder(hash: String) async throws -> (TokenRecord, Account, Set<String>)? {
        guard let cache = backend.credentialCache else { return try await read { try await $0.tokenHolder(hash: hash) } }
        if let holder = cache.holder(hash: hash) { return holder }
        let generation = cache.generation // before the read: a write committed during it makes the entry stale
        let holder = try await read { try await $0.tokenHolder(hash: hash) }
        if let holder { cache.store(holder, hash: hash, generation: generation) }
        return holder
    }

    public func checkReady() async throws {
        _ = try await backend.withReader { db in try await db.raw("SELECT 1 AS ok").all().count }
    }

    /// Domain errors pass through; database failures become `unavailable` without leaking SQL.
    static func mappingErrors<R>(_ body: () async throws -> R) async throws -> R {
        do {
            return try await body()
        } catch let error as DomainError {
            throw error
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw StoreFailure(underlying: error)
        }
    }
}

/// A database failure that is not the caller's fault. Doors answer it with 503 and log `underlying`
/// (which may hold SQL, never secrets) server-side only.
public struct StoreFailure: Error, CustomStringConvertible {
    public var underlying: any Error
    public var description: String { "database failure: \(String(reflecting: underlying))" }
}

/// Reads and writes within one connection (and, for writes, one transaction).
struct SQLRegistryAccess: RegistryWriter {
    let db: any SQLDatabase
    let dialect: SQLDialectKind
    /// Present in write transactions: seals audit entries.
    var sealer: AuditSealer? = nil
    /// Present in write transactions: proves each change appended an audit entry.
    var journal: WriteJournal? = nil
    /// Present in reads on a backend with a `CatalogFacetIndex`.
    var facets: FacetIndexAccess? = nil
}

/// A catalog facet index and the backend that rebuilds it.
struct FacetIndexAccess: Sendable {
    let index: CatalogFacetIndex
    let backend: any DatabaseBackend
}
