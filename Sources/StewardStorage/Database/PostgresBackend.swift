import Foundation
import Logging
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through `PostgresClient`'s connection pool. The server keeps no state of its own, so
/// any number of replicas can share one database; row locks and advisory locks coordinate them.
public final class PostgresBackend: DatabaseBackend {
    public let dialect = SQLDialectKind.postgres
    private let client: PostgresClient
    private let runner: Task<Void, Never>

    /// Connects with a `postgres://user:password@host:port/database?sslmode=…` URL.
    public init(url: String, maxConnections: Int = 20, logger: Logger) throws {
        var configuration = try Self.configuration(from: url)
        configuration.options.maximumConnections = maxConnections
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        runner = Task { await client.run() }
    }

    static func configuration(from url: String) throws -> PostgresClient.Configuration {
        guard let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
              let host = components.host, !host.isEmpty else {
            throw StorageConfigurationError("Invalid PostgreSQL URL (expected postgres://user[:password]@host[:port]/database).")
        }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let sslmode = components.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? "prefer"
        let tls: PostgresClient.Configuration.TLS = switch sslmode {
        case "disable": .disable
        case "require", "verify-full", "verify-ca": .require(.makeClientConfiguration())
        default: host == "127.0.0.1" || host == "localhost" || host == "::1" ? .disable : .prefer(.makeClientConfiguration())
        }
        return PostgresClient.Configuration(host: host, port: components.port ?? 5432,
                                            username: components.user?.removingPercentEncoding ?? "postgres",
                                            password: components.password?.removingPercentEncoding,
                                            database: database.isEmpty ? nil : database, tls: tls)
    }

    public func withReader<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await client.withConnection { connection in try await body(connection.sql()) }
    }

    public func withTransaction<R: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await client.withConnection { connection in
            try await inTransaction(connection.sql(), begin: "BEGIN", body)
        }
    }

    public func close() async {
        runner.cancel()
        _ = await runner.value
    }
}

/// A storage configuration problem (bad URL, unreadable data directory). Its message never holds a password.
public struct StorageConfigurationError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
