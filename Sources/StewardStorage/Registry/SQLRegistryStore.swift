import Logging
import SQLKit
import StewardCore

/// The registry store over SQLKit: one implementation for SQLite and PostgreSQL.
public struct SQLRegistryStore: RegistryStore {
    public let backend: any DatabaseBackend

    public init(backend: any DatabaseBackend) {
        self.backend = backend
    }

    public func read<R: Sendable>(_ body: @escaping @Sendable (any RegistryReader) async throws -> R) async throws -> R {
        let dialect = backend.dialect
        return try await Self.mappingErrors {
            try await backend.withReader { db in try await body(SQLRegistryAccess(db: db, dialect: dialect)) }
        }
    }

    public func write<R: Sendable>(_ body: @escaping @Sendable (any RegistryWriter) async throws -> R) async throws -> R {
        let dialect = backend.dialect
        return try await Self.mappingErrors {
            try await backend.withTransaction { db in try await body(SQLRegistryAccess(db: db, dialect: dialect)) }
        }
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
}
