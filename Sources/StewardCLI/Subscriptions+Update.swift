import ArgumentParser
import StewardAPI

extension SubscriptionsCommand {
    /// `steward subscriptions update ID [--events …] [--url …] [--feed true|false] [--enabled true|false]`.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "update", abstract: "Change a subscription's events, URL, feed or state.")

        @Argument(help: "The subscription id.")
        var id: String
        @Option(help: "Event types, comma-separated (replaces the list).")
        var events: String?
        @Option(help: "A new webhook URL (the secret stays), or \"\" to remove the webhook.")
        var url: String?
        @Option(help: "Carry the events in the feed: true or false.")
        var feed: Bool?
        @Option(help: "Enable or pause the subscription: true or false.")
        var enabled: Bool?
        @Option(help: "A new description.")
        var description: String?
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let body = Components.Schemas.SubscriptionUpdate(eventTypes: events.map(SubscriptionPrinting.split), webhookUrl: url,
                                                                 feed: feed, enabled: enabled, description: description)
                let subscription = try await client.updateSubscription(path: .init(subscription: id), body: .json(body)).ok.body.json
                try options.emit(subscription) { SubscriptionPrinting.details(subscription) }
            }
        }
    }

    /// `steward subscriptions deliveries ID [--state dead]`: the webhook's delivery history.
    struct Deliveries: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "deliveries", abstract: "A webhook's deliveries and their attempts, newest first.")

        @Argument(help: "The subscription id.")
        var id: String
        @Option(help: "Only pending, delivered or dead deliveries.")
        var state: Components.Schemas.DeliveryState?
        @Option(help: "At most this many deliveries (1-500).")
        var maxResults: Int = 50
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let page = try await client.listSubscriptionDeliveries(path: .init(subscription: id),
                                                                       query: .init(state: state, maxResults: maxResults)).ok.body.json
                try options.emit(page) { SubscriptionPrinting.deliveries(page.deliveries) }
            }
        }
    }

    /// `steward subscriptions replay ID (--since TIME | --from-event ID)`.
    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "replay", abstract: "Send a webhook's deliveries again from a time or an event on.")

        @Argument(help: "The subscription id.")
        var id: String
        @Option(help: "Replay deliveries of events at or after this RFC 3339 time.")
        var since: String?
        @Option(help: "Replay deliveries from this event id on (included).")
        var fromEvent: String?
        @OptionGroup var options: ClientOptions

        func validate() throws {
            if (since == nil) == (fromEvent == nil) { throw ValidationError("give exactly one of --since and --from-event") }
        }

        func run() async throws {
            let sinceDate = try since.map { text in
                do { return try Timestamp.parse(text) } catch { throw ValidationError("--since must be an RFC 3339 time, e.g. 2026-01-31T12:00:00Z") }
            }
            try await options.withClient { client in
                let result = try await client.replaySubscription(path: .init(subscription: id),
                                                                 body: .json(.init(since: sinceDate, fromEventId: fromEvent))).ok.body.json
                try options.emit(result) { "Requeued \(result.requeued) deliveries." }
            }
        }
    }
}

extension Components.Schemas.DeliveryState: ExpressibleByArgument {}
