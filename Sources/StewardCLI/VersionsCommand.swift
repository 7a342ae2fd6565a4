import ArgumentParser

/// `steward versions …`: create versions, upload and download their files, seal, search and retire them.
public struct VersionsCommand: AsyncParsableCommand {
    /// The `versions` command and its subcommands.
    public static let configuration = CommandConfiguration(
        commandName: "versions",
        abstract: "Create, upload, finalize, search, download and delete model versions.",
        subcommands: [
            Create.self, List.self, Search.self, Get.self, Update.self, Delete.self,
            Files.self, Upload.self, Download.self, Finalize.self, Consumers.self,
            Deprecate.self, Undeprecate.self, Hold.self, Release.self, // issue 6
        ])

    /// Creates the command (ArgumentParser fills in its arguments).
    public init() {}
}

/// The `MODEL VERSION` pair that names one version.
struct VersionReference: ParsableArguments {
    @Argument(help: "The model name.")
    var model: String

    @Argument(help: "The version number.")
    var version: Int

    func validate() throws {
        if version < 1 { throw ValidationError("the version number must be 1 or more") }
    }
}
