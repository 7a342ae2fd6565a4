import Foundation

/// Who a subscription notifies: an account (a user, service account or consumer) or a team.
public enum SubscriptionSubject: Sendable, Equatable {
    case account(id: String, name: String)
    case team(name: String)

    /// The stored key (`account:<id>`, `team:<name>`), matched against a principal's identities.
    public var key: String {
        switch self {
        case .account(let id, _): "account:\(id)"
        case .team(let name): "team:\(name)"
        }
    }

    public var kind: String { if case .account = self { "account" } else { "team" } }

    public var name: String {
        switch self {
        case .account(_, let name), .team(let name): name
        }
    }

    /// The keys under which `principal` receives: its own account and each of its teams.
    public static func keys(of principal: Principal) -> [String] {
        ["account:\(principal.id)"] + principal.teams.sorted().map { "team:\($0)" }
    }
}

/// A standing request to be told of events about one model (or all models) of some types, by
/// webhook and/or in the in-app feed.
public struct Subscription: Sendable, Equatable {
    public var id: String
    public var subject: SubscriptionSubject
    /// The model's name; nil for every model the subject may read.
    public var model: String?
    /// Patterns (see `EventTypes`); empty means every type.
    public var eventTypes: [String]
    /// Where webhooks go (http or https); nil for feed-only subscriptions.
    public var webhookURL: String?
    /// The Standard Webhooks signing secret (`whsec_…`); shown to the caller once, at creation.
    public var webhookSecret: String?
    /// Whether the subject's in-app feed (and SSE stream) carries the events.
    public var feed: Bool
    /// Disabled subscriptions neither deliver nor feed; pending deliveries wait.
    public var enabled: Bool
    public var description: String
    public var createdBy: String
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, subject: SubscriptionSubject, model: String?, eventTypes: [String], webhookURL: String?,
                webhookSecret: String?, feed: Bool, enabled: Bool = true, description: String = "", createdBy: String,
                createdAt: Date, updatedAt: Date) {
        self.id = id
        self.subject = subject
        self.model = model
        self.eventTypes = eventTypes
        self.webhookURL = webhookURL
        self.webhookSecret = webhookSecret
        self.feed = feed
        self.enabled = enabled
        self.description = description
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// True when this subscription asks for `event` (type, model, and only events after it existed).
    public func wants(_ event: DomainEvent) -> Bool {
        guard enabled, event.createdAt >= createdAt, EventTypes.matches(any: eventTypes, event.type) else { return false }
        guard let model else { return true }
        return event.model == model
    }

    /// Never includes the secret.
    public var auditSummary: JSONValue {
        .object(["subject": .string(subject.key), "subject_name": .string(subject.name), "model": model.map(JSONValue.string) ?? .null,
                 "event_types": .array(eventTypes.map(JSONValue.string)), "webhook_url": webhookURL.map(JSONValue.string) ?? .null,
                 "feed": .bool(feed), "enabled": .bool(enabled), "description": .string(description)])
    }
}

/// What a caller asks for when subscribing.
public struct SubscriptionDraft: Sendable, Equatable {
    public var model: String?
    public var eventTypes: [String]
    public var webhookURL: String?
    public var feed: Bool
    /// Subscribe a team (the caller must belong to it, or be an administrator).
    public var team: String?
    /// Subscribe another account (administrators only); nil subscribes the caller.
    public var account: String?
    public var description: String

    public init(model: String?, eventTypes: [String], webhookURL: String?, feed: Bool, team: String? = nil, account: String? = nil,
                description: String = "") {
        self.model = model
        self.eventTypes = eventTypes
        self.webhookURL = webhookURL
        self.feed = feed
        self.team = team
        self.account = account
        self.description = description
    }
}

/// A partial update; nil fields stay.
public struct SubscriptionPatch: Sendable, Equatable {
    public var eventTypes: [String]?
    public var webhookURL: String?
    public var feed: Bool?
    public var enabled: Bool?
    public var description: String?

    public init(eventTypes: [String]? = nil, webhookURL: String? = nil, feed: Bool? = nil, enabled: Bool? = nil, description: String? = nil) {
        self.eventTypes = eventTypes
        self.webhookURL = webhookURL
        self.feed = feed
        self.enabled = enabled
        self.description = description
    }
}
