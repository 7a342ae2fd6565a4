import ArgumentParser

extension VersionsCommand {
    /// `steward versions get MODEL VERSION`.
    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "get", abstract: "Show a version and its files.")

        @OptionGroup var target: VersionReference
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let version = try await client.getVersion(path: .init(name: target.model, version: target.version))
                    .ok.body.json
                try options.emit(version) { VersionPrinting.details(version) }
            }
        }
    }
}
