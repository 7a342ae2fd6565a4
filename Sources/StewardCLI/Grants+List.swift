import ArgumentParser

extension GrantsCommand {
    /// `steward grants list MODEL` (needs maintain permission on the model).
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List a model's grants (needs maintain permission).")

        @Argument(help: "The model name.")
        var model: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let list = try await client.listGrants(path: .init(name: model)).ok.body.json
                try options.emit(list) { GrantPrinting.table(list.grants) }
            }
        }
    }
}
