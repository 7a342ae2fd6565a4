import ArgumentParser

extension VersionsCommand {
    /// `steward versions search --filter F`: versions across every model.
    struct Search: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "search",
            abstract: "Search versions across all models.",
            discussion: "In the filter, `name` is the model name, e.g. --filter \"name = 'fraud' AND status = 'ready'\".")

        @OptionGroup var listing: ListingOptions
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let page = try await Pagination.collect(from: listing.pageToken, all: listing.all) { token in
                    let list = try await client.searchVersions(
                        query: .init(
                            filter: listing.filter, orderBy: listing.orderBy,
                            maxResults: listing.maxResults, pageToken: token)
                    ).ok.body.json
                    return (list.versions, list.nextPageToken)
                }
                try options.emit(VersionList(versions: page.items, nextPageToken: page.next)) {
                    VersionPrinting.table(page.items, showModel: true)
                }
                if options.format == .table { Pagination.noteMore(page.next) }
            }
        }
    }
}
