import ArgumentParser

extension TokensCommand {
    /// `steward tokens revoke ID`: effective from the next request.
    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revoke a token (yours, or any as administrator).")

        @Argument(help: "The token id, as `tokens list` shows it.")
        var id: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                _ = try await client.revokeToken(path: .init(id: id)).noContent
                options.confirm("Revoked token \(id).")
            }
        }
    }
}
