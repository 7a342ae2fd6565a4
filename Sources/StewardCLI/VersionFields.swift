import ArgumentParser
import StewardAPI

/// The version fields `versions create` and `versions update` both set.
struct VersionFields: ParsableArguments {
    @Option(help: "A description (Markdown).")
    var description: String?

    @Option(name: .customLong("param"), help: ArgumentHelp("A training parameter; repeatable.", valueName: "key=value"))
    var params: [KeyValueArgument] = []

    @Option(name: .customLong("metric"), help: ArgumentHelp("An evaluation metric; repeatable.", valueName: "key=number"))
    var metrics: [MetricArgument] = []

    @Option(help: ArgumentHelp("Where the version came from, e.g. a run URI.", valueName: "uri"))
    var source: String?

    @Option(help: ArgumentHelp("A JSON file holding the input schema.", valueName: "file.json"))
    var inputSchemaFile: String?

    @Option(help: ArgumentHelp("A JSON file holding the output schema.", valueName: "file.json"))
    var outputSchemaFile: String?

    /// `--param` as the API's string map, nil when none was given.
    var paramMap: Components.Schemas.StringMap? {
        params.isEmpty ? nil : .init(additionalProperties: params.dictionary())
    }

    /// `--metric` as the API's metric map, nil when none was given.
    var metricMap: Components.Schemas.MetricMap? {
        metrics.isEmpty ? nil : .init(additionalProperties: metrics.dictionary())
    }

    /// The parsed `--input-schema-file`.
    func inputSchema() throws -> Components.Schemas.AnyJSON? {
        try inputSchemaFile.map { try JSONFile.value(at: $0, option: "--input-schema-file") }
    }

    /// The parsed `--output-schema-file`.
    func outputSchema() throws -> Components.Schemas.AnyJSON? {
        try outputSchemaFile.map { try JSONFile.value(at: $0, option: "--output-schema-file") }
    }
}
