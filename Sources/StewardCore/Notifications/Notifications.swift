import Foundation

/// The subscription, delivery-history, replay and feed use cases. Every door (REST, CLI) calls
/// these; the delivery job reads the same subscriptions through `Notifications.deliveries(for:…)`.
public struct Notifications: Sendable {
    public let store: any NotificationStore
    /// Whether webhooks may target private, loopback or link-local addresses (an administrator's
    /// server flag, `--webhooks-allow-private`).
    public let allowPrivateWebhooks: Bool
    /// Source of "now"; tests may fix it.
    let clock: @Sendable () -> Date

    public init(store: any NotificationStore, allowPrivateWebhooks: Bool = false,
                clock: @escaping @Sendable () -> Date = { Timestamp.now() }) {
        self.store = store
        self.allowPrivateWebhooks = allowPrivateWebhooks
        self.clock = clock
    }

    /// Loads a subscription the principal may manage: its own, one of its teams', or any for an
    /// administrator; another's is `forbidden` (ids are random, so this tells nothing useful).
    static func requireSubscription(_ reader: any NotificationReader, _ id: String, _ principal: Principal) async throws -> Subscription {
        guard id.utf8.count <= 64, let subscription = try await reader.subscription(id: id) else {
            throw DomainError(.notFound, code: "subscription_not_found", "Subscription '\(id.prefix(64))' does not exist.")
        }
        guard principal.isAdmin || SubscriptionSubject.keys(of: principal).contains(subscription.subject.key) else {
            throw DomainError(.forbidden, code: "forbidden", "Subscription '\(id.prefix(64))' belongs to someone else.")
        }
        return subscription
    }

    /// Any authenticated principal may manage its own subscriptions, with any credential scope: a
    /// subscription changes nothing but what the caller is told.
    static func checkScope(_ principal: Principal) throws {
        if let scopes = principal.scopes, scopes.isEmpty {
            throw DomainError(.forbidden, code: "forbidden", "This token has no scope.")
        }
    }

    static func audit(_ tx: any NotificationWriter, _ action: String, _ subscription: Subscription, before: JSONValue? = nil,
                      after: JSONValue? = nil, by principal: Principal, at now: Date) async throws {
        try await tx.registryWriter.audit(action, AuditTarget("subscription", id: subscription.id, model: subscription.model),
                                          before: before, after: after, by: principal, at: now)
    }

    static func validate(eventTypes: [String], description: String?) throws {
        var validator = Validator()
        validator.check(eventTypes.count <= 64, "event_types", "at most 64 patterns")
        for pattern in eventTypes { validator.capture { try EventTypes.validate(pattern) } }
        if let description { Names.description(description, into: &validator) }
        try validator.finish()
    }
}
