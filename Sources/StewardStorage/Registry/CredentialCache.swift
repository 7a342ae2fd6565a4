import NIOConcurrencyHelpers
import StewardCore

/// Token holders (token, account, team names) by token hash, for a database only this process
/// writes (embedded SQLite: one server owns the data directory, see `DataDirectoryLock`).
///
/// Every request authenticates, and the database round trip was most of what that cost. Entries are
/// tagged with the generation read *before* their lookup; any committed write to tokens, accounts,
/// teams or memberships bumps the generation (`WriteJournal.credentialsChanged`), so an entry filled
/// concurrently with a revocation is already stale when it lands. Revocation, disabling and role or
/// team changes therefore take effect on the next request, as without the cache. Expiry is checked
/// on every use by the domain (`TokenRecord.isUsable`), not here. With PostgreSQL other replicas
/// write too, so there is no cache and every request reads the database.
public final class CredentialCache: Sendable {
    public typealias Holder = (TokenRecord, Account, Set<String>)

    private struct State {
        var generation: UInt64 = 0
        var entries: [String: (generation: UInt64, holder: Holder)] = [:]
    }

    private let state = NIOLockedValueBox(State())
    /// Bound on entries: only tokens that authenticated are kept, and the map is emptied when full.
    private let capacity: Int

    public init(capacity: Int = 10_000) { self.capacity = capacity }

    /// The current generation, to pass to `store` after a database read started after this call.
    public var generation: UInt64 { state.withLockedValue { $0.generation } }

    /// The cached holder of `hash`, if it was read in the current generation.
    public func holder(hash: String) -> Holder? {
        state.withLockedValue { state in
            guard let entry = state.entries[hash], entry.generation == state.generation else { return nil }
            return entry.holder
        }
    }

    /// Keeps `holder`, read from the database in `generation`; ignored when a write came in between.
    public func store(_ holder: Holder, hash: String, generation: UInt64) {
        state.withLockedValue { state in
            guard generation == state.generation else { return }
            if state.entries.count >= capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[hash] = (generation, holder)
        }
    }

    /// Forgets everything: a write to credentials committed.
    public func invalidate() {
        state.withLockedValue { state in
            state.generation &+= 1
            state.entries.removeAll(keepingCapacity: true)
        }
    }
}
