import ArgumentParser

extension ModelsCommand {
    /// `steward models delete NAME`: refused while the model has live versions, unless `--force`.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete a model.")

        @Argument(help: "The model name.")
        var name: String

        @Flag(help: "Delete even if the model still has live versions.")
        var force = false

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                _ = try await client.deleteModel(path: .init(name: name), query: .init(force: force ? true : nil))
                    .noContent
                options.confirm("Deleted model \(name).")
            }
        }
    }
}
