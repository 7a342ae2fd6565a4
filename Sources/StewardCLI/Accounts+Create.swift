import ArgumentParser
import StewardAPI

extension AccountsCommand {
    /// `steward accounts create NAME`: a new account, with a password only via `--password-stdin`.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create", abstract: "Create an account (administrators).",
            discussion: """
                The password is never an argument: pass --password-stdin and pipe it in \
                (printf '%s' "$PASSWORD" | steward accounts create alice --password-stdin), \
                or type it at the prompt. Accounts without a password authenticate with tokens only.
                """)

        @Argument(help: "The account name (letters, digits, '.', '_', '-', '@').")
        var name: String

        @Option(help: "The kind of account: user, service or consumer. (default: user)")
        var kind: Components.Schemas.AccountCreate.KindPayload?

        @Option(name: .customLong("role"), help: ArgumentHelp("A role; repeatable. (default: viewer)", valueName: "role"))
        var roles: [Components.Schemas.Role] = []

        @Option(help: "The rate-limit tier: low, normal or high. (default: normal)")
        var tier: Components.Schemas.AccountCreate.TierPayload?

        @Flag(help: "Read the account's password (12 characters or more) from standard input.")
        var passwordStdin = false

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let password = passwordStdin ? try PasswordInput.readFromStandardInput() : nil
                let body = Components.Schemas.AccountCreate(
                    name: name, kind: kind, roles: roles.isEmpty ? nil : roles, tier: tier, password: password)
                let account = try await client.createAccount(body: .json(body)).created.body.json
                try options.emit(account) { IdentityPrinting.details(account) }
            }
        }
    }
}
