import Foundation
import SQLKit
import StewardCore

extension SQLNotificationAccess {
    /// One row per (event, feed subscription of the subjects whose model matches), in event order.
    /// The walk follows the outbox's primary key from `afterSequence`; subscriptions join by the
    /// subject index. Event types are matched by the domain (`Subscription.wants`).
    func feedCandidates(subjectKeys: [String], afterSequence: Int64, limit: Int) async throws -> [FeedCandidate] {
        guard !subjectKeys.isEmpty else { return [] }
        return try await db.raw("""
            SELECT e.seq AS e_seq, e.id AS e_id, e.type AS e_type, e.model AS e_model, e.payload AS e_payload,
                   e.created_at AS e_created_at, \(unsafeRaw: Self.subscriptionColumns)
            FROM outbox_events e JOIN subscriptions s
              ON s.subject_key IN (\(binds: subjectKeys)) AND s.feed = 1 AND s.enabled = 1
             AND (s.model IS NULL OR s.model = e.model) AND s.created_at <= e.created_at
            WHERE e.seq > \(bind: afterSequence)
            ORDER BY e.seq, s.id LIMIT \(literal: limit)
            """).all().map { row in
                FeedCandidate(sequence: try row.int64("e_seq"), event: try Self.decodeEvent(row, prefix: "e_"),
                              subscription: try Self.decodeSubscription(row))
            }
    }

    func eventSequence(id: String) async throws -> Int64? {
        try await db.raw("SELECT seq FROM outbox_events WHERE id = \(bind: id)").first().map { try $0.int64("seq") }
    }

    func lastEventSequence() async throws -> Int64 {
        try await db.raw("SELECT COALESCE(MAX(seq), 0) AS last FROM outbox_events").first().map { try $0.int64("last") } ?? 0
    }
}
