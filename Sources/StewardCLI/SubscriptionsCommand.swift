import ArgumentParser
import StewardAPI

typealias Subscription = Components.Schemas.Subscription
typealias WebhookDelivery = Components.Schemas.WebhookDelivery

/// `steward subscriptions …`: be told of model events by webhook or in the feed; inspect and replay deliveries.
public struct SubscriptionsCommand: AsyncParsableCommand {
    /// The `subscriptions` command and its subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "subscriptions",
        abstract: "Subscribe to model events (webhooks, feed), list, change and delete subscriptions, see and replay deliveries.",
        subcommands: [Create.self, List.self, Get.self, Update.self, Delete.self, Deliveries.self, Replay.self])

    /// Creates the command (ArgumentParser fills in its arguments).
    public init() {}

    /// `steward subscriptions create [--model M] [--events a,b] [--url URL] [--feed] [--team T]`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Subscribe to a model's events (or every model's); prints the webhook secret once.")

        @Option(help: "The model (omit for every model you may read).")
        var model: String?
        @Option(help: "Event types, comma-separated: alias.moved, version.*, promotion.*, taint.*, … (default: every event).")
        var events: String?
        @Option(help: "Webhook URL to POST signed events to.")
        var url: String?
        @Flag(help: "Also (or, without --url, only) carry the events in your in-app feed.")
        var feed = false
        @Option(help: "Subscribe a team you belong to instead of yourself.")
        var team: String?
        @Option(help: "Subscribe another account (administrators).")
        var account: String?
        @Option(help: "A note on what the subscription is for.")
        var description: String?
        @OptionGroup var options: ClientOptions

        func validate() throws {
            if url == nil && !feed { throw ValidationError("give --url, --feed, or both") }
        }

        func run() async throws {
            try await options.withClient { client in
                let body = Components.Schemas.SubscriptionCreate(
                    model: model, eventTypes: events.map(SubscriptionPrinting.split), webhookUrl: url, feed: feed,
                    team: team, account: account, description: description)
                let created = try await client.createSubscription(body: .json(body)).created.body.json
                try options.emit(created) { SubscriptionPrinting.created(created) }
            }
        }
    }

    /// `steward subscriptions list [--all]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Your subscriptions and your teams' (everyone's with --all).")

        @Flag(help: "Every subscription (administrators).")
        var all = false
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let list = try await client.listSubscriptions(query: .init(all: all ? true : nil)).ok.body.json
                try options.emit(list) { SubscriptionPrinting.table(list.subscriptions) }
            }
        }
    }

    /// `steward subscriptions get ID`.
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show one subscription.")

        @Argument(help: "The subscription id.")
        var id: String
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let subscription = try await client.getSubscription(path: .init(subscription: id)).ok.body.json
                try options.emit(subscription) { SubscriptionPrinting.details(subscription) }
            }
        }
    }

    /// `steward subscriptions delete ID`.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Unsubscribe.")

        @Argument(help: "The subscription id.")
        var id: String
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                _ = try await client.deleteSubscription(path: .init(subscription: id)).noContent
                options.confirm("Deleted subscription \(id).")
            }
        }
    }
}
