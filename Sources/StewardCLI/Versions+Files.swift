import ArgumentParser

extension VersionsCommand {
    /// `steward versions files MODEL VERSION`: the version's manifest.
    struct Files: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "files", abstract: "List the files of a version.")

        @OptionGroup var target: VersionReference
        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient { client in
                let list = try await client.listFiles(path: .init(name: target.model, version: target.version))
                    .ok.body.json
                try options.emit(list) { VersionPrinting.files(list.files) }
            }
        }
    }
}
