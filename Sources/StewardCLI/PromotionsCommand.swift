import ArgumentParser
import StewardAPI

/// `steward promotions …`: request that a protected alias move, review requests, follow them.
public struct PromotionsCommand: AsyncParsableCommand {
    /// The `promotions` command and its subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "promotions",
        abstract: "Request, approve, reject, cancel and list promotions to protected aliases.",
        subcommands: [List.self, Get.self, Request.self, Approve.self, Reject.self, Cancel.self])

    /// Creates the command (ArgumentParser fills in its arguments).
    public init() {}
}

typealias Promotion = Components.Schemas.Promotion
typealias PromotionList = Components.Schemas.PromotionList

extension PromotionsCommand {
    /// `steward promotions request MODEL ALIAS VERSION`: asks for the alias to point at the version.
    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "request", abstract: "Request that a protected alias point at a version (an older one is a rollback).")

        @OptionGroup var reference: AliasReference

        @Argument(help: "The version number.")
        var version: Int

        @Option(help: "Why (shown to approvers).")
        var comment: String?

        @OptionGroup var options: ClientOptions

        func validate() throws {
            if version < 1 { throw ValidationError("the version number must be 1 or more") }
        }

        func run() async throws {
            try await options.withClient { client in
                let promotion = try await client.createPromotion(
                    path: .init(name: reference.model),
                    body: .json(.init(alias: reference.alias, version: version, comment: comment))
                ).created.body.json
                try options.emit(promotion) { PromotionPrinting.details(promotion) }
            }
        }
    }

    /// `steward promotions get ID`.
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a request with its evidence and reviews.")

        @Argument(help: "The promotion request id.")
        var id: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let promotion = try await client.getPromotion(path: .init(promotion: id)).ok.body.json
                try options.emit(promotion) { PromotionPrinting.details(promotion) }
            }
        }
    }

    /// `steward promotions list [--model M] [--state open]`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List requests, newest first (all readable models, or one with --model).")

        @Option(help: "Only this model's requests.")
        var model: String?

        @Option(help: "Only requests in this state: open, completed, rejected or cancelled.")
        var state: Operations.ListPromotions.Input.Query.StatePayload?

        @Option(help: "Only requests for this alias.")
        var alias: String?

        @Option(help: ArgumentHelp("The page size (1 to 1000).", valueName: "n"))
        var maxResults: Int?

        @Option(help: ArgumentHelp("Continue from this next_page_token.", valueName: "token"))
        var pageToken: String?

        @Flag(help: "Follow next_page_token until every result is fetched.")
        var all = false

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let page = try await Pagination.collect(from: pageToken, all: all) { token in
                    let list: PromotionList
                    if let model {
                        list = try await client.listModelPromotions(
                            path: .init(name: model),
                            query: .init(state: state.flatMap { .init(rawValue: $0.rawValue) }, alias: alias, maxResults: maxResults, pageToken: token)
                        ).ok.body.json
                    } else {
                        list = try await client.listPromotions(
                            query: .init(state: state, alias: alias, maxResults: maxResults, pageToken: token)).ok.body.json
                    }
                    return (list.promotions, list.nextPageToken)
                }
                try options.emit(PromotionList(promotions: page.items, nextPageToken: page.next)) { PromotionPrinting.table(page.items) }
                if options.format == .table { Pagination.noteMore(page.next) }
            }
        }
    }
}

extension Operations.ListPromotions.Input.Query.StatePayload: ExpressibleByArgument {}
