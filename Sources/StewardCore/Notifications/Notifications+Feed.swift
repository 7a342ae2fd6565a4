import Foundation

/// One page of the in-app feed: events in order, and the cursor to continue after.
public struct FeedPage: Sendable {
    public var events: [(sequence: Int64, event: DomainEvent)]
    /// The last outbox sequence looked at (pass it back to continue; it moves even when nothing
    /// in the scanned range was for the caller).
    public var cursor: Int64
    /// True when the scan stopped at its limit (more may follow at once).
    public var hasMore: Bool
}

extension Notifications {
    /// The caller's feed: events after `cursor` that one of its (or its teams') feed subscriptions
    /// asked for, about models it may read now, oldest first.
    public func feed(after cursor: Int64, limit: Int = 50, by principal: Principal) async throws -> FeedPage {
        try Self.checkScope(principal)
        guard (1...500).contains(limit) else { throw DomainError.invalidField("max_results", "must be between 1 and 500") }
        guard cursor >= 0 else { throw DomainError(.invalid, code: "invalid_page_token", "The page token is not valid.") }
        let keys = SubscriptionSubject.keys(of: principal)
        let scan = min(limit * 4, 2000)
        return try await store.read { tx in
            var rows = try await tx.feedCandidates(subjectKeys: keys, afterSequence: cursor, limit: scan)
            let full = rows.count == scan
            // A cut may split one event's rows (one per matching subscription): leave its last
            // event for the next page, unless that is all there is.
            if full, let last = rows.last?.sequence, rows.contains(where: { $0.sequence != last }) { rows.removeAll { $0.sequence == last } }
            let audience = NotificationAudience(reader: tx.registryReader)
            var events: [(sequence: Int64, event: DomainEvent)] = []
            var end = rows.last?.sequence ?? cursor
            var stoppedEarly = false
            for row in rows where events.last?.sequence != row.sequence && row.subscription.wants(row.event) {
                guard try await audience.mayReceive(principal, row.event, subscription: row.subscription) else { continue }
                if events.count == limit {
                    end = events.last!.sequence
                    stoppedEarly = true
                    break
                }
                events.append((row.sequence, row.event))
            }
            return FeedPage(events: events, cursor: max(end, cursor), hasMore: full || stoppedEarly)
        }
    }

    /// Where a stream resumes: after the event a client saw last (`Last-Event-ID`), or at the
    /// newest event (only new events) when it names none.
    public func streamStart(lastEventID: String?, by principal: Principal) async throws -> Int64 {
        try Self.checkScope(principal)
        return try await store.read { tx in
            if let id = lastEventID, !id.isEmpty {
                guard let sequence = try await tx.eventSequence(id: id) else {
                    throw DomainError(.invalid, code: "invalid_last_event_id", "Last-Event-ID '\(id.prefix(64))' names no event.")
                }
                return sequence
            }
            return try await tx.lastEventSequence()
        }
    }
}
