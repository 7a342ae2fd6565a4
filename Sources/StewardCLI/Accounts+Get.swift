import ArgumentParser

extension AccountsCommand {
    /// `steward accounts get NAME`: one account (administrators, or your own).
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get", abstract: "Show an account (administrators, or your own).")

        @Argument(help: "The account name.")
        var name: String

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let account = try await client.getAccount(path: .init(account: name)).ok.body.json
                try options.emit(account) { IdentityPrinting.details(account) }
            }
        }
    }
}
