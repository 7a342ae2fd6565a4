import ArgumentParser

extension VersionsCommand {
    /// `steward versions upload MODEL VERSION LOCAL_PATH`: one file, or every file under a directory.
    struct Upload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "upload",
            abstract: "Upload a file, or every file under a directory, into a pending version.",
            discussion: """
                A directory uploads each regular file below it at its path relative to the directory \
                ('/'-separated), under --as when given. Files stream from disk; an existing path in the \
                version is replaced.
                """)

        @OptionGroup var target: VersionReference

        @Argument(help: "The local file or directory.")
        var localPath: String

        @Option(name: .customLong("as"), help: ArgumentHelp("The path inside the version (for a directory: a prefix).", valueName: "remote-path"))
        var remotePath: String?

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient(timeout: .transfer) { client in
                let files = try LocalFiles.collect(localPath: localPath, remotePath: remotePath)
                let uploader = FileUploader(client: client, model: target.model, version: target.version)
                let entries = try await uploader.upload(files)
                try options.emit(FileList(files: entries, manifestDigest: nil)) { VersionPrinting.files(entries) }
            }
        }
    }
}
