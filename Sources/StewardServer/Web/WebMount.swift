import Hummingbird
import Logging
import StewardCore
import StewardWeb

/// Mounts the web UI (StewardWeb) under `/ui`. The UI gets the same use cases as the API and
/// authenticates its session cookie through this server's `Authenticator`, with the request's
/// origin (door `web`) recorded on the principal for the audit trail.
enum WebMount {
    static func register(_ parts: ApplicationParts, lineage: Lineage, configuration: ServerConfiguration, on router: Router<StewardRequestContext>,
                         logger: Logger = Logger(label: "steward.web")) {
        let templates: WebTemplates
        do {
            templates = try WebTemplates()
        } catch {
            logger.error("web UI disabled: its templates could not be loaded", metadata: ["error": "\(error)"])
            return
        }
        let services = WebServices(registry: parts.registry, lineage: lineage, catalog: Catalog(store: parts.registry.store), alerts: parts.monitoringAlerts(configuration),
                                   auditPublicKey: parts.auditSealer.signer.publicKey,
                                   secureCookies: configuration.limits.hstsMaxAge != nil)
        let authenticator = parts.authenticator
        WebRoutes<StewardRequestContext>(services: services, templates: templates) { header, request, context in
            var principal = try await authenticator.principal(for: header, logger: context.logger)
            principal.origin = context.origin(of: request, door: "web")
            return principal
        }.register(on: router)
    }
}
