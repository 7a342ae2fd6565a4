import Foundation
import Logging
import ServiceLifecycle
import StewardCore
import StewardStorage

/// Relays outbox events to webhook subscriptions, in the background of every replica. Each round
/// fans new events out into deliveries (one per event and subscription), claims a batch of due
/// deliveries under a lease, sends them in parallel and records the outcomes in one transaction.
/// State lives in the database only, so a restart (or another replica) picks up where this one
/// stopped; a delivery whose sender died is sent again with the same `webhook-id` once its lease
/// expires. The contract is at-least-once: receivers deduplicate on `webhook-id`.
struct DeliveryService: Service {
    let queue: SQLDeliveryQueue
    let registry: Registry
    let configuration: WebhookConfiguration
    let logger: Logger

    func run() async throws {
        await WebhookWorker.run(configuration, logger: logger, what: "webhook delivery") { try await round($0) }
    }

    /// One relay + claim + send + record round; true when there is more work waiting (so run again at once).
    func round(_ sender: WebhookSender) async throws -> Bool {
        let registry = self.registry
        let relayLimit = 500
        let relayed = try await queue.relay(limit: relayLimit, now: Timestamp.now()) { events, subscriptions in
            try await registry.store.read { reader in
                try await Notifications.deliveries(for: events, subscriptions: subscriptions, reader: reader)
            }
        }
        let claimed = try await queue.claim(limit: configuration.batchSize, lease: configuration.lease, now: Timestamp.now())
        // Busy only with a backlog: events trickling in under load wait one poll interval and go
        // out together, instead of a relay transaction per event competing with the writers.
        guard !claimed.isEmpty else { return relayed >= relayLimit }
        let outcomes = await WebhookWorker.send(claimed, with: sender, logger: logger, what: "webhook delivery")
        let configuration = self.configuration
        try await queue.record(outcomes, maxAttempts: configuration.maxAttempts, now: Timestamp.now()) {
            configuration.retryDelay(afterAttempt: $0)
        }
        return true
    }
}
