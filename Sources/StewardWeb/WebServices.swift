import Foundation
import StewardCore

/// What the web UI is built from: the Core use cases it calls (never the store directly), and how
/// the server authenticates a credential. The UI has no authentication of its own: every page hands
/// its session token to the same authenticator as the API (`authenticate`), so the same rules apply.
public struct WebServices: Sendable {
    public var registry: Registry
    public var lineage: Lineage
    /// Catalog search (full text, facets, quality signals) and templates.
    public var catalog: Catalog
    /// Metric series and alerts (nil when the server runs without monitoring).
    public var alerts: MonitoringAlerts?
    /// The audit log's public key, for the verification status of the trail.
    public var auditPublicKey: AuditPublicKey
    /// Whether session cookies get `Secure` (the server is reached over TLS, directly or via a proxy).
    public var secureCookies: Bool
    /// How long a web session (its Steward token) lives.
    public var sessionLifetime: TimeInterval
    /// Artifact bytes for uploads and downloads (nil: the UI offers neither).
    public var artifacts: (any WebArtifactStore)?

    public init(registry: Registry, lineage: Lineage, catalog: Catalog, alerts: MonitoringAlerts?, auditPublicKey: AuditPublicKey,
                secureCookies: Bool = false, sessionLifetime: TimeInterval = 8 * 3600, artifacts: (any WebArtifactStore)? = nil) {
        self.registry = registry
        self.lineage = lineage
        self.catalog = catalog
        self.alerts = alerts
        self.auditPublicKey = auditPublicKey
        self.secureCookies = secureCookies
        self.sessionLifetime = sessionLifetime
        self.artifacts = artifacts
    }
}
