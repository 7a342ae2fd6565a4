import ArgumentParser
import StewardAPI

extension ModelsCommand {
    /// `steward models create NAME`: registers a model.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "create", abstract: "Register a new model.")

        @Argument(help: "The model name (1 to 256 characters, no '/').")
        var name: String

        @Option(help: "A description (Markdown).")
        var description: String?

        @Option(name: .customLong("tag"), help: ArgumentHelp("A tag; repeatable.", valueName: "key=value"))
        var tags: [KeyValueArgument] = []

        @Option(help: ArgumentHelp("The owning team (its members maintain the model).", valueName: "team"))
        var owner: String?

        @Option(help: "Who may see the model: internal (everyone signed in) or restricted (administrators, the owning team and grantees). (default: internal)")
        var visibility: Components.Schemas.Visibility?

        @Option(help: "The ML task, e.g. classification.")
        var task: String?

        @Option(help: "The ML framework, e.g. pytorch.")
        var framework: String?

        @Option(help: ArgumentHelp("A JSON file holding the model card (a JSON object).", valueName: "file.json"))
        var cardFile: String?

        @Option(help: ArgumentHelp("Make a retried create safe: the same key answers the first result.", valueName: "key"))
        var idempotencyKey: String?

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let card = try cardFile.map { Components.Schemas.ModelCard(additionalProperties: try JSONFile.object(at: $0, option: "--card-file")) }
                let body = Components.Schemas.ModelCreate(
                    name: name,
                    description: description,
                    tags: tags.isEmpty ? nil : .init(additionalProperties: tags.dictionary()),
                    visibility: visibility,
                    owner: owner,
                    task: task,
                    framework: framework,
                    card: card)
                let model = try await client.createModel(
                    headers: .init(idempotencyKey: idempotencyKey), body: .json(body)
                ).created.body.json
                try options.emit(model) { ModelPrinting.details(model) }
            }
        }
    }
}
