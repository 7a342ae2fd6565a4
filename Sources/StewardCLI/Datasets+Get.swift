import ArgumentParser
import StewardAPI

extension DatasetsCommand {
    /// `steward datasets list`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List registered datasets.")

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
                    let list = try await client.listDatasets(query: .init(maxResults: maxResults, pageToken: token)).ok.body.json
                    return (list.datasets, list.nextPageToken)
                }
                try options.emit(DatasetList(datasets: page.items, nextPageToken: page.next)) { DatasetPrinting.table(page.items) }
                if options.format == .table { Pagination.noteMore(page.next) }
            }
        }
    }

    /// `steward datasets get NAME`.
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a dataset.")

        @Argument(help: "The dataset name.")
        var dataset: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let dataset = try await client.getDataset(path: .init(dataset: dataset)).ok.body.json
                try options.emit(dataset) { DatasetPrinting.details(dataset) }
            }
        }
    }

    /// `steward datasets versions NAME`: the versions, newest first.
    struct Versions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "versions", abstract: "List the versions of a dataset.")

        @Argument(help: "The dataset name.")
        var dataset: String

        @Flag(help: "Follow next_page_token until every result is fetched.")
        var all = false

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let page = try await Pagination.collect(from: nil, all: all) { token in
                    let list = try await client.listDatasetVersions(path: .init(dataset: dataset), query: .init(pageToken: token)).ok.body.json
                    return (list.versions, list.nextPageToken)
                }
                try options.emit(DatasetVersionList(versions: page.items, nextPageToken: page.next)) { DatasetPrinting.table(page.items) }
                if options.format == .table { Pagination.noteMore(page.next) }
            }
        }
    }

    /// `steward datasets version NAME VERSION`.
    struct Version: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "version", abstract: "Show one dataset version and its taint flag.")

        @OptionGroup var target: DatasetVersionReference
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let version = try await client.getDatasetVersion(path: .init(dataset: target.dataset, version: target.version)).ok.body.json
                try options.emit(version) { DatasetPrinting.details(version) }
            }
        }
    }
}
