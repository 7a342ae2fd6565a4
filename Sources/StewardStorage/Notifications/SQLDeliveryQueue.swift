import Foundation
import SQLKit
import StewardCore

/// A webhook delivery claimed for sending: everything the sender needs, and the claim that proves
/// it still holds the row when it records the outcome.
public struct ClaimedDelivery: Sendable {
    public var id: String
    public var claim: String
    /// This attempt's number (1 for the first).
    public var attempt: Int
    public var url: String
    public var secret: String
    public var event: DomainEvent
}

/// The outcome of one attempt.
public struct DeliveryOutcome: Sendable {
    public var id: String
    public var claim: String
    public var attempt: Int
    public var statusCode: Int?
    public var error: String?
    public var startedAt: Date
    public var durationMilliseconds: Int
    public var succeeded: Bool { statusCode.map { (200..<300).contains($0) } ?? false }

    public init(id: String, claim: String, attempt: Int, statusCode: Int?, error: String?, startedAt: Date, durationMilliseconds: Int) {
        self.id = id
        self.claim = claim
        self.attempt = attempt
        self.statusCode = statusCode
        self.error = error
        self.startedAt = startedAt
        self.durationMilliseconds = durationMilliseconds
    }
}

/// The durable delivery queue. Queue bookkeeping (relay marks, claims, attempts) records no
/// user-visible change, so it runs in plain transactions rather than the audited store; what users
/// do to it (subscribe, replay) goes through `Notifications` and is audited.
///
/// Replicas coordinate through the database only: on PostgreSQL, `FOR UPDATE SKIP LOCKED` hands
/// each replica different events to fan out and different deliveries to send; on SQLite the one
/// writer serialises claims. A claim is a lease (`claimed_until`): a replica that dies mid-send
/// loses it when it expires and another sends again with the same `webhook-id` (at-least-once).
public struct SQLDeliveryQueue: Sendable {
    public let backend: any DatabaseBackend

    public init(backend: any DatabaseBackend) { self.backend = backend }

    var lock: String { backend.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : "" }

    /// Fans out up to `limit` outbox events not yet relayed: `match` (the domain's rule) names the
    /// (event, subscription) pairs, which become pending deliveries in the same transaction as the
    /// events' relay marks. Returns how many events were relayed.
    public func relay(limit: Int, now: Date,
                      match: @escaping @Sendable ([(sequence: Int64, event: DomainEvent)], [Subscription]) async throws
                          -> [(sequence: Int64, eventID: String, subscriptionID: String)]) async throws -> Int {
        // A plain read first: an idle relay never takes the write lock.
        let pending = try await backend.withReader { db in
            try await db.raw("SELECT seq FROM outbox_events WHERE relayed_at IS NULL LIMIT 1").first() != nil
        }
        guard pending else { return 0 }
        return try await backend.withTransaction { [lock] db in
            // With no webhook subscription at all (the common case on a busy tracking server) there
            // is nothing to fan out: mark every pending event in one statement instead of loading,
            // decoding and matching them 500 at a time. One statement is one snapshot, so an event
            // committed after a subscription it should reach is never marked here.
            try await db.raw("""
                UPDATE outbox_events SET relayed_at = \(bind: now.millis) WHERE relayed_at IS NULL
                AND NOT EXISTS (SELECT 1 FROM subscriptions WHERE enabled = 1 AND webhook_url IS NOT NULL)
                """).run()
            let events = try await db.raw("""
                SELECT seq, id, type, model, payload, created_at FROM outbox_events WHERE relayed_at IS NULL
                ORDER BY seq LIMIT \(literal: limit)
                """ + SQLQueryString(lock)).all().map { (sequence: try $0.int64("seq"), event: try SQLNotificationAccess.decodeEvent($0)) }
            guard !events.isEmpty else { return 0 }
            let subscriptions = try await db.raw("""
                SELECT \(unsafeRaw: SQLNotificationAccess.subscriptionColumns) FROM subscriptions s
                WHERE s.enabled = 1 AND s.webhook_url IS NOT NULL
                """).all().map(SQLNotificationAccess.decodeSubscription)
            let pairs = subscriptions.isEmpty ? [] : try await match(events, subscriptions)
            for start in stride(from: 0, to: pairs.count, by: 200) {
                let tuples = pairs[start..<min(start + 200, pairs.count)].map { pair -> SQLQueryString in
                    "(\(bind: WebhookDelivery.id(eventID: pair.eventID, subscriptionID: pair.subscriptionID)), \(bind: pair.subscriptionID), \(bind: pair.sequence), \(bind: pair.eventID), 'pending', 0, \(bind: now.millis), \(bind: now.millis))"
                }
                try await db.raw("""
                    INSERT INTO webhook_deliveries (id, subscription_id, event_seq, event_id, state, attempts, next_attempt_at, created_at)
                    VALUES
                    """ + " " + tuples.joined(separator: ", ") + " ON CONFLICT (id) DO NOTHING").run()
            }
            try await db.raw("UPDATE outbox_events SET relayed_at = \(bind: now.millis) WHERE seq IN (\(binds: events.map(\.sequence)))").run()
            return events.count
        }
    }

    /// Claims up to `limit` due deliveries for `lease`, counting the attempt now (so a delivery
    /// that crashes its sender every time still reaches the dead-letter state).
    public func claim(limit: Int, lease: Duration, now: Date) async throws -> [ClaimedDelivery] {
        let claim = UUID().uuidString.lowercased()
        let until = now.millis + lease.components.seconds * 1000 + lease.components.attoseconds / 1_000_000_000_000_000
        guard let due = try await nextDue(), due <= now else { return [] } // idle: no write lock taken
        return try await backend.withTransaction { [lock] db in
            let ids = try await db.raw("""
                SELECT d.id FROM webhook_deliveries d JOIN subscriptions s ON s.id = d.subscription_id
                WHERE d.state = 'pending' AND d.next_attempt_at <= \(bind: now.millis)
                  AND (d.claimed_until IS NULL OR d.claimed_until < \(bind: now.millis)) AND s.enabled = 1 AND s.webhook_url IS NOT NULL
                ORDER BY d.next_attempt_at LIMIT \(literal: limit)
                """ + SQLQueryString(lock == "" ? "" : " FOR UPDATE OF d SKIP LOCKED")).all().map { try $0.string("id") }
            guard !ids.isEmpty else { return [] }
            try await db.raw("""
                UPDATE webhook_deliveries SET claimed_until = \(bind: until), claim = \(bind: claim), attempts = attempts + 1
                WHERE id IN (\(binds: ids))
                """).run()
            return try await db.raw("""
                SELECT d.id, d.attempts, s.webhook_url, s.webhook_secret, e.id AS e_id, e.type AS e_type, e.model AS e_model,
                       e.payload AS e_payload, e.created_at AS e_created_at
                FROM webhook_deliveries d JOIN subscriptions s ON s.id = d.subscription_id JOIN outbox_events e ON e.seq = d.event_seq
                WHERE d.id IN (\(binds: ids)) ORDER BY d.event_seq
                """).all().map { row in
                    ClaimedDelivery(id: try row.string("id"), claim: claim, attempt: try row.int("attempts"), url: try row.string("webhook_url"),
                                    secret: try row.string("webhook_secret"), event: try SQLNotificationAccess.decodeEvent(row, prefix: "e_"))
                }
        }
    }

    /// Records a batch of outcomes in one transaction: delivered on a 2xx; otherwise retried after
    /// `backoff(attempt)`, or dead after `maxAttempts`. A claim that has been taken over (the lease
    /// expired and another replica claimed the row) only adds its attempt to the history.
    public func record(_ outcomes: [DeliveryOutcome], maxAttempts: Int, now: Date, backoff: @escaping @Sendable (Int) -> Duration) async throws {
        guard !outcomes.isEmpty else { return }
        try await backend.withTransaction { db in
            for outcome in outcomes {
                let error = outcome.error.map { String($0.prefix(500)) }
                try await DeliveryOutcomeSQL.record(outcome, in: "webhook_deliveries", maxAttempts: maxAttempts, now: now, backoff: backoff, on: db)
                try await db.raw("""
                    INSERT INTO webhook_attempts (delivery_id, attempt, status_code, error, at, duration_ms)
                    VALUES (\(bind: outcome.id), \(bind: outcome.attempt), \(bind: outcome.statusCode), \(bind: error),
                            \(bind: outcome.startedAt.millis), \(bind: outcome.durationMilliseconds))
                    """).run()
            }
        }
    }

    /// When the next delivery falls due (nil when none is pending), so an idle sender can sleep until then.
    public func nextDue() async throws -> Date? {
        try await backend.withReader { db in
            try await db.raw("SELECT MIN(next_attempt_at) AS due FROM webhook_deliveries WHERE state = 'pending'").first()
                .flatMap { try $0.optionalDate("due") }
        }
    }
}
