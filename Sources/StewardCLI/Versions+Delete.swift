import ArgumentParser

extension VersionsCommand {
    /// `steward versions delete MODEL VERSION`: refused while an alias points at the version.
    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "delete", abstract: "Delete (retire) a version.")

        @OptionGroup var target: VersionReference
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                _ = try await client.deleteVersion(path: .init(name: target.model, version: target.version))
                    .noContent
                options.confirm("Deleted version \(target.version) of \(target.model).")
            }
        }
    }
}
