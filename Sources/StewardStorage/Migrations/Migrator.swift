import Foundation
import Logging
import SQLKit

/// Applies pending migrations. Safe to run twice and from several replicas at once: on PostgreSQL
/// the whole run holds a transaction-scoped advisory lock; on SQLite `BEGIN IMMEDIATE` holds the
/// database write lock. Each run is one transaction, so a failed migration leaves the schema as it was.
public struct Migrator: Sendable {
    /// Arbitrary constant identifying Steward's migration lock among other advisory locks.
    static let advisoryLockKey: Int64 = 0x5354_4557_4152_44 // "STEWARD"

    let backend: any DatabaseBackend
    let migrations: [Migration]
    let logger: Logger

    public init(backend: any DatabaseBackend, migrations: [Migration] = Migrations.all, logger: Logger) {
        self.backend = backend
        self.migrations = migrations
        self.logger = logger
    }

    /// Applies what is missing; returns the versions applied by this call.
    @discardableResult
    public func migrate() async throws -> [Int] {
        // On SQLite another process's migration holds the write lock for its whole run, which on a
        // loaded machine can outlast the connection's busy timeout: wait for it (bounded) rather than
        // fail a replica's start. PostgreSQL queues on the advisory lock instead.
        let deadline = Date().addingTimeInterval(120)
        while true {
            do {
                return try await migrateOnce()
            } catch where backend.dialect == .sqlite && Date() < deadline && Self.isBusy(error) {
                logger.info("database busy; waiting to migrate")
                try await Task.sleep(for: .milliseconds(250))
            }
        }
    }

    /// SQLite's "database is locked" / "busy" failures.
    static func isBusy(_ error: any Error) -> Bool {
        let text = String(describing: error).lowercased()
        return text.contains("database is locked") || text.contains("busy")
    }

    private func migrateOnce() async throws -> [Int] {
        let dialect = backend.dialect
        let migrations = self.migrations
        let logger = self.logger
        return try await backend.withTransaction { db in
            if dialect == .postgres {
                try await db.raw("SELECT pg_advisory_xact_lock(\(literal: Self.advisoryLockKey))").run()
            }
            try await db.raw("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)
                """).run()
            let applied = Set(try await db.raw("SELECT version FROM schema_migrations").all()
                .map { try $0.decode(column: "version", as: Int.self) })
            var done: [Int] = []
            for migration in migrations.sorted(by: { $0.version < $1.version }) where !applied.contains(migration.version) {
                for statement in migration.statements(dialect) {
                    try await db.raw(SQLQueryString(statement)).run()
                }
                let now = Int64(Date().timeIntervalSince1970 * 1000)
                try await db.raw("""
                    INSERT INTO schema_migrations (version, name, applied_at)
                    VALUES (\(bind: migration.version), \(bind: migration.name), \(bind: now))
                    """).run()
                logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                done.append(migration.version)
            }
            return done
        }
    }

    /// The highest applied migration (0 for an empty database).
    public func currentVersion() async throws -> Int {
        try await backend.withReader { db in
            let rows = try await db.raw("SELECT MAX(version) AS v FROM schema_migrations").all()
            return try rows.first?.decode(column: "v", as: Int?.self) ?? 0
        }
    }
}
