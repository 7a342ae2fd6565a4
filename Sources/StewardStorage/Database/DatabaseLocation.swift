import Foundation
import Logging

/// Where metadata lives: an SQLite file (the embedded default) or a PostgreSQL URL.
public enum DatabaseLocation: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    case postgres(url: String)

    /// Parses `--database`: `sqlite:<path>`, a `postgres://` URL, or nil for `<dataDir>/steward.db`.
    public static func parse(_ text: String?, dataDirectory: String) throws -> DatabaseLocation {
        guard let text, !text.isEmpty else { return .sqlite(path: dataDirectory + "/steward.db") }
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") { return .postgres(url: text) }
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path.removeFirst(2) }
            guard !path.isEmpty else { throw StorageConfigurationError("sqlite: needs a file path, for example sqlite:./steward-data/steward.db") }
            return .sqlite(path: path)
        }
        throw StorageConfigurationError("Unsupported --database '\(text.prefix(20))…': use sqlite:<path> or postgres://…")
    }

    /// Safe to log: the PostgreSQL password is masked.
    public var description: String {
        switch self {
        case .sqlite(let path): return "sqlite:\(path)"
        case .postgres(let url):
            guard var components = URLComponents(string: url) else { return "postgres://…" }
            if components.password != nil { components.password = "***" }
            return components.string ?? "postgres://…"
        }
    }

    /// Opens a backend for this location.
    public func open(logger: Logger) async throws -> any DatabaseBackend {
        switch self {
        case .sqlite(let path):
            let directory = (path as NSString).deletingLastPathComponent
            if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
            return try await SQLiteBackend(path: path, logger: logger)
        case .postgres(let url):
            return try PostgresBackend(url: url, logger: logger)
        }
    }
}
