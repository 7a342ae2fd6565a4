import ArgumentParser
import Foundation

extension VersionsCommand {
    /// `steward versions download MODEL VERSION [PATH]`: one file, or every file of the version.
    struct Download: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "download",
            abstract: "Download one file, or every file, of a version.",
            discussion: """
                With PATH, downloads that file to --output (a file, or an existing directory to put it \
                in; default: its name in the current directory). Without PATH, downloads every file \
                of the version into the --output directory (default: the current directory), \
                recreating subdirectories.
                """)

        @OptionGroup var target: VersionReference

        @Argument(help: "The file's path inside the version; omit to download every file.")
        var path: String?

        @Option(name: [.customShort("o"), .long], help: ArgumentHelp("Where to write.", valueName: "dir-or-file"))
        var output: String?

        @OptionGroup var options: ClientOptions

        /// What `--format json` prints for each downloaded file.
        struct Downloaded: Encodable {
            var path: String
            var localPath: String
            var size: Int64

            enum CodingKeys: String, CodingKey {
                case path
                case localPath = "local_path"
                case size
            }
        }

        func run() async throws {
            try await options.withClient(timeout: .metadata) { client in
                let downloader = FileDownloader(client: client, model: target.model, version: target.version)
                var downloaded: [Downloaded] = []
                if let path {
                    let destination = try singleDestination(for: path)
                    let size = try await downloader.download(path, to: destination, expectedSize: nil)
                    downloaded.append(.init(path: path, localPath: destination.path, size: size))
                } else {
                    let directory = try directoryDestination()
                    let list = try await client.listFiles(path: .init(name: target.model, version: target.version))
                        .ok.body.json
                    for file in list.files {
                        let destination = try FileDownloader.localURL(for: file.path, under: directory)
                        let size = try await downloader.download(file.path, to: destination, expectedSize: file.size)
                        downloaded.append(.init(path: file.path, localPath: destination.path, size: size))
                    }
                }
                try options.emit(downloaded) {
                    var table = TableFormatter(headers: ["PATH", "SIZE", "SAVED AS"])
                    for file in downloaded { table.append([file.path, ByteCount.format(file.size), file.localPath]) }
                    return table.render()
                }
            }
        }

        private func singleDestination(for remotePath: String) throws -> URL {
            let name = remotePath.split(separator: "/").last.map(String.init) ?? remotePath
            guard let output else { return try FileDownloader.localURL(for: name, under: currentDirectory) }
            var isDirectory: ObjCBool = false
            if output.hasSuffix("/") || (FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory) && isDirectory.boolValue) {
                return try FileDownloader.localURL(for: name, under: URL(fileURLWithPath: output, isDirectory: true))
            }
            return URL(fileURLWithPath: output)
        }

        private func directoryDestination() throws -> URL {
            guard let output else { return currentDirectory }
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: output, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw CLIFailure.usage("--output \(output) is a file; downloading every file needs a directory")
            }
            return URL(fileURLWithPath: output, isDirectory: true)
        }

        private var currentDirectory: URL {
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)
        }
    }
}
