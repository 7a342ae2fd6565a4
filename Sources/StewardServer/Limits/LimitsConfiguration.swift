import StewardCore

/// Every abuse-protection limit, with defaults generous enough for a busy team and tight enough
/// that one client cannot take a replica down. Filled from `steward serve` flags and `STEWARD_*`
/// variables (see `LimitOptions`); exported as gauges on `/metrics`.
///
/// Rate and concurrency state is kept in process, per replica: behind a load balancer with N
/// replicas a principal may get up to N times these rates. That keeps the hot path free of
/// database round trips; divide the rates by the replica count when that matters.
public struct LimitsConfiguration: Sendable, Equatable {
    /// Per-principal token buckets by route class (uploads in bytes, the rest in requests). Callers
    /// without valid credentials are limited by client address with the same rates.
    public var rates: [RouteClass: BucketRate] = [
        .reads: BucketRate(rate: 200, burst: 1_000),
        .writes: BucketRate(rate: 50, burst: 200),
        .search: BucketRate(rate: 50, burst: 200),
        .uploadBytes: BucketRate(rate: 256 * 1_048_576, burst: 1_024 * 1_048_576),
        .ingest: BucketRate(rate: 1_000, burst: 5_000),
    ]
    /// Requests with credentials that fail authentication, per client address. When it is used up,
    /// requests from that address that carry credentials are refused before the token is looked up.
    public var authFailures = BucketRate(rate: 10, burst: 100)
    /// Most requests one principal may have in flight at once (0: no cap).
    public var maxInFlightPerPrincipal: Int = 64
    /// Most authenticated API requests in flight on this replica (0: no cap).
    public var maxInFlight: Int = 512
    /// Share of `maxInFlight` each priority tier may fill: when the replica is that busy, the tier is
    /// refused, so `low` traffic is turned away first and `high` keeps being served to the last slot.
    public var tierShares: [PriorityTier: Double] = [.low: 0.6, .normal: 0.9, .high: 1.0]
    /// Longest a request other than an upload may take, body included (0: no limit). Uploads are
    /// bounded by the per-principal cap, the byte rate and the idle timeout instead.
    public var requestTimeoutSeconds: Double = 60
    /// A connection that sends nothing (no complete request head, no body part) for this long is
    /// closed; this is what stops slowloris clients that trickle headers (0: never).
    public var idleTimeoutSeconds: Double = 30
    /// Largest request head (request line and all header fields), enforced by the HTTP decoder,
    /// which answers 400 and closes the connection.
    public var maxHeaderBytes: Int = 32 * 1_024
    /// Origins allowed to call the API from a browser (exact `scheme://host[:port]`); empty: CORS off.
    public var corsOrigins: [String] = []
    /// `Strict-Transport-Security` max-age in seconds; nil: no header (only enable behind TLS).
    public var hstsMaxAge: Int?
    /// Clients tracked by the rate limiter before idle ones are pruned early (memory bound).
    public var maxTrackedClients: Int = 100_000

    public init() {}

    /// The rate of a class (unlimited when absent).
    public func rate(_ routeClass: RouteClass) -> BucketRate {
        rates[routeClass] ?? .unlimited
    }

    /// How many in-flight requests a tier may fill before it is refused.
    public func capacity(for tier: PriorityTier) -> Int {
        guard maxInFlight > 0 else { return .max }
        let share = min(1, max(0, tierShares[tier] ?? 1))
        return max(1, Int((Double(maxInFlight) * share).rounded(.down)))
    }
}
