import Foundation
import Logging
import SQLKit
import StewardStorage

/// The databases every storage and API suite runs against. PostgreSQL is included when
/// `STEWARD_TEST_POSTGRES_URL` is set (as `make test` does); with `STEWARD_TEST_REQUIRE_POSTGRES=1`
/// and no URL, opening it fails loudly instead of the suite quietly covering SQLite only.
public enum TestDatabase: String, Sendable, CustomStringConvertible, CaseIterable {
    case sqlite, postgres

    public var description: String { rawValue }

    /// The databases available to this test run.
    public static var all: [TestDatabase] {
        let environment = ProcessInfo.processInfo.environment
        let hasPostgres = environment["STEWARD_TEST_POSTGRES_URL"].map { !$0.isEmpty } ?? false
        return hasPostgres || environment["STEWARD_TEST_REQUIRE_POSTGRES"] == "1" ? [.sqlite, .postgres] : [.sqlite]
    }

    public static let logger: Logger = {
        var logger = Logger(label: "steward.test")
        logger.logLevel = .warning
        return logger
    }()

    /// A fresh, empty database: a new SQLite file in `directory`, or a new PostgreSQL database
    /// created on the test cluster (dropped by `drop`). Returns the `--database` value.
    public func create(in directory: String) async throws -> String {
        switch self {
        case .sqlite:
            return "sqlite:\(directory)/steward.db"
        case .postgres:
            guard let base = ProcessInfo.processInfo.environment["STEWARD_TEST_POSTGRES_URL"], !base.isEmpty else {
                throw TestSetupError("STEWARD_TEST_REQUIRE_POSTGRES is set but STEWARD_TEST_POSTGRES_URL is not: run the tests with `make test`.")
            }
            let name = "steward_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            let admin = try PostgresBackend(url: base, maxConnections: 1, logger: Self.logger)
            do {
                try await admin.withReader { db in try await db.raw("CREATE DATABASE \(ident: name)").run() }
            } catch {
                await admin.close()
                throw error
            }
            await admin.close()
            guard var components = URLComponents(string: base) else { throw TestSetupError("bad STEWARD_TEST_POSTGRES_URL") }
            components.path = "/" + name
            return components.string!
        }
    }

    /// Drops a PostgreSQL database made by `create` (SQLite files go with their directory).
    public static func drop(_ url: String) async {
        guard url.hasPrefix("postgres"), let components = URLComponents(string: url),
              let base = ProcessInfo.processInfo.environment["STEWARD_TEST_POSTGRES_URL"] else { return }
        let name = String(components.path.dropFirst())
        guard let admin = try? PostgresBackend(url: base, maxConnections: 1, logger: logger) else { return }
        _ = try? await admin.withReader { db in try await db.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run() }
        await admin.close()
    }

    /// Runs `body` with an open, migrated backend on a fresh database; cleans up afterwards.
    public func withBackend<R>(_ body: (any DatabaseBackend, String) async throws -> R) async throws -> R {
        let directory = try TemporaryDirectory.make()
        defer { TemporaryDirectory.remove(directory) }
        let url = try await create(in: directory)
        let backend = try await DatabaseLocation.parse(url, dataDirectory: directory).open(logger: Self.logger)
        do {
            try await Migrator(backend: backend, logger: Self.logger).migrate()
            let result = try await body(backend, url)
            await backend.close()
            await Self.drop(url)
            return result
        } catch {
            await backend.close()
            await Self.drop(url)
            throw error
        }
    }
}

/// A problem preparing a test environment.
public struct TestSetupError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

/// Scratch directories for tests.
public enum TemporaryDirectory {
    public static func make() throws -> String {
        let path = NSTemporaryDirectory() + "steward-test-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    public static func remove(_ path: String) {
        try? FileManager.default.removeItem(atPath: path)
    }
}
