import ArgumentParser
import Foundation
import Logging
import StewardServer

/// Options shared by `serve` and `migrate`. Each falls back to its `STEWARD_*` variable, then to the
/// default (see the README's configuration reference).
struct ServerOptions: ParsableArguments {
    @Option(help: "Data directory (STEWARD_DATA_DIR; default ./steward-data).")
    var dataDir: String?

    @Option(help: "sqlite:<path> or postgres://user[:password]@host[:port]/db (STEWARD_DATABASE; default sqlite:<data dir>/steward.db).")
    var database: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical (STEWARD_LOG_LEVEL; default info).")
    var logLevel: String?

    /// The configuration these options (and the environment) describe.
    func configuration(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ServerConfiguration {
        var configuration = ServerConfiguration()
        if let value = dataDir ?? environment["STEWARD_DATA_DIR"] { configuration.dataDirectory = value }
        configuration.database = database ?? environment["STEWARD_DATABASE"]
        if let value = logLevel ?? environment["STEWARD_LOG_LEVEL"] {
            guard let level = Logger.Level(rawValue: value.lowercased()) else {
                throw ValidationError("Unknown log level '\(value)'.")
            }
            configuration.logLevel = level
        }
        return configuration
    }
}

/// Log lines go to standard error, one per line, with their metadata (request id, principal, …).
enum LogSetup {
    static func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
