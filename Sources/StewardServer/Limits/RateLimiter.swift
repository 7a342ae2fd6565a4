import Synchronization

/// Token buckets per (caller, route class), in process memory (per replica; see
/// `LimitsConfiguration`). A mutex rather than an actor: every request passes through here and the
/// critical section is a few arithmetic operations, so a lock is cheaper than an actor hop.
///
/// Memory stays bounded under many distinct callers: buckets that have refilled completely carry no
/// information and are pruned every `pruneInterval` seconds; beyond `maxKeys` the least recently
/// used buckets are dropped early.
public final class RateLimiter: Sendable {
    /// Who is being limited: a principal id or a client address.
    public struct Key: Hashable, Sendable {
        public var subject: String
        public var bucket: String

        public init(subject: String, bucket: String) {
            self.subject = subject
            self.bucket = bucket
        }
    }

    private struct State {
        var buckets: [Key: TokenBucket] = [:]
        var lastPrune: Double
    }

    private let state: Mutex<State>
    private let now: @Sendable () -> Double
    let maxKeys: Int
    let pruneInterval: Double

    /// - Parameter now: seconds on a monotonic scale; tests pass a manual clock.
    public init(maxKeys: Int = 100_000, pruneInterval: Double = 10, now: @escaping @Sendable () -> Double = MonotonicSeconds.now) {
        self.now = now
        self.maxKeys = max(1, maxKeys)
        self.pruneInterval = pruneInterval
        self.state = Mutex(State(lastPrune: now()))
    }

    /// Takes `cost` from the bucket for `key` (created full with `limit` on first use).
    public func take(_ key: Key, cost: Double, limit: BucketRate) -> TokenBucket.Decision {
        guard !limit.isUnlimited else { return .init(allowed: true, remaining: .max, retryAfter: 0, resetAfter: 0) }
        return withBucket(key, limit: limit) { bucket, time in bucket.take(cost, now: time) }
    }

    /// Charges `cost` even if it overdraws the bucket; returns the seconds until the debt is repaid.
    public func charge(_ key: Key, cost: Double, limit: BucketRate) -> Double {
        guard !limit.isUnlimited else { return 0 }
        return withBucket(key, limit: limit) { bucket, time in bucket.charge(cost, now: time) }
    }

    /// The bucket's state without taking anything.
    public func peek(_ key: Key, limit: BucketRate) -> TokenBucket.Decision {
        guard !limit.isUnlimited else { return .init(allowed: true, remaining: .max, retryAfter: 0, resetAfter: 0) }
        return withBucket(key, limit: limit) { bucket, time in bucket.peek(now: time) }
    }

    /// Number of buckets held (memory in use, for tests).
    public var trackedKeys: Int { state.withLock { $0.buckets.count } }

    private func withBucket<R: Sendable>(_ key: Key, limit: BucketRate, _ body: (inout TokenBucket, Double) -> R) -> R {
        let time = now()
        return state.withLock { state in
            if time - state.lastPrune >= pruneInterval || state.buckets.count >= maxKeys {
                Self.prune(&state, now: time, maxKeys: maxKeys)
            }
            // A changed limit (reconfiguration) starts a fresh bucket rather than keeping stale sizes.
            var bucket = state.buckets[key].flatMap { $0.limit == limit ? $0 : nil } ?? TokenBucket(limit, now: time)
            let result = body(&bucket, time)
            state.buckets[key] = bucket
            return result
        }
    }

    private static func prune(_ state: inout State, now: Double, maxKeys: Int) {
        state.lastPrune = now
        state.buckets = state.buckets.filter { !$0.value.isIdle(now: now) }
        if state.buckets.count >= maxKeys {
            // Still full of active callers: forget the least recently used until there is a tenth free.
            let keep = maxKeys - max(1, maxKeys / 10)
            let recent = state.buckets.sorted { $0.value.updatedAt > $1.value.updatedAt }.prefix(keep)
            state.buckets = Dictionary(uniqueKeysWithValues: recent.map { ($0.key, $0.value) })
        }
    }
}

/// Seconds since an arbitrary fixed point on the monotonic clock (immune to wall-clock changes).
public enum MonotonicSeconds {
    private static let origin = ContinuousClock.now

    public static func now() -> Double {
        let elapsed = ContinuousClock.now - origin
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}
