import Crypto
import Foundation

/// One event sent (or to be sent) to one subscription's webhook. Its id is the Standard Webhooks
/// `webhook-id`: derived from the event and the subscription, so every retry, replay or duplicate
/// after a crash carries the same id and receivers can deduplicate on it.
public struct WebhookDelivery: Sendable, Equatable {
    public enum State: String, Sendable, Equatable, CaseIterable {
        /// Waiting for its next attempt (or in flight under a claim).
        case pending
        /// A 2xx answer was received.
        case delivered
        /// Every attempt failed; only a replay sends it again.
        case dead
    }

    public var id: String
    public var subscriptionID: String
    public var eventID: String
    public var eventType: String
    public var eventSequence: Int64
    public var state: State
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastStatus: Int?
    public var lastError: String?
    public var createdAt: Date
    public var deliveredAt: Date?
    /// Oldest first.
    public var history: [DeliveryAttempt]

    public init(id: String, subscriptionID: String, eventID: String, eventType: String, eventSequence: Int64, state: State,
                attempts: Int, nextAttemptAt: Date?, lastStatus: Int?, lastError: String?, createdAt: Date, deliveredAt: Date?,
                history: [DeliveryAttempt] = []) {
        self.id = id
        self.subscriptionID = subscriptionID
        self.eventID = eventID
        self.eventType = eventType
        self.eventSequence = eventSequence
        self.state = state
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastStatus = lastStatus
        self.lastError = lastError
        self.createdAt = createdAt
        self.deliveredAt = deliveredAt
        self.history = history
    }

    /// The stable `webhook-id` of (event, subscription): `msg_` and 32 hex digits of a SHA-256.
    public static func id(eventID: String, subscriptionID: String) -> String {
        "msg_" + SHA256.hash(data: Data("\(eventID)\n\(subscriptionID)".utf8)).prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}

/// One try at sending a delivery: the HTTP status (nil when no answer came) or the error.
public struct DeliveryAttempt: Sendable, Equatable {
    public var attempt: Int
    public var statusCode: Int?
    public var error: String?
    public var at: Date
    public var durationMilliseconds: Int

    public init(attempt: Int, statusCode: Int?, error: String?, at: Date, durationMilliseconds: Int) {
        self.attempt = attempt
        self.statusCode = statusCode
        self.error = error
        self.at = at
        self.durationMilliseconds = durationMilliseconds
    }
}

/// Where a replay starts: deliveries of events at or after a time, or from a given event on
/// (that event included).
public enum ReplayStart: Sendable, Equatable {
    case since(Date)
    case fromEvent(String)
}
