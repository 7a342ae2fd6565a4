import ArgumentParser
import StewardAPI

/// `steward catalog …`: find models (internal and third-party) by text, filter and facets.
public struct CatalogCommand: AsyncParsableCommand {
    /// The `catalog` command and its subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Search the model catalog with facets.",
        subcommands: [Search.self])

    /// Creates the command (ArgumentParser fills in its arguments).
    public init() {}
}

extension CatalogCommand {
    /// `steward catalog search [TEXT] [--filter F] [--facet name:value]…`.
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Search models by text (names, descriptions, tags, cards), filter and facets.",
            discussion: """
                Every word of TEXT must match. Facets: task, framework, owner, lifecycle, license, source, health;
                repeat --facet to select several values (one facet: either value; different facets: all).
                Example: steward catalog search fraud --facet task:classification --facet source:third_party
                """)

        @Argument(help: "Words to search for.")
        var text: [String] = []

        @Option(help: "A filter in the model search grammar, e.g. \"owner = 'risk'\".")
        var filter: String?

        @Option(name: .customLong("facet"), help: "A facet selection name:value (repeatable).")
        var facets: [String] = []

        @Option(help: "relevance (default), name or updated.")
        var orderBy: String?

        @Option(help: "Entries per page (1 to 200).")
        var maxResults: Int?

        @Option(help: "The next_page_token of a previous page.")
        var pageToken: String?

        @OptionGroup var options: ClientOptions

        func run() async throws {
            let order = try orderBy.map { value in
                guard let order = Operations.SearchCatalog.Input.Query.OrderByPayload(rawValue: value) else {
                    throw CLIFailure.usage("--order-by must be relevance, name or updated")
                }
                return order
            }
            try await options.withClient { client in
                let page = try await client.searchCatalog(query: .init(
                    q: text.isEmpty ? nil : text.joined(separator: " "), filter: filter, facet: facets.isEmpty ? nil : facets,
                    orderBy: order, maxResults: maxResults, pageToken: pageToken)).ok.body.json
                try options.emit(page) { CatalogPrinting.page(page) }
            }
        }
    }
}
