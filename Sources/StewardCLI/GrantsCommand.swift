import ArgumentParser

/// `steward grants …`: who may read, write or maintain a model beyond what their roles allow.
public struct GrantsCommand: AsyncParsableCommand {
    /// The `grants` command and its subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "grants",
        abstract: "List, set and delete the grants of a model to accounts and teams.",
        discussion: "A grant gives an account or a team read, write or maintain permission on one model; it is how restricted models are shared.",
        subcommands: [List.self, Assign.self, Delete.self])

    /// Creates the command (ArgumentParser fills in its arguments).
    public init() {}
}

/// The `MODEL SUBJECT` arguments of `grants set` and `grants delete`.
struct GrantReference: ParsableArguments {
    @Argument(help: "The model name.")
    var model: String

    @Argument(
        help: ArgumentHelp("Whom the grant is for: account:<name> or team:<name>.", valueName: "subject"),
        transform: { try GrantSubject(parsing: $0) })
    var subject: GrantSubject
}
