import Foundation
import SQLKit
import StewardCore

extension SQLNotificationAccess {
    /// A subscription's deliveries, newest event first, with their attempts (two queries).
    func deliveries(subscriptionID: String, state: WebhookDelivery.State?, beforeSequence: Int64?, limit: Int) async throws -> [WebhookDelivery] {
        var query = SQLQueryString("""
            SELECT d.id, d.subscription_id, d.event_seq, d.event_id, e.type AS event_type, d.state, d.attempts, d.next_attempt_at,
                   d.last_status, d.last_error, d.created_at, d.delivered_at
            FROM webhook_deliveries d JOIN outbox_events e ON e.seq = d.event_seq
            WHERE d.subscription_id = \(bind: subscriptionID)
            """)
        if let state { query.appendInterpolation(unsafeRaw: " AND d.state = "); query.appendInterpolation(bind: state.rawValue) }
        if let beforeSequence { query.appendInterpolation(unsafeRaw: " AND d.event_seq < "); query.appendInterpolation(bind: beforeSequence) }
        query.appendInterpolation(unsafeRaw: " ORDER BY d.event_seq DESC LIMIT \(limit)")
        var deliveries = try await db.raw(query).all().map { row in
            let state = WebhookDelivery.State(rawValue: try row.string("state")) ?? .pending
            return WebhookDelivery(id: try row.string("id"), subscriptionID: try row.string("subscription_id"), eventID: try row.string("event_id"),
                                   eventType: try row.string("event_type"), eventSequence: try row.int64("event_seq"), state: state,
                                   attempts: try row.int("attempts"), nextAttemptAt: state == .pending ? try row.date("next_attempt_at") : nil,
                                   lastStatus: try row.optionalInt64("last_status").map(Int.init), lastError: try row.optionalString("last_error"),
                                   createdAt: try row.date("created_at"), deliveredAt: try row.optionalDate("delivered_at"))
        }
        guard !deliveries.isEmpty else { return [] }
        var history: [String: [DeliveryAttempt]] = [:]
        for row in try await db.raw("""
            SELECT delivery_id, attempt, status_code, error, at, duration_ms FROM webhook_attempts
            WHERE delivery_id IN (\(binds: deliveries.map(\.id))) ORDER BY seq
            """).all() {
            history[try row.string("delivery_id"), default: []].append(
                DeliveryAttempt(attempt: try row.int("attempt"), statusCode: try row.optionalInt64("status_code").map(Int.init),
                                error: try row.optionalString("error"), at: try row.date("at"), durationMilliseconds: try row.int("duration_ms")))
        }
        for index in deliveries.indices { deliveries[index].history = history[deliveries[index].id] ?? [] }
        return deliveries
    }

    func requeueDeliveries(subscriptionID: String, from start: ReplayStart, at now: Date) async throws -> Int {
        let condition: SQLQueryString = switch start {
        case .since(let date): "event_seq IN (SELECT seq FROM outbox_events WHERE created_at >= \(bind: date.millis))"
        case .fromEvent(let id): "event_seq >= (SELECT seq FROM outbox_events WHERE id = \(bind: id))"
        }
        // A delivery in flight loses its claim: its sender's outcome then changes nothing but the
        // history (outcomes are recorded only under the claim that sent them), and the next claim
        // sends it again. Keeping the claim let a success recorded after the replay mark the
        // requeued delivery delivered, and the replay was lost.
        let rows = try await db.raw("""
            UPDATE webhook_deliveries SET state = 'pending', attempts = 0, next_attempt_at = \(bind: now.millis), last_error = NULL,
                delivered_at = NULL, claim = NULL, claimed_until = NULL
            WHERE subscription_id = \(bind: subscriptionID) AND
            """ + " " + condition + " RETURNING id").all()
        return rows.count
    }
}
