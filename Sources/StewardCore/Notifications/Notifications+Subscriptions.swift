import Foundation

extension Notifications {
    /// Subscribes the caller (or one of its teams, or, for an administrator, any account) to events
    /// of one model it may read, or of every model. A webhook target gets a fresh `whsec_` secret,
    /// returned here and never again; its URL must reach a public address.
    public func createSubscription(_ draft: SubscriptionDraft, by principal: Principal) async throws -> Subscription {
        try Self.checkScope(principal)
        try Self.validate(eventTypes: draft.eventTypes, description: draft.description)
        guard draft.webhookURL != nil || draft.feed else {
            throw DomainError.invalidField("webhook_url", "give a webhook_url, or feed: true, or both")
        }
        if draft.team != nil && draft.account != nil { throw DomainError.invalidField("team", "give a team or an account, not both") }
        if let url = draft.webhookURL { try await WebhookAddress.check(url, allowPrivate: allowPrivateWebhooks) }
        let now = clock()
        return try await store.write { tx in
            let reader = tx.registryReader
            if let model = draft.model { _ = try await Registry.requireModel(reader, model, principal, .readModel) }
            let subject: SubscriptionSubject
            if let team = draft.team {
                guard principal.isAdmin || principal.teams.contains(team) else {
                    throw DomainError(.forbidden, code: "forbidden", "Only members of team '\(team.prefix(64))' (or administrators) may subscribe it.")
                }
                guard try await reader.team(named: team) != nil else {
                    throw DomainError(.notFound, code: "team_not_found", "Team '\(team.prefix(64))' does not exist.")
                }
                subject = .team(name: team)
            } else if let name = draft.account, name != principal.name {
                try AccessPolicy.authorize(principal, .manageIdentity)
                guard let account = try await reader.account(named: name) else {
                    throw DomainError(.notFound, code: "account_not_found", "Account '\(name.prefix(64))' does not exist.")
                }
                subject = .account(id: account.id, name: account.name)
            } else {
                subject = .account(id: principal.id, name: principal.name)
            }
            let subscription = Subscription(id: UUID().uuidString.lowercased(), subject: subject, model: draft.model,
                                            eventTypes: draft.eventTypes, webhookURL: draft.webhookURL,
                                            webhookSecret: draft.webhookURL == nil ? nil : WebhookSecret.generate(), feed: draft.feed,
                                            description: draft.description, createdBy: principal.name, createdAt: now, updatedAt: now)
            try await tx.insertSubscription(subscription)
            try await Self.audit(tx, "subscription.create", subscription, after: subscription.auditSummary, by: principal, at: now)
            return subscription
        }
    }

    /// The caller's subscriptions and its teams' (every subscription, with `all`, for an administrator).
    public func subscriptions(all: Bool = false, by principal: Principal) async throws -> [Subscription] {
        try Self.checkScope(principal)
        if all { try AccessPolicy.authorize(principal, .manageIdentity) }
        let keys = all ? nil : SubscriptionSubject.keys(of: principal)
        return try await store.read { try await $0.subscriptions(subjectKeys: keys) }
    }

    public func subscription(id: String, by principal: Principal) async throws -> Subscription {
        try Self.checkScope(principal)
        return try await store.read { try await Self.requireSubscription($0, id, principal) }
    }

    /// Changes event types, target, feed, enabled or description. A new webhook URL is checked like
    /// a new subscription's and keeps the secret (or gets one, if there was no webhook before).
    public func updateSubscription(id: String, _ patch: SubscriptionPatch, by principal: Principal) async throws -> Subscription {
        try Self.checkScope(principal)
        try Self.validate(eventTypes: patch.eventTypes ?? [], description: patch.description)
        if let url = patch.webhookURL, !url.isEmpty { try await WebhookAddress.check(url, allowPrivate: allowPrivateWebhooks) }
        let now = clock()
        return try await store.write { tx in
            var subscription = try await Self.requireSubscription(tx, id, principal)
            let before = subscription.auditSummary
            if let types = patch.eventTypes { subscription.eventTypes = types }
            if let url = patch.webhookURL {
                subscription.webhookURL = url.isEmpty ? nil : url
                if url.isEmpty { subscription.webhookSecret = nil } else if subscription.webhookSecret == nil { subscription.webhookSecret = WebhookSecret.generate() }
            }
            if let feed = patch.feed { subscription.feed = feed }
            if let enabled = patch.enabled { subscription.enabled = enabled }
            if let description = patch.description { subscription.description = description }
            guard subscription.webhookURL != nil || subscription.feed else {
                throw DomainError.invalidField("webhook_url", "a subscription needs a webhook_url or feed: true")
            }
            subscription.updatedAt = now
            try await tx.updateSubscription(subscription)
            let diff = AuditDigest.changes(before, subscription.auditSummary)
            try await Self.audit(tx, "subscription.update", subscription, before: diff.before, after: diff.after, by: principal, at: now)
            return subscription
        }
    }

    /// Unsubscribes: the subscription, its pending deliveries and their history go.
    public func deleteSubscription(id: String, by principal: Principal) async throws {
        try Self.checkScope(principal)
        let now = clock()
        try await store.write { tx in
            let subscription = try await Self.requireSubscription(tx, id, principal)
            try await tx.deleteSubscription(id: subscription.id)
            try await Self.audit(tx, "subscription.delete", subscription, before: subscription.auditSummary, by: principal, at: now)
        }
    }
}
