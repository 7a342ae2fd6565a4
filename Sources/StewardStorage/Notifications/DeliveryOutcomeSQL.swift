import Foundation
import SQLKit
import StewardCore

/// The state change of one sent webhook, shared by the subscription and retraining queues (their
/// tables have the same delivery columns): delivered on a 2xx; otherwise pending again after
/// `backoff(attempt)`, or dead after `maxAttempts`. Only the claim that sent it may record it, so a
/// claim taken over after its lease expired changes nothing.
enum DeliveryOutcomeSQL {
    static func record(_ outcome: DeliveryOutcome, in table: String, maxAttempts: Int, now: Date,
                       backoff: (Int) -> Duration, on db: any SQLDatabase) async throws {
        if outcome.succeeded {
            try await db.raw("""
                UPDATE \(ident: table) SET state = 'delivered', delivered_at = \(bind: now.millis), claimed_until = NULL, claim = NULL,
                    last_status = \(bind: outcome.statusCode), last_error = NULL
                WHERE id = \(bind: outcome.id) AND claim = \(bind: outcome.claim)
                """).run()
        } else {
            let delay = backoff(outcome.attempt)
            let next = now.millis + delay.components.seconds * 1000 + delay.components.attoseconds / 1_000_000_000_000_000
            try await db.raw("""
                UPDATE \(ident: table) SET state = CASE WHEN attempts >= \(bind: maxAttempts) THEN 'dead' ELSE 'pending' END,
                    next_attempt_at = \(bind: next), claimed_until = NULL, claim = NULL, last_status = \(bind: outcome.statusCode),
                    last_error = \(bind: outcome.error.map { String($0.prefix(500)) })
                WHERE id = \(bind: outcome.id) AND claim = \(bind: outcome.claim)
                """).run()
        }
    }
}
