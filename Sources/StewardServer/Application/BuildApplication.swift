import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import StewardCore
import StewardStorage

/// The composition root: opens storage, applies migrations, creates the bootstrap admin token on a
/// fresh installation and assembles the router.
public func buildApplication(_ configuration: ServerConfiguration, logger: Logger? = nil) async throws -> some ApplicationProtocol {
    var logger = logger ?? Logger(label: "steward")
    logger.logLevel = configuration.logLevel
    let parts = try await openParts(configuration, logger: logger)
    let router = buildRouter(parts, configuration: configuration)
    var app = Application(router: router, server: Limits.httpServer(configuration.limits),
                          configuration: .init(address: .hostname(configuration.host, port: configuration.port),
                                               serverName: "Steward"),
                          logger: logger)
    app.addServices(DatabaseCloser(backend: parts.backend))
    if configuration.webhooks.deliver { // issue 6: webhook delivery (stops before the database closes)
        app.addServices(DeliveryService(queue: SQLDeliveryQueue(backend: parts.backend), registry: parts.registry,
                                        configuration: configuration.webhooks, logger: logger))
        app.addServices(RetrainingTriggerService(queue: SQLRetrainingQueue(backend: parts.backend), configuration: configuration.webhooks,
                                                 logger: logger)) // issue 7: retraining webhooks of alert rules
    }
    if configuration.monitorInterval > 0 { // issue 7: window metrics for alerts
        app.addServices(MonitoringEvaluator(monitoring: parts.monitoring, record: parts.recordMonitoringMetrics(configuration),
                                            interval: configuration.monitorInterval, logger: logger))
    }
    app.addServices(SunsetNoticeService(retention: parts.retention, configuration: configuration.lifecycle, logger: logger)) // issue 6
    return app
}

/// The long-lived pieces an application is built from.
struct ApplicationParts: Sendable {
    let backend: any DatabaseBackend
    let registry: Registry
    let blobs: LocalBlobStore
    let authenticator: Authenticator
    /// Seals audit entries; every store of this process writes through it.
    let auditSealer: AuditSealer
}

/// Opens the database and blob store and brings them to a servable state.
func openParts(_ configuration: ServerConfiguration, logger: Logger) async throws -> ApplicationParts {
    try DataDirectory.prepare(configuration.dataDirectory)
    let location = try configuration.databaseLocation()
    logger.info("opening database", metadata: ["database": "\(location)"])
    let backend = try await location.open(logger: logger)
    do {
        let applied = try await Migrator(backend: backend, logger: logger).migrate()
        if !applied.isEmpty { logger.info("migrations applied", metadata: ["versions": "\(applied)"]) }
        let blobs = try LocalBlobStore(root: configuration.dataDirectory)
        let removed = blobs.removeTemporaryFiles()
        if removed > 0 { logger.info("removed interrupted uploads", metadata: ["count": "\(removed)"]) }
        let sealer = AuditSealer(signer: try AuditKeyFile.load(configured: configuration.auditSigningKeyPath,
                                                               dataDirectory: configuration.dataDirectory))
        logger.info("audit log signing key", metadata: ["key_id": "\(sealer.signer.publicKey.keyID)"])
        let registry = Registry(store: SQLRegistryStore(backend: backend, audit: sealer))
        if let token = try await registry.bootstrapAdminToken() {
            let path = try DataDirectory.writeAdminToken(token, in: configuration.dataDirectory)
            logger.notice("created the bootstrap admin token", metadata: ["file": "\(path)"])
            if configuration.printBootstrapToken {
                print("Steward admin token (shown once; also saved to \(path)):\n  \(token)")
                fflush(nil) // all streams: stdout may be a pipe or file, which buffers
            }
        }
        var oidc: OIDCVerifier?
        if let settings = configuration.oidc {
            oidc = try await OIDCVerifier(settings, logger: logger)
            logger.info("single sign-on enabled", metadata: ["issuer": "\(settings.issuer)"])
        }
        return ApplicationParts(backend: backend, registry: registry, blobs: blobs,
                                authenticator: Authenticator(registry: registry, oidc: oidc), auditSealer: sealer)
    } catch {
        await backend.close()
        throw error
    }
}

/// Assembles middleware and routes.
func buildRouter(_ parts: ApplicationParts, configuration: ServerConfiguration) -> Router<StewardRequestContext> {
    let router = Router(context: StewardRequestContext.self)
    let limits = Limits(configuration.limits, maxJSONBodyBytes: configuration.maxJSONBodyBytes)
    router.middlewares.add(limits.securityHeaders) // outermost: every response carries them
    router.middlewares.add(RequestIDMiddleware())
    router.middlewares.add(MetricsMiddleware())
    limits.addCORS(to: router)
    router.middlewares.add(ProblemMiddleware())
    limits.addRequestLimits(to: router)
    let openAPI = (try? OperationsRoutes.loadOpenAPIJSON()) ?? ByteBuffer(string: "{}")
    OperationsRoutes(registry: parts.registry, metrics: MetricsSetup.registry, openAPIJSON: openAPI).register(on: router)
    let api = limits.addPrincipalLimits(to: router.group("api/v1").add(middleware: AuthenticationMiddleware(authenticator: parts.authenticator)))
    let lineage = Lineage(store: SQLTrackingStore(backend: parts.backend, audit: parts.auditSealer))
    RegistryRoutes(registry: parts.registry, blobs: parts.blobs, maxArtifactBytes: configuration.maxArtifactBytes, lineage: lineage)
        .register(on: api)
    DatasetRoutes(lineage: lineage).register(on: api)
    PromotionRoutes(registry: parts.registry).register(on: api)
    LineageRoutes(lineage: lineage).register(on: api)
    NotificationRoutes.register(parts, lineage: lineage, configuration: configuration, on: api) // issue 6: consumers, subscriptions, feed
    IdentityRoutes(registry: parts.registry).register(on: api)
    AuditRoutes(registry: parts.registry, publicKey: parts.auditSealer.signer.publicKey).register(on: api)
    LifecycleRoutes(retention: parts.retention).register(on: api) // issue 6: deprecation, retention, GC
    AlertRoutes(alerts: parts.monitoringAlerts(configuration)).register(on: api) // issue 7: metric series, alert rules, alerts
    CatalogRoutes(catalog: Catalog(store: parts.registry.store)).register(on: api) // issue 8: catalog search, cards, templates
    MonitoringRoutes(parts.monitoring, maxReferenceBytes: Int(configuration.maxArtifactBytes)).register(on: api) // issue 7: prediction logs, labels, references, drift and windows
    MLflowRoutes(parts, configuration: configuration).register(on: router, limits: limits)
    WebMount.register(parts, lineage: lineage, configuration: configuration, on: router) // issue 8: the web UI under /ui
    return router
}

/// Closes the database after the HTTP server has stopped (services stop in reverse order, and the
/// server is the application's last service, so it drains in-flight requests first).
struct DatabaseCloser: Service {
    let backend: any DatabaseBackend

    func run() async throws {
        try? await gracefulShutdown()
        await backend.close()
    }
}
