import ArgumentParser
import StewardAPI

/// `steward datasets …`: register datasets and their immutable versions, flag and clear taint,
/// and trace a dataset version to the models built from it.
public struct DatasetsCommand: AsyncParsableCommand {
    /// The `datasets` command and its subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "datasets",
        abstract: "Register datasets and versions, flag taint, and show downstream lineage.",
        subcommands: [List.self, Get.self, Create.self, AddVersion.self, Versions.self, Version.self, FlagTaint.self, Clear.self])

    /// Creates the command (ArgumentParser fills in its arguments).
    public init() {}
}

/// The `DATASET VERSION` pair that names one dataset version.
struct DatasetVersionReference: ParsableArguments {
    @Argument(help: "The dataset name.")
    var dataset: String

    @Argument(help: "The version number.")
    var version: Int
}

// Short names for the generated schemas of datasets and lineage.
typealias Dataset = Components.Schemas.Dataset
typealias DatasetList = Components.Schemas.DatasetList
typealias DatasetVersion = Components.Schemas.DatasetVersion
typealias DatasetVersionList = Components.Schemas.DatasetVersionList
typealias TaintChange = Components.Schemas.TaintChange
typealias DownstreamLineage = Components.Schemas.DownstreamLineage
typealias UpstreamLineage = Components.Schemas.UpstreamLineage
typealias VersionComparison = Components.Schemas.VersionComparison
