import ArgumentParser

extension ModelsCommand {
    /// `steward models rename NAME NEW_NAME`.
    struct Rename: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "rename", abstract: "Rename a model.")

        @Argument(help: "The current model name.")
        var name: String

        @Argument(help: "The new model name.")
        var newName: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let model = try await client.renameModel(
                    path: .init(name: name), body: .json(.init(newName: newName))
                ).ok.body.json
                try options.emit(model) { ModelPrinting.details(model) }
            }
        }
    }
}
