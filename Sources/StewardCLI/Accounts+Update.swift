import ArgumentParser
import StewardAPI

extension AccountsCommand {
    /// `steward accounts update NAME`: changes roles, tier, disabled state or password.
    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Change an account's roles, tier, state or password (administrators; anyone may change their own password).")

        /// `--disable` or `--enable`.
        enum State: String, EnumerableFlag {
            case disable
            case enable

            static func help(for value: State) -> ArgumentHelp? {
                switch value {
                case .disable: "Disable the account: its password and tokens stop working."
                case .enable: "Enable a disabled account."
                }
            }
        }

        @Argument(help: "The account name.")
        var name: String

        @Option(name: .customLong("role"), help: ArgumentHelp("A role; repeatable; replaces all roles.", valueName: "role"))
        var roles: [Components.Schemas.Role] = []

        @Option(help: "The new rate-limit tier: low, normal or high.")
        var tier: Components.Schemas.AccountUpdate.TierPayload?

        @Flag(exclusivity: .exclusive)
        var state: State?

        @Flag(help: "Read the new password (12 characters or more) from standard input.")
        var passwordStdin = false

        @OptionGroup var options: ClientOptions

        func validate() throws {
            if roles.isEmpty && tier == nil && state == nil && !passwordStdin {
                throw ValidationError("nothing to update: give at least one of --role, --tier, --disable, --enable, --password-stdin")
            }
        }

        func run() async throws {
            try await options.withClient { client in
                let password = passwordStdin ? try PasswordInput.readFromStandardInput() : nil
                let body = Components.Schemas.AccountUpdate(
                    roles: roles.isEmpty ? nil : roles, tier: tier, disabled: state.map { $0 == .disable }, password: password)
                let account = try await client.updateAccount(path: .init(account: name), body: .json(body)).ok.body.json
                try options.emit(account) { IdentityPrinting.details(account) }
            }
        }
    }
}
