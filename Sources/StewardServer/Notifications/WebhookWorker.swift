import Foundation
import Logging
import ServiceLifecycle
import StewardCore
import StewardStorage

/// The loop both webhook senders run (subscription deliveries and retraining triggers): one HTTP
/// client and sender for the service's life, rounds until graceful shutdown (a batch in flight
/// finishes and is recorded), a pause when a round found nothing, growing pauses after failures.
enum WebhookWorker {
    static func run(_ configuration: WebhookConfiguration, logger: Logger, what: String,
                    round: (WebhookSender) async throws -> Bool) async {
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
                logger.warning("\(what) round failed", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .milliseconds(min(5000, 200 * (1 << min(failures, 5)))))
            }
        }
        try? await client.shutdown()
    }

    /// Sends claimed deliveries in parallel; logs each failure.
    static func send(_ claimed: [ClaimedDelivery], with sender: WebhookSender, logger: Logger, what: String) async -> [DeliveryOutcome] {
        let outcomes = await withTaskGroup(of: DeliveryOutcome.self) { group in
            for delivery in claimed { group.addTask { await sender.send(delivery) } }
            return await group.reduce(into: [DeliveryOutcome]()) { $0.append($1) }
        }
        for outcome in outcomes where !outcome.succeeded {
            logger.info("\(what) failed", metadata: ["webhook_id": "\(outcome.id)", "attempt": "\(outcome.attempt)",
                                                     "error": "\(outcome.error ?? "-")"])
        }
        return outcomes
    }
}
