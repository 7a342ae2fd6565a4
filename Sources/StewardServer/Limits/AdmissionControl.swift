import StewardCore
import Synchronization

/// Counts requests in flight, overall and per principal, and decides whether one more may start.
/// A request is admitted only while the overall count is below its tier's capacity, so as the
/// replica fills up `low` is refused first, then `normal`, while `high` may use every slot.
/// Refusal is immediate (no queue): a queued request still holds a connection and memory, and the
/// client is better placed to back off.
public final class AdmissionControl: Sendable {
    public enum Outcome: Sendable, Equatable {
        case admitted
        /// The principal already has `maxInFlightPerPrincipal` requests running.
        case principalLimit
        /// The replica is at capacity for this tier.
        case overloaded
    }

    private struct State {
        var total = 0
        /// Only principals with requests in flight, so the dictionary is bounded by the in-flight count.
        var perPrincipal: [String: Int] = [:]
    }

    private let state = Mutex(State())
    let limits: LimitsConfiguration

    public init(_ limits: LimitsConfiguration) {
        self.limits = limits
    }

    /// Tries to admit a request; on `.admitted` the caller must call `release` when it is done.
    public func admit(principal: String, tier: PriorityTier) -> Outcome {
        let perPrincipalCap = limits.maxInFlightPerPrincipal > 0 ? limits.maxInFlightPerPrincipal : .max
        let capacity = limits.capacity(for: tier)
        return state.withLock { state in
            let mine = state.perPrincipal[principal, default: 0]
            if mine >= perPrincipalCap { return .principalLimit }
            if state.total >= capacity { return .overloaded }
            state.total += 1
            state.perPrincipal[principal] = mine + 1
            return .admitted
        }
    }

    public func release(principal: String) {
        state.withLock { state in
            state.total -= 1
            let left = state.perPrincipal[principal, default: 1] - 1
            state.perPrincipal[principal] = left > 0 ? left : nil
        }
    }

    /// Requests in flight now.
    public var inFlight: Int { state.withLock { $0.total } }
}
