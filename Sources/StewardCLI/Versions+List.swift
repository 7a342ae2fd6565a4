import ArgumentParser

extension VersionsCommand {
    /// `steward versions list MODEL`: one page of a model's versions, or every page with `--all`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List and search the versions of one model.")

        @Argument(help: "The model name.")
        var model: String

        @OptionGroup var listing: ListingOptions
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let page = try await Pagination.collect(from: listing.pageToken, all: listing.all) { token in
                    let list = try await client.listVersions(
                        path: .init(name: model),
                        query: .init(
                            filter: listing.filter, orderBy: listing.orderBy,
                            maxResults: listing.maxResults, pageToken: token)
                    ).ok.body.json
                    return (list.versions, list.nextPageToken)
                }
                try options.emit(VersionList(versions: page.items, nextPageToken: page.next)) {
                    VersionPrinting.table(page.items, showModel: false)
                }
                if options.format == .table { Pagination.noteMore(page.next) }
            }
        }
    }
}
