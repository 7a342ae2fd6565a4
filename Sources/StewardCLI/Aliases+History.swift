import ArgumentParser

extension AliasesCommand {
    /// `steward aliases history MODEL ALIAS`: every change, newest first.
    struct History: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "history", abstract: "Show every change of an alias, newest first.")

        @OptionGroup var reference: AliasReference
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let history = try await client.getAliasHistory(
                    path: .init(name: reference.model, alias: reference.alias)
                ).ok.body.json
                try options.emit(history) { AliasPrinting.history(history) }
            }
        }
    }
}
