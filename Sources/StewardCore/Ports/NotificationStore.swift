import Foundation

/// Subscriptions, their webhook deliveries and the in-app feed, as the domain sees them. Like the
/// tracking store it hands out the registry on the same connection and transaction, so a
/// subscription change and its audit entry commit together.
public protocol NotificationStore: Sendable {
    func read<R: Sendable>(_ body: @escaping @Sendable (any NotificationReader) async throws -> R) async throws -> R
    func write<R: Sendable>(_ body: @escaping @Sendable (any NotificationWriter) async throws -> R) async throws -> R
}

/// An outbox event a feed query found, with the subscriptions of the caller that asked for it.
public struct FeedCandidate: Sendable {
    public var sequence: Int64
    public var event: DomainEvent
    public var subscription: Subscription

    public init(sequence: Int64, event: DomainEvent, subscription: Subscription) {
        self.sequence = sequence
        self.event = event
        self.subscription = subscription
    }
}

/// Queries available inside `read` and `write`.
public protocol NotificationReader: Sendable {
    var registryReader: any RegistryReader { get }
    func subscription(id: String) async throws -> Subscription?
    /// Subscriptions of the given subject keys (`nil`: all), oldest first.
    func subscriptions(subjectKeys: [String]?) async throws -> [Subscription]
    /// Deliveries of a subscription, newest event first, below `beforeSequence`; at most `limit`,
    /// each with its attempts.
    func deliveries(subscriptionID: String, state: WebhookDelivery.State?, beforeSequence: Int64?, limit: Int) async throws -> [WebhookDelivery]
    /// (event, subscription) rows after `afterSequence` for feed subscriptions of `subjectKeys`
    /// whose model matches, in event order; at most `limit` rows.
    func feedCandidates(subjectKeys: [String], afterSequence: Int64, limit: Int) async throws -> [FeedCandidate]
    /// The outbox sequence of an event (for `Last-Event-ID`), if it exists.
    func eventSequence(id: String) async throws -> Int64?
    /// The newest outbox sequence (0 when empty).
    func lastEventSequence() async throws -> Int64
}

/// Changes available inside `write`.
public protocol NotificationWriter: NotificationReader {
    var registryWriter: any RegistryWriter { get }
    func insertSubscription(_ subscription: Subscription) async throws
    func updateSubscription(_ subscription: Subscription) async throws
    /// Deletes a subscription with its deliveries and their history.
    func deleteSubscription(id: String) async throws
    /// Puts the subscription's deliveries of events from `start` on back in the queue (pending, no
    /// attempts, due now), keeping their ids; returns how many.
    func requeueDeliveries(subscriptionID: String, from start: ReplayStart, at now: Date) async throws -> Int
}
