import Hummingbird
import Logging
import StewardCore
import StewardWeb

/// Mounts the web UI (StewardWeb) under `/ui`. The UI gets the same use cases as the API and
/// authenticates its session cookie through this server's `Authenticator`, with the request's
/// origin (door `web`) recorded on the principal for the audit trail. With browser single sign-on
/// configured, the UI's callback redeems codes through `OIDCCodeExchange` and verifies the ID token
/// with the same verifier and account provisioning as bearer JWTs.
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
                                   secureCookies: configuration.limits.hstsMaxAge != nil,
                                   artifacts: WebArtifacts(blobs: parts.blobs, maxFileBytes: configuration.maxArtifactBytes))
        let authenticator = parts.authenticator
        var singleSignOn: WebSingleSignOn<StewardRequestContext>?
        if let browser = configuration.oidc?.browser {
            let exchange = OIDCCodeExchange(settings: browser, logger: logger)
            singleSignOn = WebSingleSignOn(authorizationEndpoint: browser.authorizationEndpoint, clientID: browser.clientID, scope: browser.scope,
                                           redirectURL: browser.redirectURL) { grant, request, context in
                let idToken = try await exchange.idToken(code: grant.code, codeVerifier: grant.codeVerifier, redirectURI: grant.redirectURI)
                var principal = try await authenticator.principal(idToken: idToken, clientID: browser.clientID, nonce: grant.nonce)
                principal.origin = context.origin(of: request, door: "web")
                return principal
            }
        }
        WebRoutes<StewardRequestContext>(services: services, templates: templates, singleSignOn: singleSignOn) { header, request, context in
            var principal = try await authenticator.principal(for: header, logger: context.logger)
            principal.origin = context.origin(of: request, door: "web")
            return principal
        }.register(on: router)
    }
}
