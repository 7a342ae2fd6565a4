import Foundation
import SQLKit
import StewardCore

/// The durable queue of retraining webhooks. A trigger is queued in the transaction that opens its
/// alert and sent after commit by the same machinery as subscription webhooks (`WebhookSender`:
/// Standard Webhooks signature, SSRF re-check, no redirects), with the same lease, retry and
/// dead-letter rules. Like the subscription queue, bookkeeping runs in plain transactions: it
/// records no user-visible change (the alert opening that queued it is audited).
public struct SQLRetrainingQueue: Sendable {
    public let backend: any DatabaseBackend

    public init(backend: any DatabaseBackend) { self.backend = backend }

    /// Claims up to `limit` due triggers for `lease`, counting the attempt now.
    public func claim(limit: Int, lease: Duration, now: Date) async throws -> [ClaimedDelivery] {
        let claim = UUID().uuidString.lowercased()
        let until = now.millis + lease.components.seconds * 1000 + lease.components.attoseconds / 1_000_000_000_000_000
        let due = try await backend.withReader { db in
            try await db.raw("SELECT MIN(next_attempt_at) AS due FROM retraining_deliveries WHERE state = 'pending'").first()
                .flatMap { try $0.optionalDate("due") }
        }
        guard let due, due <= now else { return [] } // idle: no write lock taken
        let lock = backend.dialect == .postgres ? " FOR UPDATE SKIP LOCKED" : ""
        return try await backend.withTransaction { db in
            let ids = try await db.raw("""
                SELECT id FROM retraining_deliveries
                WHERE state = 'pending' AND next_attempt_at <= \(bind: now.millis) AND (claimed_until IS NULL OR claimed_until < \(bind: now.millis))
                ORDER BY next_attempt_at LIMIT \(literal: limit)
                """ + SQLQueryString(lock)).all().map { try $0.string("id") }
            guard !ids.isEmpty else { return [] }
            try await db.raw("""
                UPDATE retraining_deliveries SET claimed_until = \(bind: until), claim = \(bind: claim), attempts = attempts + 1
                WHERE id IN (\(binds: ids))
                """).run()
            return try await db.raw("""
                SELECT id, attempts, url, secret, event_id, event_type, model, payload, event_created_at FROM retraining_deliveries
                WHERE id IN (\(binds: ids)) ORDER BY created_at
                """).all().map { row in
                    let event = DomainEvent(id: try row.string("event_id"), type: try row.string("event_type"), model: try row.optionalString("model"),
                                            payload: try row.optionalJSON("payload") ?? .null, createdAt: try row.date("event_created_at"))
                    return ClaimedDelivery(id: try row.string("id"), claim: claim, attempt: try row.int("attempts"), url: try row.string("url"),
                                           secret: try row.string("secret"), event: event)
                }
        }
    }

    /// Records outcomes: delivered on a 2xx; otherwise retried after `backoff(attempt)`, or dead
    /// after `maxAttempts`. A claim that was taken over changes nothing.
    public func record(_ outcomes: [DeliveryOutcome], maxAttempts: Int, now: Date, backoff: @escaping @Sendable (Int) -> Duration) async throws {
        guard !outcomes.isEmpty else { return }
        try await backend.withTransaction { db in
            for outcome in outcomes {
                try await DeliveryOutcomeSQL.record(outcome, in: "retraining_deliveries", maxAttempts: maxAttempts, now: now, backoff: backoff, on: db)
            }
        }
    }

    /// The state of an alert's trigger: (state, attempts, last status, last error), nil when none was queued.
    public func status(alertID: String) async throws -> (state: String, attempts: Int, lastStatus: Int?, lastError: String?)? {
        try await backend.withReader { db in
            try await db.raw("""
                SELECT state, attempts, last_status, last_error FROM retraining_deliveries WHERE alert_id = \(bind: alertID)
                """).first().map { row in
                    (try row.string("state"), try row.int("attempts"), try row.optionalInt64("last_status").map(Int.init), try row.optionalString("last_error"))
                }
        }
    }
}
