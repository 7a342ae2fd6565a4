import ArgumentParser

extension AliasesCommand {
    /// `steward aliases set MODEL ALIAS VERSION`: creates the alias or moves it.
    struct Assign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set", abstract: "Point an alias at a (ready) version, creating or moving it.")

        @OptionGroup var reference: AliasReference

        @Argument(help: "The version number.")
        var version: Int

        @OptionGroup var options: ClientOptions

        func validate() throws {
            if version < 1 { throw ValidationError("the version number must be 1 or more") }
        }

        func run() async throws {
            try await options.withClient { client in
                let alias = try await client.setAlias(
                    path: .init(name: reference.model, alias: reference.alias),
                    body: .json(.init(version: version))
                ).ok.body.json
                try options.emit(alias) { AliasPrinting.table([alias]) }
            }
        }
    }
}
