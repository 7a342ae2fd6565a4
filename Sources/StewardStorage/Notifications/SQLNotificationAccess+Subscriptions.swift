import Foundation
import SQLKit
import StewardCore

extension SQLNotificationAccess {
    func subscription(id: String) async throws -> Subscription? {
        try await db.raw("SELECT \(unsafeRaw: Self.subscriptionColumns) FROM subscriptions s WHERE s.id = \(bind: id)")
            .first().map(Self.decodeSubscription)
    }

    func subscriptions(subjectKeys: [String]?) async throws -> [Subscription] {
        if let keys = subjectKeys {
            guard !keys.isEmpty else { return [] }
            return try await db.raw("""
                SELECT \(unsafeRaw: Self.subscriptionColumns) FROM subscriptions s WHERE s.subject_key IN (\(binds: keys))
                ORDER BY s.created_at, s.id
                """).all().map(Self.decodeSubscription)
        }
        return try await db.raw("SELECT \(unsafeRaw: Self.subscriptionColumns) FROM subscriptions s ORDER BY s.created_at, s.id")
            .all().map(Self.decodeSubscription)
    }

    func insertSubscription(_ s: Subscription) async throws {
        try await db.raw("""
            INSERT INTO subscriptions (id, subject_kind, subject_key, subject_name, model, event_types, webhook_url, webhook_secret,
                                       feed, enabled, description, created_by, created_at, updated_at)
            VALUES (\(bind: s.id), \(bind: s.subject.kind), \(bind: s.subject.key), \(bind: s.subject.name), \(bind: s.model),
                    \(bind: jsonText(s.eventTypes)), \(bind: s.webhookURL), \(bind: s.webhookSecret), \(bind: s.feed ? 1 : 0),
                    \(bind: s.enabled ? 1 : 0), \(bind: s.description), \(bind: s.createdBy), \(bind: s.createdAt.millis),
                    \(bind: s.updatedAt.millis))
            """).run()
    }

    func updateSubscription(_ s: Subscription) async throws {
        try await db.raw("""
            UPDATE subscriptions SET event_types = \(bind: jsonText(s.eventTypes)), webhook_url = \(bind: s.webhookURL),
                webhook_secret = \(bind: s.webhookSecret), feed = \(bind: s.feed ? 1 : 0), enabled = \(bind: s.enabled ? 1 : 0),
                description = \(bind: s.description), updated_at = \(bind: s.updatedAt.millis)
            WHERE id = \(bind: s.id)
            """).run()
    }

    func deleteSubscription(id: String) async throws {
        // Children first: SQLite only cascades with foreign keys on, and the journal should see each table.
        try await db.raw("DELETE FROM webhook_attempts WHERE delivery_id IN (SELECT id FROM webhook_deliveries WHERE subscription_id = \(bind: id))").run()
        try await db.raw("DELETE FROM webhook_deliveries WHERE subscription_id = \(bind: id)").run()
        try await db.raw("DELETE FROM subscriptions WHERE id = \(bind: id)").run()
    }
}
