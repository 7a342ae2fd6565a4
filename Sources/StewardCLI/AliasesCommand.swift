import ArgumentParser

/// `steward aliases …`: point named aliases (`model@alias`) at versions, resolve them and read their history.
public struct AliasesCommand: AsyncParsableCommand {
    /// The `aliases` command and its subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "aliases",
        abstract: "Set, resolve, list and delete model aliases, and show their history.",
        subcommands: [List.self, Assign.self, Get.self, Delete.self, History.self, Protect.self, Protection.self, Unprotect.self])

    /// Creates the command (ArgumentParser fills in its arguments).
    public init() {}
}

/// The `MODEL ALIAS` pair that names one alias.
struct AliasReference: ParsableArguments {
    @Argument(help: "The model name.")
    var model: String

    @Argument(help: "The alias name, e.g. production.")
    var alias: String
}
