import ArgumentParser
import Logging
import StewardStorage

/// `steward migrate`: applies pending database migrations and exits (the server also does this at start).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Apply pending database migrations.")

    @OptionGroup var options: ServerOptions

    func run() async throws {
        let configuration = try options.configuration()
        LogSetup.bootstrap(level: configuration.logLevel)
        let logger = Logger(label: "steward.migrate")
        let location = try configuration.databaseLocation()
        let backend = try await location.open(logger: logger)
        do {
            let migrator = Migrator(backend: backend, logger: logger)
            let applied = try await migrator.migrate()
            let current = try await migrator.currentVersion()
            print(applied.isEmpty ? "Database \(location) is up to date (schema version \(current))."
                                  : "Applied migrations \(applied.map(String.init).joined(separator: ", ")) to \(location); schema version \(current).")
        } catch {
            await backend.close()
            throw error
        }
        await backend.close()
    }
}
