import ArgumentParser

extension VersionsCommand {
    /// `steward versions finalize MODEL VERSION`: seals the version (idempotent).
    struct Finalize: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "finalize", abstract: "Seal a version: its files and digest become immutable.")

        @OptionGroup var target: VersionReference
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let version = try await client.finalizeVersion(
                    path: .init(name: target.model, version: target.version)
                ).ok.body.json
                try options.emit(version) { VersionPrinting.details(version) }
            }
        }
    }
}
