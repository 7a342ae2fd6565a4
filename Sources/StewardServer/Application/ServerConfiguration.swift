import Foundation
import Logging
import StewardStorage

/// Everything `buildApplication` needs. Filled from flags, then `STEWARD_*` variables, then defaults
/// (see the `steward serve` command).
public struct ServerConfiguration: Sendable {
    public var host: String = "127.0.0.1"
    public var port: Int = 8080
    /// Root of local state: the SQLite database (by default), blobs, the admin token.
    public var dataDirectory: String = "./steward-data"
    /// `nil` means `<dataDirectory>/steward.db`.
    public var database: String?
    /// Largest accepted artifact file.
    public var maxArtifactBytes: Int64 = 64 << 30
    /// Largest accepted JSON body.
    public var maxJSONBodyBytes: Int = 2 << 20
    /// Rate limits, concurrency caps, timeouts, header size, security headers and CORS.
    public var limits = LimitsConfiguration()
    public var logLevel: Logger.Level = .info
    /// Single sign-on: trust JWTs from this issuer (nil: tokens and passwords only).
    public var oidc: OIDCConfiguration?
    /// File holding the audit signing key (base64 Ed25519 private key); default
    /// `<data-dir>/audit-signing.key`, created on first start. Replicas must share one key.
    public var auditSigningKeyPath: String?
    /// Print the bootstrap admin token to stdout when it is created (disabled in tests).
    public var printBootstrapToken: Bool = true
    /// Outgoing webhooks: SSRF policy, retries, timeouts, lease (issue 6).
    public var webhooks = WebhookConfiguration()
    /// Sunset notices (issue 6).
    public var lifecycle = LifecycleConfiguration()
    /// Seconds between monitoring evaluator passes; 0 disables it (issue 7, `--monitor-interval`).
    public var monitorInterval: Double = 60

    public init() {}

    /// The parsed `--database` value.
    public func databaseLocation() throws -> DatabaseLocation {
        try DatabaseLocation.parse(database, dataDirectory: dataDirectory)
    }
}
