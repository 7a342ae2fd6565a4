import Hummingbird

/// What a request costs against its caller's rate limits: each class has its own token bucket, so
/// a flood of searches cannot use up the budget for plain reads, and uploads are charged in bytes.
public enum RouteClass: String, Sendable, Hashable, CaseIterable, Codable {
    /// GET/HEAD without a filter: cheap lookups.
    case reads
    /// Anything that changes state (POST, PUT, PATCH, DELETE) except uploads and ingest.
    case writes
    /// Lists and searches that evaluate a filter: a query over many rows.
    case search
    /// Artifact uploads, charged per byte of body rather than per request.
    case uploadBytes = "upload_bytes"
    /// Prediction-log ingest (monitoring): high volume, budgeted apart so it never starves the registry.
    case ingest

    /// Whether the class is charged in body bytes instead of requests.
    public var isByteMetered: Bool { self == .uploadBytes }
}

/// Decides the class of a request from its method and path. Prefix rules are checked first, in
/// order (first match wins), so new doors (MLflow, monitoring) add a line here instead of logic.
public struct RouteClassifier: Sendable {
    /// One rule: requests whose path starts with `prefix` (and, when given, contains `contains` and
    /// ends with `suffix`), with one of `methods` (any when empty), belong to `routeClass`.
    public struct Rule: Sendable {
        public var methods: Set<HTTPRequest.Method>
        public var prefix: String
        public var contains: String?
        public var suffix: String?
        public var routeClass: RouteClass

        public init(_ methods: Set<HTTPRequest.Method> = [], prefix: String, contains: String? = nil, suffix: String? = nil,
                    _ routeClass: RouteClass) {
            self.methods = methods
            self.prefix = prefix
            self.contains = contains
            self.suffix = suffix
            self.routeClass = routeClass
        }

        func matches(method: HTTPRequest.Method, path: Substring) -> Bool {
            (methods.isEmpty || methods.contains(method)) && path.hasPrefix(prefix)
                && (contains.map { path.contains($0) } ?? true) && (suffix.map { path.hasSuffix($0) } ?? true)
        }
    }

    public var rules: [Rule]

    /// The rules for the routes Steward serves today and the ones issues have planned.
    public static let standard = RouteClassifier(rules: [
        Rule([.put, .post], prefix: "/api/v1/models/", contains: "/files/", .uploadBytes),
        Rule([.put, .post], prefix: "/api/2.0/mlflow-artifacts/artifacts/", .uploadBytes),
        Rule([.put], prefix: "/api/2.0/mlflow-artifacts/mpu/upload/", .uploadBytes), // parts of a multipart upload
        // The web UI's upload form (`POST /ui/models/{name}/versions/{version}/files`, multipart).
        Rule([.post], prefix: "/ui/models/", suffix: "/files", .uploadBytes),
        Rule(prefix: "/api/v1/predictions", .ingest),
        Rule(prefix: "/api/v1/monitoring/", contains: "/predictions", .ingest),
        // Prediction logs and labels of a version or alias (issue 7).
        Rule([.post], prefix: "/api/v1/models/", contains: "/monitoring/predictions", .ingest),
        Rule([.post], prefix: "/api/v1/models/", contains: "/monitoring/labels", .ingest),
        // MLflow searches are POSTs (`runs/search`, `registered-models/search`, …) but cost like searches.
        Rule(prefix: "/api/2.0/mlflow/", contains: "/search", .search),
    ])

    public init(rules: [Rule]) {
        self.rules = rules
    }

    /// The class of a request. Unmatched reads with a `filter` query are searches; other GET/HEAD/
    /// OPTIONS are reads; everything else writes.
    public func classify(method: HTTPRequest.Method, path: Substring, query: Substring?) -> RouteClass {
        if let rule = rules.first(where: { $0.matches(method: method, path: path) }) { return rule.routeClass }
        switch method {
        case .get, .head, .options:
            let filtered = query.map { $0.hasPrefix("filter=") || $0.contains("&filter=") } ?? false
            return filtered || path.hasSuffix("/search") ? .search : .reads
        default:
            return .writes
        }
    }

    public func classify(_ request: Request) -> RouteClass {
        classify(method: request.method, path: Substring(request.uri.path), query: request.uri.query.map { Substring($0) })
    }
}
