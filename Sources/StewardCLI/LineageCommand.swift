import ArgumentParser
import StewardAPI

/// `steward lineage …`: trace a model version to its data, a dataset version to the models and
/// consumers built on it, and compare two versions of a model.
public struct LineageCommand: AsyncParsableCommand {
    /// The `lineage` command and its subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "lineage",
        abstract: "Upstream and downstream lineage, and what changed between two versions.",
        subcommands: [Upstream.self, Downstream.self, Compare.self])

    /// Creates the command (ArgumentParser fills in its arguments).
    public init() {}

    /// `steward lineage upstream MODEL VERSION`: version → run → dataset versions.
    struct Upstream: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "upstream", abstract: "The run and data a model version was built from.")

        @OptionGroup var target: VersionReference
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let lineage = try await client.getUpstreamLineage(path: .init(name: target.model, version: target.version)).ok.body.json
                try options.emit(lineage) { LineagePrinting.upstream(lineage) }
            }
        }
    }

    /// `steward lineage downstream DATASET VERSION`: dataset version → runs → versions → aliases → consumers.
    struct Downstream: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "downstream", abstract: "The runs, model versions, aliases and consumers built on a dataset version.")

        @OptionGroup var target: DatasetVersionReference
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let lineage = try await client.getDownstreamLineage(path: .init(dataset: target.dataset, version: target.version)).ok.body.json
                try options.emit(lineage) { LineagePrinting.downstream(lineage) }
            }
        }
    }

    /// `steward lineage compare MODEL FROM TO`.
    struct Compare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "compare", abstract: "What changed in data, code, params and metrics between two versions.")

        @Argument(help: "The model name.")
        var model: String

        @Argument(help: "The earlier version.")
        var from: Int

        @Argument(help: "The later version.")
        var to: Int

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let comparison = try await client.compareVersions(path: .init(name: model), query: .init(from: from, to: to)).ok.body.json
                try options.emit(comparison) { LineagePrinting.comparison(comparison) }
            }
        }
    }
}
