import Foundation
import Logging
import ServiceLifecycle
import StewardCore
import StewardStorage

/// Sends queued retraining webhooks in the background of every replica, with the subscription
/// machinery's sender (signature, SSRF re-check, timeouts), lease and retry settings. A trigger is
/// queued in the transaction that opened its alert, so it is sent exactly when the alert committed;
/// a replica that dies mid-send loses its lease and the trigger is sent again with the same
/// `webhook-id` (at-least-once; pipelines deduplicate on it).
struct RetrainingTriggerService: Service {
    let queue: SQLRetrainingQueue
    let configuration: WebhookConfiguration
    let logger: Logger

    func run() async throws {
        let client = WebhookSender.makeClient(configuration)
        let sender = WebhookSender(client: client, configuration: configuration)
        var failures = 0
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                let busy = try await round(sender)
                failures = 0
                if !busy { try? await Task.sleep(for: configuration.pollInterval) }
            } catch {
                failures += 1
                logger.warning("retraining trigger round failed", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .milliseconds(min(5000, 200 * (1 << min(failures, 5)))))
            }
        }
        try? await client.shutdown()
    }

    /// One claim + send + record round; true when there was work.
    func round(_ sender: WebhookSender) async throws -> Bool {
        let claimed = try await queue.claim(limit: configuration.batchSize, lease: configuration.lease, now: Timestamp.now())
        guard !claimed.isEmpty else { return false }
        let outcomes = await withTaskGroup(of: DeliveryOutcome.self) { group in
            for delivery in claimed { group.addTask { await sender.send(delivery) } }
            return await group.reduce(into: [DeliveryOutcome]()) { $0.append($1) }
        }
        let configuration = self.configuration
        try await queue.record(outcomes, maxAttempts: configuration.maxAttempts, now: Timestamp.now()) { configuration.retryDelay(afterAttempt: $0) }
        for outcome in outcomes where !outcome.succeeded {
            logger.info("retraining trigger failed", metadata: ["webhook_id": "\(outcome.id)", "attempt": "\(outcome.attempt)",
                                                               "error": "\(outcome.error ?? "-")"])
        }
        return true
    }
}
