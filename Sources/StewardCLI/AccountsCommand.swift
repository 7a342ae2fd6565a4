import ArgumentParser

/// `steward accounts …`: create, list, inspect and change accounts (administrators).
public struct AccountsCommand: AsyncParsableCommand {
    /// The `accounts` command and its subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Create, list, inspect and change user, service and consumer accounts.",
        subcommands: [List.self, Create.self, Get.self, Update.self])

    /// Creates the command (ArgumentParser fills in its arguments).
    public init() {}
}
