import ArgumentParser

extension TokensCommand {
    /// `steward tokens list`: your tokens, or with `--all` everyone's (administrators). Never secrets.
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List your tokens, or everyone's with --all (administrators); secrets are never shown.")

        @Flag(help: "List every account's tokens (administrators).")
        var all = false

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let list = try await client.listTokens(query: .init(all: all ? true : nil)).ok.body.json
                try options.emit(list) { TokenPrinting.table(list.tokens) }
            }
        }
    }
}
