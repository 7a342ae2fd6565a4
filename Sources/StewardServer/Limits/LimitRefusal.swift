import HTTPTypes
import StewardCore

/// A request refused by a limit: the domain error each door renders in its own format, plus the
/// headers (`Retry-After`, `RateLimit`, …) that must reach the client whatever the format.
public struct LimitRefusal: Error, Sendable {
    public var error: DomainError
    public var headers: HTTPFields

    public init(_ error: DomainError, headers: HTTPFields) {
        self.error = error
        self.headers = headers
    }

    /// 429 `rate_limited`: the caller's own token bucket for `routeClass` is empty.
    static func rateLimited(_ routeClass: String, headers: HTTPFields) -> LimitRefusal {
        let wait = headers[.retryAfter] ?? "1"
        return LimitRefusal(DomainError(.tooManyRequests, code: "rate_limited",
                                        "Rate limit for \(routeClass) exceeded; retry after \(wait) s."), headers: headers)
    }

    /// 429 `too_many_concurrent_requests`: the caller already has its maximum in flight.
    static func tooManyConcurrent(limit: Int) -> LimitRefusal {
        LimitRefusal(DomainError(.tooManyRequests, code: "too_many_concurrent_requests",
                                 "At most \(limit) requests per caller may be in flight; retry when one finishes."),
                     headers: [.retryAfter: "1"])
    }

    /// 503 `overloaded`: the replica is saturated for the caller's priority tier. Not the caller's
    /// own fault, hence 503 rather than 429; clients (the MLflow client included) retry 503 with backoff.
    static func overloaded(tier: PriorityTier) -> LimitRefusal {
        LimitRefusal(DomainError(.unavailable, code: "overloaded",
                                 "The server is at capacity for \(tier.rawValue)-priority requests; retry shortly."),
                     headers: [.retryAfter: "1"])
    }

    /// 503 `request_timeout`: the request ran past the configured time limit and was cancelled.
    static func timedOut(seconds: Double) -> LimitRefusal {
        LimitRefusal(DomainError(.unavailable, code: "request_timeout",
                                 "The request took longer than \(Int(seconds)) s and was stopped."),
                     headers: [.retryAfter: "1"])
    }
}
