import HTTPTypes
import Hummingbird
import StewardCore

/// Limits for callers the server does not know yet, by client address (`ClientAddress`):
///
/// - requests without credentials (health checks, metrics, the API document, and anything that
///   will be answered 401) are rate limited per route class like a principal;
/// - requests with credentials (a header, or the web sign-in form) pass to authentication, but every one that fails it is counted
///   (`steward_auth_failures_total`) and charged to the address's `auth_failures` bucket; once
///   that is empty, requests with credentials from the address are refused with 429 before the
///   token is even looked up, so guessing tokens cannot load the database.
struct AddressLimitMiddleware: RouterMiddleware {
    typealias Context = StewardRequestContext
    static let authFailuresBucket = "auth_failures"
    let limits: Limits

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let subject = "address:" + ClientAddress.key(context.remoteAddress)
        guard Self.carriesCredentials(request) else {
            let response = try await countingFailures(reason: "missing_credentials") {
                try await limits.limit(request, subject: subject) { request in try await next(request, context) }
            }
            return response
        }
        let key = RateLimiter.Key(subject: subject, bucket: Self.authFailuresBucket)
        let budget = limits.limiter.peek(key, limit: limits.configuration.authFailures)
        guard budget.allowed else {
            var headers = HTTPFields()
            RateLimitHeaders.apply(to: &headers, name: Self.authFailuresBucket, limit: limits.configuration.authFailures, decision: budget)
            LimitMetrics.refusal(Self.authFailuresBucket, reason: "rate_limited")
            throw LimitRefusal.rateLimited("failed authentications", headers: headers)
        }
        return try await countingFailures(reason: "invalid_credentials") {
            try await next(request, context)
        } onFailure: {
            _ = limits.limiter.charge(key, cost: 1, limit: limits.configuration.authFailures)
        }
    }

    /// Whether a request presents credentials: an `Authorization` header, or the web UI's sign-in
    /// form (a password or token in the body) and single sign-on callback (an authorization code),
    /// so guessing passwords through the browser form draws on the same `auth_failures` budget.
    static func carriesCredentials(_ request: Request) -> Bool {
        if request.headers[.authorization] != nil { return true }
        let path = request.uri.path
        return (request.method == .post && path == "/ui/sign-in") || path == "/ui/sso/callback"
    }

    /// Runs `body`; when it ends in 401 (thrown or answered), counts an authentication failure.
    private func countingFailures(reason: String, _ body: () async throws -> Response,
                                  onFailure: () -> Void = {}) async throws -> Response {
        do {
            let response = try await body()
            if response.status == .unauthorized {
                LimitMetrics.authFailure(reason: reason)
                onFailure()
            }
            return response
        } catch let error as DomainError where error.kind == .unauthenticated {
            LimitMetrics.authFailure(reason: reason)
            onFailure()
            throw error
        }
    }
}
