import Foundation
import StewardCore

/// `SubscriptionCreate` in openapi.yaml.
struct SubscriptionCreateBody: Decodable {
    var model: String?
    var eventTypes: [String]?
    var webhookURL: String?
    var feed: Bool?
    var team: String?
    var account: String?
    var description: String?
    enum CodingKeys: String, CodingKey {
        case model, feed, team, account, description, eventTypes = "event_types", webhookURL = "webhook_url"
    }

    /// Without `feed`, a subscription with no webhook feeds (it must deliver somewhere), one with a webhook does not.
    var draft: SubscriptionDraft {
        SubscriptionDraft(model: model, eventTypes: eventTypes ?? [], webhookURL: webhookURL, feed: feed ?? (webhookURL == nil),
                          team: team, account: account, description: description ?? "")
    }
}

/// `SubscriptionUpdate` in openapi.yaml (an empty `webhook_url` removes the webhook).
struct SubscriptionUpdateBody: Decodable {
    var eventTypes: [String]?
    var webhookURL: String?
    var feed: Bool?
    var enabled: Bool?
    var description: String?
    enum CodingKeys: String, CodingKey { case feed, enabled, description, eventTypes = "event_types", webhookURL = "webhook_url" }

    var patch: SubscriptionPatch {
        SubscriptionPatch(eventTypes: eventTypes, webhookURL: webhookURL, feed: feed, enabled: enabled, description: description)
    }
}

/// `Subscription` in openapi.yaml; `secret` only in the answer to its creation.
struct SubscriptionBody: Encodable {
    var subscription: Subscription
    var showSecret = false
    enum CodingKeys: String, CodingKey {
        case id, model, feed, enabled, description, secret, subject
        case subjectKind = "subject_kind", eventTypes = "event_types", webhookURL = "webhook_url", createdBy = "created_by"
        case createdAt = "created_at", updatedAt = "updated_at"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(subscription.id, forKey: .id)
        try c.encode(subscription.subject.kind, forKey: .subjectKind)
        try c.encode(subscription.subject.name, forKey: .subject)
        try c.encode(subscription.model, forKey: .model)
        try c.encode(subscription.eventTypes, forKey: .eventTypes)
        try c.encode(subscription.webhookURL, forKey: .webhookURL)
        try c.encode(subscription.feed, forKey: .feed)
        try c.encode(subscription.enabled, forKey: .enabled)
        try c.encode(subscription.description, forKey: .description)
        try c.encode(subscription.createdBy, forKey: .createdBy)
        try c.encode(Timestamp.format(subscription.createdAt), forKey: .createdAt)
        try c.encode(Timestamp.format(subscription.updatedAt), forKey: .updatedAt)
        if showSecret, let secret = subscription.webhookSecret { try c.encode(secret, forKey: .secret) }
    }
}

/// `ReplayRequest` in openapi.yaml.
struct ReplayBody: Decodable {
    var since: String?
    var fromEventID: String?
    enum CodingKeys: String, CodingKey { case since, fromEventID = "from_event_id" }

    var start: ReplayStart {
        get throws {
            switch (since, fromEventID) {
            case (let since?, nil):
                guard let date = Timestamp.parse(since) else { throw DomainError.invalidField("since", "must be an RFC 3339 time") }
                return .since(date)
            case (nil, let id?): return .fromEvent(id)
            default: throw DomainError.invalidField("since", "give exactly one of since (a time) or from_event_id")
            }
        }
    }
}

/// `WebhookDelivery` in openapi.yaml.
struct DeliveryBody: Encodable {
    var delivery: WebhookDelivery
    struct AttemptBody: Encodable {
        var attempt: Int
        var statusCode: Int?
        var error: String?
        var at: String
        var durationMs: Int
        enum CodingKeys: String, CodingKey { case attempt, error, at, statusCode = "status_code", durationMs = "duration_ms" }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(attempt, forKey: .attempt)
            try c.encode(statusCode, forKey: .statusCode)
            try c.encode(error, forKey: .error)
            try c.encode(at, forKey: .at)
            try c.encode(durationMs, forKey: .durationMs)
        }
    }
    enum CodingKeys: String, CodingKey {
        case id, state, attempts, history
        case eventID = "event_id", eventType = "event_type", nextAttemptAt = "next_attempt_at", lastStatus = "last_status"
        case lastError = "last_error", createdAt = "created_at", deliveredAt = "delivered_at"
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(delivery.id, forKey: .id)
        try c.encode(delivery.eventID, forKey: .eventID)
        try c.encode(delivery.eventType, forKey: .eventType)
        try c.encode(delivery.state.rawValue, forKey: .state)
        try c.encode(delivery.attempts, forKey: .attempts)
        try c.encode(delivery.nextAttemptAt.map(Timestamp.format), forKey: .nextAttemptAt)
        try c.encode(delivery.lastStatus, forKey: .lastStatus)
        try c.encode(delivery.lastError, forKey: .lastError)
        try c.encode(Timestamp.format(delivery.createdAt), forKey: .createdAt)
        try c.encode(delivery.deliveredAt.map(Timestamp.format), forKey: .deliveredAt)
        try c.encode(delivery.history.map {
            AttemptBody(attempt: $0.attempt, statusCode: $0.statusCode, error: $0.error, at: Timestamp.format($0.at), durationMs: $0.durationMilliseconds)
        }, forKey: .history)
    }
}

/// `FeedEvent` in openapi.yaml (also the `data:` of each Server-Sent Event).
struct FeedEventBody: Encodable {
    var id: String
    var type: String
    var model: String?
    var time: String
    var data: JSONValue

    init(_ event: DomainEvent) {
        id = event.id
        type = event.type
        model = event.model
        time = Timestamp.format(event.createdAt)
        data = event.payload
    }

    enum CodingKeys: String, CodingKey { case id, type, model, time, data }
    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(type, forKey: .type)
        try c.encode(model, forKey: .model)
        try c.encode(time, forKey: .time)
        try c.encode(data, forKey: .data)
    }
}
