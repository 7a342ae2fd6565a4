import Foundation

/// Decides who may receive an event: a subscriber is told only of models it may read, checked when
/// the event is delivered (not only when it subscribed), so a revoked grant or a model made
/// restricted stops notifications at once. One instance caches lookups for one batch of events.
public final class NotificationAudience {
    let reader: any RegistryReader
    private var models: [String: (model: RegisteredModel, grants: [ModelGrant])?] = [:]
    private var principals: [String: Principal?] = [:]

    public init(reader: any RegistryReader) { self.reader = reader }

    /// True when `recipient` may read the model `event` is about. An event about no model, or about
    /// a model that no longer exists (deleted or renamed since), goes to administrators and to
    /// subscriptions that named the model explicitly.
    public func mayReceive(_ recipient: Principal, _ event: DomainEvent, subscription: Subscription) async throws -> Bool {
        guard let name = event.model else { return true }
        if recipient.isAdmin { return true }
        guard let entry = try await model(name) else { return subscription.model == name }
        return AccessPolicy.permission(of: recipient, on: entry.model, grants: entry.grants) != nil
    }

    /// The principal a subscription's subject stands for: the account with its roles and teams, or
    /// a team (no global role: it reads what the team owns or is granted). Nil for a disabled or
    /// deleted account.
    public func principal(for subject: SubscriptionSubject) async throws -> Principal? {
        if let cached = principals[subject.key] { return cached }
        let principal: Principal?
        switch subject {
        case .team(let name):
            principal = Principal(id: subject.key, name: name, kind: .user, roles: [], authenticatedBy: "subscription", teams: [name])
        case .account(let id, _):
            if let account = try await reader.account(id: id), !account.disabled {
                principal = Principal(id: account.id, name: account.name, kind: account.kind, roles: account.roles,
                                      authenticatedBy: "subscription", teams: try await reader.teamNames(accountID: account.id))
            } else {
                principal = nil
            }
        }
        principals[subject.key] = principal
        return principal
    }

    private func model(_ name: String) async throws -> (model: RegisteredModel, grants: [ModelGrant])? {
        if let cached = models[name] { return cached }
        var entry: (model: RegisteredModel, grants: [ModelGrant])?
        if let model = try await reader.model(named: name) { entry = (model, try await reader.grants(modelID: model.id)) }
        models[name] = entry
        return entry
    }
}

extension Notifications {
    /// The webhook deliveries a batch of outbox events calls for: one per (event, enabled webhook
    /// subscription that wants it and whose subject may read its model).
    public static func deliveries(for events: [(sequence: Int64, event: DomainEvent)], subscriptions: [Subscription],
                                  reader: any RegistryReader) async throws -> [(sequence: Int64, eventID: String, subscriptionID: String)] {
        let audience = NotificationAudience(reader: reader)
        var result: [(sequence: Int64, eventID: String, subscriptionID: String)] = []
        for (sequence, event) in events {
            for subscription in subscriptions where subscription.webhookURL != nil && subscription.wants(event) {
                guard let recipient = try await audience.principal(for: subscription.subject),
                      try await audience.mayReceive(recipient, event, subscription: subscription) else { continue }
                result.append((sequence, event.id, subscription.id))
            }
        }
        return result
    }
}
