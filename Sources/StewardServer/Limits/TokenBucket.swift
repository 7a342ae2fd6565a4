/// A rate and the burst allowed on top of it: `rate` units (requests or bytes) are added per
/// second, up to `burst`. A rate of zero or less means "unlimited".
public struct BucketRate: Sendable, Equatable, Codable {
    public var rate: Double
    public var burst: Double

    public init(rate: Double, burst: Double) {
        self.rate = rate
        self.burst = burst
    }

    public static let unlimited = BucketRate(rate: 0, burst: 0)

    public var isUnlimited: Bool { rate <= 0 || burst <= 0 }

    /// Seconds for an empty bucket to fill, the window `w` of the `RateLimit-Policy` header: a
    /// bucket of burst B refilling at R/s admits B per B/R seconds over the long run.
    public var window: Int { isUnlimited ? 0 : max(1, Int((burst / rate).rounded(.up))) }
}

/// A token bucket. Pure value with an explicit clock (`now`, in seconds on any monotonic scale),
/// so it is tested without sleeping.
public struct TokenBucket: Sendable, Equatable {
    public let limit: BucketRate
    /// Tokens available at `updatedAt`; negative when a metered upload overdrew it (it is paid back
    /// before anything else is admitted).
    public private(set) var tokens: Double
    public private(set) var updatedAt: Double

    /// A full bucket.
    public init(_ limit: BucketRate, now: Double) {
        self.limit = limit
        self.tokens = limit.burst
        self.updatedAt = now
    }

    /// The outcome of asking for tokens.
    public struct Decision: Sendable, Equatable {
        public var allowed: Bool
        /// Whole tokens left after the decision (never negative).
        public var remaining: Int
        /// Seconds until the request could succeed (0 when allowed): the `Retry-After` value.
        public var retryAfter: Int
        /// Seconds until the bucket is full again: the `t` of the `RateLimit` header.
        public var resetAfter: Int
    }

    /// Takes `cost` tokens if all are available; otherwise takes nothing.
    public mutating func take(_ cost: Double, now: Double) -> Decision {
        refill(now: now)
        guard cost <= tokens else {
            // A cost above the burst could never succeed; asking again after a full refill is the best advice.
            let missing = min(cost, limit.burst) - tokens
            return decision(allowed: false, retryAfter: max(1, Int((missing / limit.rate).rounded(.up))))
        }
        tokens -= cost
        return decision(allowed: true, retryAfter: 0)
    }

    /// Takes `cost` tokens unconditionally, going into debt if needed (metered uploads charge bytes
    /// that have already arrived). Returns the seconds to wait until the debt is repaid, 0 if none.
    public mutating func charge(_ cost: Double, now: Double) -> Double {
        refill(now: now)
        tokens -= cost
        return tokens >= 0 ? 0 : -tokens / limit.rate
    }

    /// The current state without taking anything: allowed while at least one token is left (one
    /// more request, or the first byte of an upload).
    public mutating func peek(now: Double) -> Decision {
        refill(now: now)
        let allowed = tokens >= 1
        return decision(allowed: allowed, retryAfter: allowed ? 0 : max(1, Int(((1 - tokens) / limit.rate).rounded(.up))))
    }

    /// True when the bucket has been full for a while and can be forgotten: a new full bucket is
    /// indistinguishable from it.
    public func isIdle(now: Double) -> Bool {
        tokens + (now - updatedAt) * limit.rate >= limit.burst
    }

    private mutating func refill(now: Double) {
        guard now > updatedAt else { return }
        tokens = min(limit.burst, tokens + (now - updatedAt) * limit.rate)
        updatedAt = now
    }

    private func decision(allowed: Bool, retryAfter: Int) -> Decision {
        let reset = tokens >= limit.burst ? 0 : Int(((limit.burst - tokens) / limit.rate).rounded(.up))
        return Decision(allowed: allowed, remaining: max(0, Int(tokens.rounded(.down))), retryAfter: retryAfter, resetAfter: reset)
    }
}
