import HTTPTypes
import Hummingbird
import HummingbirdCore
import NIOCore
import StewardCore

/// The abuse-protection machinery of one application: its configuration, the rate limiter and the
/// admission control, shared by the middlewares that enforce them. `buildRouter` installs the
/// security headers first, CORS before the error middleware, request limits after it and principal
/// limits after authentication;  other doors (the MLflow routes) add `principalLimits` to
/// their authenticated group.
public struct Limits: Sendable {
    public let configuration: LimitsConfiguration
    public let maxJSONBodyBytes: Int
    public let limiter: RateLimiter
    public let admission: AdmissionControl
    public let classifier: RouteClassifier

    public init(_ configuration: LimitsConfiguration, maxJSONBodyBytes: Int,
                classifier: RouteClassifier = .standard, now: @escaping @Sendable () -> Double = MonotonicSeconds.now) {
        self.configuration = configuration
        self.maxJSONBodyBytes = maxJSONBodyBytes
        self.limiter = RateLimiter(maxKeys: configuration.maxTrackedClients, now: now)
        self.admission = AdmissionControl(configuration)
        self.classifier = classifier
        LimitMetrics.publish(configuration, maxJSONBodyBytes: maxJSONBodyBytes)
    }

    /// The outermost middleware: security headers, so that every response carries them, errors included.
    public var securityHeaders: SecurityHeadersMiddleware {
        SecurityHeadersMiddleware(hstsMaxAge: configuration.hstsMaxAge)
    }

    /// CORS for the configured origins, installed just outside the error middleware so that error
    /// responses carry the CORS headers too; nothing when no origin is configured.
    public func addCORS(to router: Router<StewardRequestContext>) {
        guard !configuration.corsOrigins.isEmpty else { return }
        router.middlewares.add(CORSAllowlistMiddleware(origins: configuration.corsOrigins))
    }

    /// Middlewares for every request, installed after the error middleware so their refusals are
    /// rendered as problems: limits by client address for callers without credentials, the JSON
    /// body limit and the request time limit.
    public func addRequestLimits(to router: Router<StewardRequestContext>) {
        router.middlewares.add(AddressLimitMiddleware(limits: self))
        router.middlewares.add(JSONBodyLimitMiddleware(maxBytes: maxJSONBodyBytes))
        if configuration.requestTimeoutSeconds > 0 {
            router.middlewares.add(RequestTimeLimitMiddleware(seconds: configuration.requestTimeoutSeconds, classifier: classifier))
        }
    }

    /// Per-principal rate limits and concurrency caps, for a group behind authentication.
    @discardableResult
    public func addPrincipalLimits(to group: RouterGroup<StewardRequestContext>) -> RouterGroup<StewardRequestContext> {
        group.add(middleware: PrincipalRateLimitMiddleware(limits: self))
            .add(middleware: ConcurrencyLimitMiddleware(admission: admission))
    }

    /// The HTTP/1.1 server with the header-size limit and the idle timeout.
    public static func httpServer(_ configuration: LimitsConfiguration) -> HTTPServerBuilder {
        let decoder = HTTP1Channel.Configuration.DecoderConfiguration(
            maxHeaderFieldSize: configuration.maxHeaderBytes, maxHeaderListSize: configuration.maxHeaderBytes)
        let idle: TimeAmount? = configuration.idleTimeoutSeconds > 0
            ? .milliseconds(Int64(configuration.idleTimeoutSeconds * 1000)) : nil
        return .http1(configuration: .init(idleTimeout: idle, httpDecoderConfiguration: decoder))
    }

    /// Applies the rate limit of `request`'s class to `subject` (a principal or an address) and runs
    /// `next` when it is within budget; the response carries the `RateLimit` fields. Uploads are
    /// refused only while the byte budget is overdrawn, then metered as their body streams.
    func limit(_ request: Request, subject: String, next: (Request) async throws -> Response) async throws -> Response {
        let routeClass = classifier.classify(request)
        let limit = configuration.rate(routeClass)
        guard !limit.isUnlimited else { return try await next(request) }
        let key = RateLimiter.Key(subject: subject, bucket: routeClass.rawValue)
        var request = request
        let decision: TokenBucket.Decision
        if routeClass.isByteMetered {
            decision = limiter.peek(key, limit: limit)
            if decision.allowed {
                let limiter = self.limiter
                request.body = RequestBody(asyncSequence: MeteredBody(base: request.body) { bytes in
                    limiter.charge(key, cost: Double(bytes), limit: limit)
                })
            }
        } else {
            decision = limiter.take(key, cost: 1, limit: limit)
        }
        var headers = HTTPFields()
        RateLimitHeaders.apply(to: &headers, name: routeClass.rawValue, limit: limit, decision: decision, bytes: routeClass.isByteMetered)
        guard decision.allowed else {
            LimitMetrics.refusal(routeClass.rawValue, reason: "rate_limited")
            throw LimitRefusal.rateLimited(routeClass.rawValue, headers: headers)
        }
        var response = try await next(request)
        if routeClass.isByteMetered {
            // Report what the upload left; it was admitted, so no Retry-After.
            var after = limiter.peek(key, limit: limit)
            after.allowed = true
            RateLimitHeaders.apply(to: &headers, name: routeClass.rawValue, limit: limit, decision: after, bytes: true)
        }
        response.headers.append(contentsOf: headers)
        return response
    }
}
