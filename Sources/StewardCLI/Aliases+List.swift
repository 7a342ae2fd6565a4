import ArgumentParser

extension AliasesCommand {
    /// `steward aliases list MODEL`.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the aliases of a model.")

        @Argument(help: "The model name.")
        var model: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let list = try await client.listAliases(path: .init(name: model)).ok.body.json
                try options.emit(list) { AliasPrinting.table(list.aliases) }
            }
        }
    }
}
