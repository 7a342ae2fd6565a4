import Foundation

/// One page of a subscription's delivery history.
public struct DeliveryPage: Sendable {
    public var deliveries: [WebhookDelivery]
    /// The event sequence to continue below; nil on the last page.
    public var next: Int64?
}

extension Notifications {
    /// The delivery history of a subscription's webhook, newest event first, each delivery with its
    /// attempts (status code, error, time).
    public func deliveries(subscriptionID: String, state: WebhookDelivery.State? = nil, before: Int64? = nil, limit: Int = 50,
                           by principal: Principal) async throws -> DeliveryPage {
        try Self.checkScope(principal)
        guard (1...500).contains(limit) else { throw DomainError.invalidField("max_results", "must be between 1 and 500") }
        return try await store.read { tx in
            let subscription = try await Self.requireSubscription(tx, subscriptionID, principal)
            let rows = try await tx.deliveries(subscriptionID: subscription.id, state: state, beforeSequence: before, limit: limit + 1)
            return DeliveryPage(deliveries: Array(rows.prefix(limit)), next: rows.count > limit ? rows[limit - 1].eventSequence : nil)
        }
    }

    /// Sends a subscription's deliveries again from a point on (a time, or an event): delivered and
    /// dead ones alike go back in the queue with fresh attempts and their original `webhook-id`s.
    public func replay(subscriptionID: String, from start: ReplayStart, by principal: Principal) async throws -> Int {
        try Self.checkScope(principal)
        let now = clock()
        return try await store.write { tx in
            let subscription = try await Self.requireSubscription(tx, subscriptionID, principal)
            guard subscription.webhookURL != nil else {
                throw DomainError(.conflict, code: "subscription_has_no_webhook", "Subscription '\(subscription.id)' has no webhook to replay to.")
            }
            if case .fromEvent(let id) = start, try await tx.eventSequence(id: id) == nil {
                throw DomainError(.notFound, code: "event_not_found", "Event '\(id.prefix(64))' does not exist.")
            }
            let count = try await tx.requeueDeliveries(subscriptionID: subscription.id, from: start, at: now)
            let from: JSONValue = switch start {
            case .since(let date): .object(["since": .string(Timestamp.format(date))])
            case .fromEvent(let id): .object(["from_event_id": .string(id)])
            }
            try await Self.audit(tx, "subscription.replay", subscription, after: .object(["from": from, "requeued": .number(Double(count))]),
                                 by: principal, at: now)
            return count
        }
    }
}
