import ArgumentParser

/// `steward whoami`: the principal behind the credentials in use.
public struct WhoAmICommand: AsyncParsableCommand {
    /// The `whoami` command.
    public static let configuration = CommandConfiguration(
        commandName: "whoami", abstract: "Show the account, roles, teams and token scopes of the credentials in use.")

    @OptionGroup var options: ClientOptions

    /// Creates the command (ArgumentParser fills in its arguments).
    public init() {}

    /// Asks the server who the credentials belong to and prints it.
    public func run() async throws {
        try await options.withClient { client in
            let identity = try await client.whoAmI().ok.body.json
            try options.emit(identity) { IdentityPrinting.whoAmI(identity) }
        }
    }
}
