import Foundation

/// How outgoing webhooks are sent (`steward serve --webhooks-…`, `STEWARD_WEBHOOKS_…`).
public struct WebhookConfiguration: Sendable {
    /// Allow webhook URLs that resolve to private, loopback, link-local or other non-public
    /// addresses (an administrator's decision; off by default to prevent SSRF).
    public var allowPrivate = false
    /// Attempts before a delivery is dead-lettered.
    public var maxAttempts = 10
    /// First retry delay; each further retry doubles it (with jitter), up to `maxRetryDelay`.
    public var retryBase: Duration = .seconds(5)
    public var maxRetryDelay: Duration = .seconds(3600)
    /// Time allowed for one POST (connect, send, answer).
    public var timeout: Duration = .seconds(10)
    /// How long a claimed batch stays this replica's before another may take it over (longer than `timeout`).
    public var lease: Duration = .seconds(60)
    /// How often an idle relay looks for new events.
    public var pollInterval: Duration = .milliseconds(200)
    /// Deliveries claimed (and sent concurrently) per batch.
    public var batchSize = 64
    /// Run the delivery service in this process (replicas may leave it to others).
    public var deliver = true

    public init() {}

    /// Delay before retry number `attempt` (1-based): exponential, with "equal jitter" (half fixed,
    /// half random) so failing endpoints are not hit by every replica in lockstep.
    public func retryDelay(afterAttempt attempt: Int) -> Duration {
        let base = Double(retryBase.components.seconds) + Double(retryBase.components.attoseconds) / 1e18
        let cap = Double(maxRetryDelay.components.seconds)
        let delay = min(cap, base * pow(2, Double(max(0, min(attempt - 1, 30)))))
        return .milliseconds(Int64((delay / 2 + Double.random(in: 0...(delay / 2))) * 1000))
    }
}
