import ArgumentParser

extension AliasesCommand {
    /// `steward aliases delete MODEL ALIAS`.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete an alias.")

        @OptionGroup var reference: AliasReference
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                _ = try await client.deleteAlias(path: .init(name: reference.model, alias: reference.alias))
                    .noContent
                options.confirm("Deleted alias \(reference.alias) of \(reference.model).")
            }
        }
    }
}
