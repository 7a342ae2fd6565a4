import ArgumentParser

extension AccountsCommand {
    /// `steward accounts list`: every account (administrators).
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List accounts (administrators).")

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let list = try await client.listAccounts().ok.body.json
                try options.emit(list) { IdentityPrinting.accounts(list.accounts) }
            }
        }
    }
}
