import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit
import SQLiteNIO

/// SQLite in WAL mode: one writer connection (SQLite allows one writer at a time anyway, and
/// serialising writes in-process avoids busy retries) and a few reader connections that read
/// concurrently with it.
public final class SQLiteBackend: DatabaseBackend {
    public let dialect = SQLDialectKind.sqlite
    /// One server process owns an embedded database (`serve` locks the data directory), so this
    /// process sees every credential change and may cache token lookups.
    public let credentialCache: CredentialCache? = CredentialCache()
    /// For the same reason, catalog facets can be counted from memory (`CatalogFacetIndex`).
    public let catalogFacetIndex: CatalogFacetIndex? = CatalogFacetIndex()
    private let writer: AsyncPool<SQLiteConnection>
    private let readers: AsyncPool<SQLiteConnection>
    private let readerCount: Int
    /// One thread per connection, owned by this backend: SQLite calls block their thread (a writer
    /// waiting out `busy_timeout` for another process holds it for seconds), so sharing the global
    /// two-thread pool let one waiting connection starve every other database in the process.
    private let threads: NIOThreadPool

    /// Opens (creating if needed) the database file at `path`.
    public init(path: String, readers readerCount: Int = 4, logger: Logger) async throws {
        let threads = NIOThreadPool(numberOfThreads: max(1, readerCount) + 1)
        threads.start()
        func open() async throws -> SQLiteConnection {
            let connection = try await SQLiteConnection.open(storage: .file(path: path), threadPool: threads, logger: logger,
                                                             on: MultiThreadedEventLoopGroup.singleton.any())
            let db = connection.sql()
            // busy_timeout first: another process (a second replica, `steward migrate`) may hold the lock.
            for pragma in ["PRAGMA busy_timeout = 15000", "PRAGMA journal_mode = WAL", "PRAGMA synchronous = FULL",
                           "PRAGMA foreign_keys = ON", "PRAGMA case_sensitive_like = ON",
                           // 64 MiB page cache and memory-mapped reads: the default 2 MiB cache turns
                           // searches over a large registry into pread calls.
                           "PRAGMA cache_size = -65536", "PRAGMA mmap_size = 268435456",
                           // Statement journals (a multi-row insert inside a transaction keeps one
                           // to undo itself) in memory: they were written to a temporary file.
                           "PRAGMA temp_store = MEMORY"] {
                try await db.raw(SQLQueryString(pragma)).run()
            }
            return connection
        }
        // The writer first, then the readers; on a failure everything opened so far is closed.
        var opened: [SQLiteConnection] = []
        do {
            for _ in 0...max(1, readerCount) { opened.append(try await open()) }
        } catch {
            for connection in opened { try? await connection.close() }
            try? await threads.shutdownGracefully()
            throw error
        }
        self.threads = threads
        writer = AsyncPool([opened[0]])
        readers = AsyncPool(Array(opened.dropFirst()))
        self.readerCount = max(1, readerCount)
    }

    public func withReader<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await readers.with { try await body(SQLiteDirectDatabase(connection: $0)) }
    }

    public func withTransaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        // IMMEDIATE takes the write lock up front, so a transaction never fails half-way on upgrade.
        try await writer.with { try await inTransaction(SQLiteDirectDatabase(connection: $0), begin: "BEGIN IMMEDIATE", body) }
    }

    public func close() async {
        for connection in await writer.drain(count: 1) { try? await connection.close() }
        for connection in await readers.drain(count: readerCount) { try? await connection.close() }
        try? await threads.shutdownGracefully()
    }
}
