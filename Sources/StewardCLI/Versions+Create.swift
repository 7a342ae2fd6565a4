import ArgumentParser
import StewardAPI

extension VersionsCommand {
    /// `steward versions create MODEL`: a new pending version, optionally uploaded and sealed in one go.
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a new version of a model.",
            discussion: """
                The version starts as pending. Upload its files with `versions upload` and seal it with \
                `versions finalize`, or do all three at once with --upload PATH --finalize.
                """)

        @Argument(help: "The model name.")
        var model: String

        @OptionGroup var fields: VersionFields

        @Option(name: .customLong("tag"), help: ArgumentHelp("A tag; repeatable.", valueName: "key=value"))
        var tags: [KeyValueArgument] = []

        @Option(help: ArgumentHelp("Upload this file or directory into the new version.", valueName: "path"))
        var upload: String?

        @Flag(help: "Seal the version after creating (and uploading) it.")
        var finalize = false

        @Option(help: ArgumentHelp("The run that produced this version (links it to its training data).", valueName: "run-id"))
        var runId: String?

        @OptionGroup var options: ClientOptions

        func run() async throws {
            try await options.withClient(timeout: upload == nil ? .metadata : .transfer) { client in
                let uploads = try upload.map { try LocalFiles.collect(localPath: $0, remotePath: nil) }
                let body = Components.Schemas.VersionCreate(
                    runId: runId,
                    description: fields.description,
                    tags: tags.isEmpty ? nil : .init(additionalProperties: tags.dictionary()),
                    params: fields.paramMap,
                    metrics: fields.metricMap,
                    inputSchema: try fields.inputSchema(),
                    outputSchema: try fields.outputSchema(),
                    source: fields.source)
                var version = try await client.createVersion(path: .init(name: model), body: .json(body))
                    .created.body.json
                do {
                    if let uploads {
                        let uploader = FileUploader(client: client, model: model, version: version.version)
                        _ = try await uploader.upload(uploads)
                    }
                    if finalize {
                        version = try await client.finalizeVersion(
                            path: .init(name: model, version: version.version)
                        ).ok.body.json
                    } else if uploads != nil {
                        version = try await client.getVersion(path: .init(name: model, version: version.version))
                            .ok.body.json
                    }
                } catch {
                    StandardError.write("note: version \(version.version) of \(model) was created and is still pending")
                    throw error
                }
                try options.emit(version) { VersionPrinting.details(version) }
            }
        }
    }
}
