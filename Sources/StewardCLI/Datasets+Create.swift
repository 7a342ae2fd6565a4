import ArgumentParser
import StewardAPI

extension DatasetsCommand {
    /// `steward datasets create NAME`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Register a dataset.")

        @Argument(help: "The dataset name (1 to 256 characters, no '/').")
        var name: String

        @Option(help: "A description (Markdown).")
        var description: String?

        @Option(help: ArgumentHelp("The owning team.", valueName: "team"))
        var owner: String?

        @Option(help: "Where the data comes from (a warehouse, a feature store, …).")
        var sourceSystem: String?

        @Option(help: "The data's licence.")
        var license: String?

        @Option(name: .customLong("tag"), help: ArgumentHelp("A tag; repeatable.", valueName: "key=value"))
        var tags: [KeyValueArgument] = []

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let body = Components.Schemas.DatasetCreate(
                    name: name, description: description, owner: owner, sourceSystem: sourceSystem, license: license,
                    tags: tags.isEmpty ? nil : .init(additionalProperties: tags.dictionary()))
                let dataset = try await client.createDataset(body: .json(body)).created.body.json
                try options.emit(dataset) { DatasetPrinting.details(dataset) }
            }
        }
    }

    /// `steward datasets add-version NAME --uri … --digest …`.
    struct AddVersion: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "add-version", abstract: "Register the next, immutable version of a dataset.")

        @Argument(help: "The dataset name.")
        var dataset: String

        @Option(help: "Where the data is (s3://…, a table name, …).")
        var uri: String

        @Option(help: ArgumentHelp("The content digest, e.g. sha256:<64 hex digits>.", valueName: "algorithm:value"))
        var digest: String

        @Option(help: "The number of rows.")
        var rowCount: Int64?

        @Option(help: ArgumentHelp("A JSON file holding the schema.", valueName: "file.json"))
        var schemaFile: String?

        @Option(help: ArgumentHelp("A JSON file holding the summary profile.", valueName: "file.json"))
        var profileFile: String?

        @Option(help: "The source system (default: the dataset's).")
        var sourceSystem: String?

        @Option(help: "The licence (default: the dataset's).")
        var license: String?

        @Option(name: .customLong("tag"), help: ArgumentHelp("A tag; repeatable.", valueName: "key=value"))
        var tags: [KeyValueArgument] = []

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let body = Components.Schemas.DatasetVersionCreate(
                    uri: uri, digest: digest, schema: try schemaFile.map { try JSONFile.value(at: $0, option: "--schema-file") },
                    rowCount: rowCount, profile: try profileFile.map { try JSONFile.value(at: $0, option: "--profile-file") },
                    sourceSystem: sourceSystem, license: license, tags: tags.isEmpty ? nil : .init(additionalProperties: tags.dictionary()))
                let version = try await client.createDatasetVersion(path: .init(dataset: dataset), body: .json(body)).created.body.json
                try options.emit(version) { DatasetPrinting.details(version) }
            }
        }
    }
}
