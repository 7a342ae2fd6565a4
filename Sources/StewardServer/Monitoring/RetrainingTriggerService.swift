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
        await WebhookWorker.run(configuration, logger: logger, what: "retraining trigger") { try await round($0) }
    }

    /// One claim + send + record round; true when there was work.
    func round(_ sender: WebhookSender) async throws -> Bool {
        let claimed = try await queue.claim(limit: configuration.batchSize, lease: configuration.lease, now: Timestamp.now())
        guard !claimed.isEmpty else { return false }
        let outcomes = await WebhookWorker.send(claimed, with: sender, logger: logger, what: "retraining trigger")
        let configuration = self.configuration
        try await queue.record(outcomes, maxAttempts: configuration.maxAttempts, now: Timestamp.now()) { configuration.retryDelay(afterAttempt: $0) }
        return true
    }
}
