import ArgumentParser

extension ModelsCommand {
    /// `steward models get NAME`: one model.
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a model.")

        @Argument(help: "The model name.")
        var name: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let model = try await client.getModel(path: .init(name: name)).ok.body.json
                try options.emit(model) { ModelPrinting.details(model) }
            }
        }
    }
}
