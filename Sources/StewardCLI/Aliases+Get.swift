import ArgumentParser

extension AliasesCommand {
    /// `steward aliases get MODEL ALIAS`: the version the alias resolves to.
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get", abstract: "Resolve an alias and show the version it points at.")

        @OptionGroup var reference: AliasReference
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let version = try await client.resolveAlias(
                    path: .init(name: reference.model, alias: reference.alias)
                ).ok.body.json
                try options.emit(version) { VersionPrinting.details(version) }
            }
        }
    }
}
