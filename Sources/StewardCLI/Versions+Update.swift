import ArgumentParser
import StewardAPI

extension VersionsCommand {
    /// `steward versions update MODEL VERSION`: changes the given fields; tags are merged.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Change a version's description, tags or (while pending) its other fields.",
            discussion: "Once a version is finalized only --description, --tag and --remove-tag are accepted.")

        @OptionGroup var target: VersionReference

        @OptionGroup var fields: VersionFields

        @Option(name: .customLong("tag"), help: ArgumentHelp("Set a tag; repeatable.", valueName: "key=value"))
        var tags: [KeyValueArgument] = []

        @Option(name: .customLong("remove-tag"), help: ArgumentHelp("Remove a tag; repeatable.", valueName: "key"))
        var removedTags: [String] = []

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let patch = try mergePatch(set: tags, remove: removedTags)
                let body = Components.Schemas.VersionUpdate(
                    description: fields.description,
                    tags: patch.isEmpty ? nil : .init(additionalProperties: patch),
                    params: fields.paramMap,
                    metrics: fields.metricMap,
                    inputSchema: try fields.inputSchema(),
                    outputSchema: try fields.outputSchema(),
                    source: fields.source)
                guard body != Components.Schemas.VersionUpdate() else {
                    throw CLIFailure.usage("nothing to update: give at least one field to change")
                }
                let version = try await client.updateVersion(
                    path: .init(name: target.model, version: target.version), body: .json(body)
                ).ok.body.json
                try options.emit(version) { VersionPrinting.details(version) }
            }
        }
    }
}
