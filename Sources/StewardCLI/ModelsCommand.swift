import ArgumentParser

/// `steward models …`: register, list, inspect, change, rename and delete models.
public struct ModelsCommand: AsyncParsableCommand {
    /// The `models` command and its subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "models",
        abstract: "Register, list, inspect, change and delete models.",
        subcommands: [List.self, Create.self, Get.self, Update.self, Rename.self, Delete.self])

    /// Creates the command (ArgumentParser fills in its arguments).
    public init() {}
}
