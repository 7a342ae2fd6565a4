import ArgumentParser

extension ModelsCommand {
    /// `steward models list`: one page of models, or every page with `--all`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List and search registered models.")

        @OptionGroup var listing: ListingOptions
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let page = try await Pagination.collect(from: listing.pageToken, all: listing.all) { token in
                    let list = try await client.listModels(
                        query: .init(
                            filter: listing.filter, orderBy: listing.orderBy,
                            maxResults: listing.maxResults, pageToken: token)
                    ).ok.body.json
                    return (list.models, list.nextPageToken)
                }
                try options.emit(ModelList(models: page.items, nextPageToken: page.next)) {
                    ModelPrinting.table(page.items)
                }
                if options.format == .table { Pagination.noteMore(page.next) }
            }
        }
    }
}
