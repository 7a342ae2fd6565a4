import ArgumentParser
import Foundation
import Hummingbird
import Logging
import StewardServer
import StewardStorage

/// `steward serve`: runs the server until SIGTERM or SIGINT, then finishes in-flight requests and exits.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Run the Steward server.")

    @Option(help: "Address to listen on (STEWARD_HOST; default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (STEWARD_PORT; default 8080; 0 picks a free port).")
    var port: Int?

    @Option(help: "File holding the audit signing key, base64 Ed25519 (STEWARD_AUDIT_SIGNING_KEY; default <data dir>/audit-signing.key, created on first start). Replicas must share one key.")
    var auditSigningKey: String?

    @OptionGroup var options: ServerOptions
    @OptionGroup(title: "Limits and safe defaults") var limits: LimitOptions
    @OptionGroup(title: "Single sign-on (OIDC)") var sso: OIDCOptions
    @OptionGroup(title: "Outgoing webhooks") var webhooks: WebhookOptions
    @OptionGroup(title: "Deprecation notices") var lifecycle: LifecycleOptions
    @OptionGroup(title: "Monitoring") var monitor: MonitorOptions

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        var configuration = try options.configuration(environment: environment)
        try limits.apply(to: &configuration, environment: environment)
        try webhooks.apply(to: &configuration, environment: environment)
        try lifecycle.apply(to: &configuration, environment: environment)
        try monitor.apply(to: &configuration, environment: environment)
        if let value = host ?? environment["STEWARD_HOST"] { configuration.host = value }
        if let value = port {
            configuration.port = value
        } else if let value = environment["STEWARD_PORT"] {
            guard let parsed = Int(value) else { throw ValidationError("STEWARD_PORT must be a number.") }
            configuration.port = parsed
        }
        guard (0...65535).contains(configuration.port) else { throw ValidationError("The port must be between 0 and 65535.") }
        configuration.oidc = try sso.configuration(environment: environment)
        configuration.auditSigningKeyPath = auditSigningKey ?? environment["STEWARD_AUDIT_SIGNING_KEY"]
        LogSetup.bootstrap(level: configuration.logLevel)
        if case .sqlite(let path) = try configuration.databaseLocation() { try DataDirectoryLock.acquire(databasePath: path) }
        let app = try await buildApplication(configuration)
        try await app.runService()
    }
}
