import ArgumentParser

/// `steward tokens …`: issue, list and revoke API tokens.
public struct TokensCommand: AsyncParsableCommand {
    /// The `tokens` command and its subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Issue, list and revoke API tokens.",
        subcommands: [List.self, Create.self, Revoke.self])

    /// Creates the command (ArgumentParser fills in its arguments).
    public init() {}
}
