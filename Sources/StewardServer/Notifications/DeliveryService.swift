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
        let client = WebhookSender.makeClient(configuration)
        let sender = WebhookSender(client: client, configuration: configuration)
        var failures = 0
        // Stop between rounds on graceful shutdown: a batch in flight finishes and is recorded.
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let busy = try await round(sender)
                failures = 0
                if !busy { try? await Task.sleep(for: configuration.pollInterval) }
            } catch {
                failures += 1
                logger.warning("webhook delivery round failed", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .milliseconds(min(5000, 200 * (1 << min(failures, 5)))))
            }
        }
        try? await client.shutdown()
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
        let outcomes = await withTaskGroup(of: DeliveryOutcome.self) { group in
            for delivery in claimed { group.addTask { await sender.send(delivery) } }
            return await group.reduce(into: [DeliveryOutcome]()) { $0.append($1) }
        }
        let configuration = self.configuration
        try await queue.record(outcomes, maxAttempts: configuration.maxAttempts, now: Timestamp.now()) {
            configuration.retryDelay(afterAttempt: $0)
        }
        for outcome in outcomes where !outcome.succeeded {
            logger.info("webhook delivery failed", metadata: ["webhook_id": "\(outcome.id)", "attempt": "\(outcome.attempt)",
                                                             "error": "\(outcome.error ?? "-")"])
        }
        return true
    }
}
