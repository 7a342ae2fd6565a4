import ArgumentParser

/// `steward teams …`: create, list, inspect and delete teams, and manage their members.
public struct TeamsCommand: AsyncParsableCommand {
    /// The `teams` command and its subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "teams",
        abstract: "Create, list, inspect and delete teams, and add or remove their members.",
        subcommands: [List.self, Create.self, Get.self, Delete.self, AddMember.self, RemoveMember.self])

    /// Creates the command (ArgumentParser fills in its arguments).
    public init() {}
}

/// The `TEAM ACCOUNT` arguments of `teams add-member` and `teams remove-member`.
struct TeamMembership: ParsableArguments {
    @Argument(help: "The team name.")
    var team: String

    @Argument(help: "The account name.")
    var account: String
}
