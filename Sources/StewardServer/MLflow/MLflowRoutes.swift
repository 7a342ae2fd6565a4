import Foundation
import Hummingbird
import StewardCore
import StewardStorage

/// The MLflow-compatible door: the REST surface the stock `mlflow` client (3.17.2) calls, mapped onto
/// the same `Registry` and `Tracking` use cases as the native API. Handlers only translate between
/// MLflow's wire format and those use cases.
struct MLflowRoutes: Sendable {
    let registry: Registry
    let tracking: Tracking
    let blobs: LocalBlobStore
    let maxArtifactBytes: Int64
    let authenticator: Authenticator

    /// The MLflow version whose client behaviour this door matches.
    static let compatibleVersion = "3.17.2"

    /// Registers the MLflow routes; `limits` adds the same per-principal rate and concurrency limits
    /// the native API has, after authentication.
    func register(on router: Router<StewardRequestContext>, limits: Limits) {
        let auth = MLflowAuthMiddleware(authenticator: authenticator)
        let api = limits.addPrincipalLimits(to: router.group("api/2.0/mlflow").add(middleware: MLflowErrorMiddleware()).add(middleware: auth))
        registerExperiments(on: api)
        registerRuns(on: api)
        registerLoggedModels(on: api)
        registerRegisteredModels(on: api)
        registerModelVersions(on: api)
        let artifacts = limits.addPrincipalLimits(
            to: router.group("api/2.0/mlflow-artifacts").add(middleware: MLflowErrorMiddleware()).add(middleware: auth))
        registerArtifacts(on: artifacts)
        registerServerInfo(on: router)
    }

    /// An MLflow endpoint: reads the request's fields, runs `body` as the authenticated principal,
    /// and answers 200 with the JSON it returns.
    static func endpoint(_ body: @escaping @Sendable (MLflowParams, Principal) async throws -> MLflowJSON)
        -> @Sendable (Request, StewardRequestContext) async throws -> Response {
        { request, context in
            let params = try await MLflowParams.read(request, context: context)
            return try await body(params, try context.requirePrincipal()).response()
        }
    }

    /// The `{}` reply of calls that return nothing.
    static let empty = MLflowJSON.object([(String, MLflowJSON)]())

    /// A `max_results` value within `1...maximum` (default when absent).
    static func maxResults(_ params: MLflowParams, default fallback: Int, maximum: Int) throws -> Int {
        guard let value = try params.int64("max_results") else { return fallback }
        guard value >= 1 && value <= Int64(maximum) else {
            throw MLflowError.invalid("Invalid value \(value) for parameter 'max_results': it must be between 1 and \(maximum).")
        }
        return Int(value)
    }

    /// The `{items, next_page_token}` reply of an offset-paged search.
    static func page(_ key: String, _ items: [MLflowJSON], offset: Int, hasMore: Bool) -> MLflowJSON {
        .object([
            (key, .array(items)),
            ("next_page_token", OffsetPageToken.next(offset: offset, returned: items.count, hasMore: hasMore).map(MLflowJSON.string)),
        ])
    }
}

extension MLflowRoutes {
    /// The MLflow door over an application's parts: the tracking store shares the registry's database.
    init(_ parts: ApplicationParts, configuration: ServerConfiguration) {
        self.init(registry: parts.registry, tracking: Tracking(store: SQLTrackingStore(backend: parts.backend, audit: parts.auditSealer)),
                  blobs: parts.blobs, maxArtifactBytes: configuration.maxArtifactBytes, authenticator: parts.authenticator)
    }
}
