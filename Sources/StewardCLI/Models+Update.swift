import ArgumentParser
import StewardAPI

extension ModelsCommand {
    /// `steward models update NAME`: changes the given fields; tags are merged.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update", abstract: "Change a model's description, tags, visibility, owner, task, framework or card.")

        @Argument(help: "The model name.")
        var name: String

        @Option(help: "A new description (Markdown).")
        var description: String?

        @Option(name: .customLong("tag"), help: ArgumentHelp("Set a tag; repeatable.", valueName: "key=value"))
        var tags: [KeyValueArgument] = []

        @Option(name: .customLong("remove-tag"), help: ArgumentHelp("Remove a tag; repeatable.", valueName: "key"))
        var removedTags: [String] = []

        @Option(help: ArgumentHelp("A new owning team.", valueName: "team"))
        var owner: String?

        @Option(help: "Who may see the model: internal or restricted.")
        var visibility: Components.Schemas.Visibility?

        @Option(help: "A new ML task.")
        var task: String?

        @Option(help: "A new ML framework.")
        var framework: String?

        @Option(help: ArgumentHelp("A JSON file holding the new model card (a JSON object).", valueName: "file.json"))
        var cardFile: String?

        @Option(help: ArgumentHelp("Update only if the model's ETag still matches.", valueName: "etag"))
        var ifMatch: String?

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let patch = try mergePatch(set: tags, remove: removedTags)
                let card = try cardFile.map { Components.Schemas.ModelCard(additionalProperties: try JSONFile.object(at: $0, option: "--card-file")) }
                let body = Components.Schemas.ModelUpdate(
                    description: description,
                    tags: patch.isEmpty ? nil : .init(additionalProperties: patch),
                    visibility: visibility,
                    owner: owner,
                    task: task,
                    framework: framework,
                    card: card)
                guard body != Components.Schemas.ModelUpdate() else {
                    throw CLIFailure.usage("nothing to update: give at least one of --description, --tag, --remove-tag, --visibility, --owner, --task, --framework, --card-file")
                }
                let model = try await client.updateModel(
                    path: .init(name: name), headers: .init(ifMatch: ifMatch), body: .json(body)
                ).ok.body.json
                try options.emit(model) { ModelPrinting.details(model) }
            }
        }
    }
}
